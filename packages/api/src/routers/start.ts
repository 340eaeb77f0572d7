import { todayIn } from '../context.ts';
import { adminProcedure, organizerProcedure, principalProcedure, router, staffProcedure } from '../trpc.ts';
import { adminStart, organizerStart, principalStart, staffStart } from '../use-cases/start.ts';

/** The start page of each role. */
export const startRouter = router({
  staff: staffProcedure.query(({ ctx }) => staffStart(ctx.db, ctx.session, todayIn(ctx.now()))),
  principal: principalProcedure.query(({ ctx }) => principalStart(ctx.db, ctx.session, todayIn(ctx.now()))),
  organizer: organizerProcedure.query(({ ctx }) => organizerStart(ctx.db, ctx.session, todayIn(ctx.now()))),
  admin: adminProcedure.query(({ ctx }) => adminStart(ctx.db, ctx.session)),
});
