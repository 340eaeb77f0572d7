import { consensusRouter } from './routers/consensus.ts';
import { roundAdminRouter } from './routers/round-admin.ts';
import { sessionRouter } from './routers/session.ts';
import { startRouter } from './routers/start.ts';
import { surveyRouter } from './routers/survey.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  consensus: consensusRouter,
  rounds: roundAdminRouter,
  session: sessionRouter,
  start: startRouter,
  survey: surveyRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
