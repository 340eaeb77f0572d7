import type { AppRouter } from '@kvalitetshjulet/api';
import type { inferRouterOutputs } from '@trpc/server';

/** What each procedure returns, as the page receives it (dates as strings). */
export type Outputs = inferRouterOutputs<AppRouter>;
