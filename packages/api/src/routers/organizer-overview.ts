import { SCHOOL_FORMS } from '@kvalitetshjulet/domain';
import { z } from 'zod';
import { todayIn } from '../context.ts';
import { principalProcedure, router } from '../trpc.ts';
import { getOrganizerOverview } from '../use-cases/organizer-overview.ts';

/** The organizer overview: weakest areas and indicators, units below, and where support would matter most. */
export const organizerOverviewRouter = router({
  /** Everything the overview page shows for one school form and round, in one call. Rektorer get their own units. */
  overview: principalProcedure
    .input(z.object({ schoolForm: z.enum(SCHOOL_FORMS, 'Okänd skolform'), roundId: z.uuid('Okänd skattningsomgång').optional() }))
    .query(({ ctx, input }) => getOrganizerOverview(ctx.db, ctx.session, input, todayIn(ctx.now()))),
});
