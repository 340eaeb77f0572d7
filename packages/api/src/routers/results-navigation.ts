import { todayIn } from '../context.ts';
import { authedProcedure, router } from '../trpc.ts';
import { resultsNavigation } from '../use-cases/results-navigation.ts';

export const resultsNavigationRouter = router({
  /** The units and rounds whose results this person may open. */
  options: authedProcedure.query(({ ctx }) => resultsNavigation(ctx.db, ctx.session, todayIn(ctx.now()))),
});
