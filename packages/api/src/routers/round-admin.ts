import { SCHOOL_FORMS } from '@kvalitetshjulet/domain';
import { z } from 'zod';
import { principalProcedure, router } from '../trpc.ts';
import { closeRound, openRound, roundOverview, roundTeams } from '../use-cases/round-admin.ts';

const isoDate = z.iso.date('Ange ett datum som ÅÅÅÅ-MM-DD');

/** Skattningsomgångar: rektor for the own units, the organizer level for all. */
export const roundAdminRouter = router({
  overview: principalProcedure.query(({ ctx }) => roundOverview(ctx.db, ctx.session, ctx.now())),

  teams: principalProcedure
    .input(z.object({ roundId: z.uuid('Okänd skattningsomgång') }))
    .query(({ ctx, input }) => roundTeams(ctx.db, ctx.session, input.roundId)),

  open: principalProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, 'Ge omgången ett namn.').max(120, 'Namnet får vara högst 120 tecken.'),
        schoolForm: z.enum(SCHOOL_FORMS, 'Välj en skolform.'),
        unitIds: z.array(z.uuid('Okänd enhet')).min(1, 'Välj minst en enhet.').max(500),
        opensOn: isoDate,
        closesOn: isoDate,
      }),
    )
    .mutation(({ ctx, input }) => openRound(ctx.db, ctx.session, input, ctx.now())),

  close: principalProcedure
    .input(z.object({ roundId: z.uuid('Okänd skattningsomgång') }))
    .mutation(({ ctx, input }) => closeRound(ctx.db, ctx.session, input.roundId, ctx.now())),
});
