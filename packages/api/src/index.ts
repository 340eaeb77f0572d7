export type { Context, SessionCookies } from './context.ts';
export { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, todayIn } from './context.ts';
export { type AppRouter, appRouter, createCaller } from './router.ts';
export {
  beginOidcLogin,
  completeOidcLogin,
  deactivateUserAccount,
  listLoginProviders,
  OIDC_CALLBACK_PATH,
  type OidcLoginFailure,
  type OidcOptions,
} from './use-cases/identity.ts';
export { getUnitComparison, getUnitResults } from './use-cases/results.ts';
export { endSession, resolveSession } from './use-cases/session.ts';
