import { publicProcedure, router } from '../trpc.ts';
import { listLoginProviders } from '../use-cases/identity.ts';

export const identityRouter = router({
  /** The organizers' enabled identity providers for the login page (name and start address only). */
  loginProviders: publicProcedure.query(({ ctx }) => listLoginProviders(ctx.db)),
});
