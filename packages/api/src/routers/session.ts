import { listDemoPersonas } from '@kvalitetshjulet/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { SESSION_ABSOLUTE_MS } from '../context.ts';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';
import { demoLogin, endSession } from '../use-cases/session.ts';

export const sessionRouter = router({
  /** The logged-in person, or null. */
  me: publicProcedure.query(({ ctx }) => {
    if (!ctx.session) return null;
    const { sessionId: _sessionId, ...me } = ctx.session;
    return me;
  }),

  demoPersonas: publicProcedure.query(({ ctx }) => {
    if (!ctx.demoLoginEnabled) throw new TRPCError({ code: 'NOT_FOUND', message: 'Demoinloggningen är avstängd.' });
    return listDemoPersonas(ctx.db);
  }),

  demoLogin: publicProcedure.input(z.object({ userId: z.uuid('Okänd demoperson') })).mutation(async ({ ctx, input }) => {
    if (!ctx.demoLoginEnabled) throw new TRPCError({ code: 'NOT_FOUND', message: 'Demoinloggningen är avstängd.' });
    if (ctx.session) await endSession(ctx.db, ctx.session.sessionId);
    const token = await demoLogin(ctx.db, input.userId, ctx.now());
    if (!token) throw new TRPCError({ code: 'NOT_FOUND', message: 'Det finns ingen sådan demoperson.' });
    ctx.cookies.set(token, Math.floor(SESSION_ABSOLUTE_MS / 1000));
    return { ok: true as const };
  }),

  logout: authedProcedure.mutation(async ({ ctx }) => {
    await endSession(ctx.db, ctx.session.sessionId);
    ctx.cookies.clear();
    return { ok: true as const };
  }),
});
