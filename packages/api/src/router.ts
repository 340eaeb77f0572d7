import { administrationRouter } from './routers/administration.ts';
import { consensusRouter } from './routers/consensus.ts';
import { identityRouter } from './routers/identity.ts';
import { organizerOverviewRouter } from './routers/organizer-overview.ts';
import { outcomeMeasuresRouter } from './routers/outcome-measures.ts';
import { qualityCycleRouter } from './routers/quality-cycle.ts';
import { questionnairesRouter } from './routers/questionnaires.ts';
import { resultsRouter } from './routers/results.ts';
import { resultsNavigationRouter } from './routers/results-navigation.ts';
import { roundAdminRouter } from './routers/round-admin.ts';
import { sessionRouter } from './routers/session.ts';
import { startRouter } from './routers/start.ts';
import { surveyRouter } from './routers/survey.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  administration: administrationRouter,
  consensus: consensusRouter,
  identity: identityRouter,
  organizerOverview: organizerOverviewRouter,
  outcomeMeasures: outcomeMeasuresRouter,
  qualityCycle: qualityCycleRouter,
  questionnaires: questionnairesRouter,
  results: resultsRouter,
  resultsNavigation: resultsNavigationRouter,
  rounds: roundAdminRouter,
  session: sessionRouter,
  start: startRouter,
  survey: surveyRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
