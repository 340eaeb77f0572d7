import { sessionRouter } from './routers/session.ts';
import { startRouter } from './routers/start.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  session: sessionRouter,
  start: startRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
