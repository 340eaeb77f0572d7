import { SCHOOL_FORMS } from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { todayIn } from '../context.ts';
import { authedProcedure, hasRole, principalProcedure, router } from '../trpc.ts';
import { getFindings, getOrganizerResults, getTeamResults, getTrend, getUnitComparison, getUnitResults } from '../use-cases/results.ts';

/**
 * Anyone who may see some results: staff (their own unit, when the organizer allows it), rektorer
 * (their units) and the organizer level (every unit). Which unit is checked per call, in the
 * use-case, against the session's roles and the organizer's setting.
 */
const resultsProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!hasRole(ctx.session, 'staff', 'principal', 'organizer')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Du har inte behörighet att se resultat.' });
  }
  return next();
});

const roundId = z.uuid('Okänd skattningsomgång');
const schoolUnitId = z.uuid('Okänd enhet');
const teamId = z.uuid('Okänt arbetslag');
const schoolForm = z.enum(SCHOOL_FORMS, 'Okänd skolform');

/** Results: figures per indicator and area with anonymity applied, comparisons, trends and findings. */
export const resultsRouter = router({
  /** A unit's results in a round: indicators, areas, teams, comments, findings. */
  unit: resultsProcedure
    .input(z.object({ roundId, schoolUnitId }))
    .query(({ ctx, input }) => getUnitResults(ctx.db, ctx.session, input, todayIn(ctx.now()))),

  /** One team's results in a round. */
  team: resultsProcedure
    .input(z.object({ roundId, teamId }))
    .query(({ ctx, input }) => getTeamResults(ctx.db, ctx.session, input, todayIn(ctx.now()))),

  /** The organizer's own results for a school form (the latest round, or the given one). */
  organizer: principalProcedure
    .input(z.object({ schoolForm, roundId: roundId.optional() }))
    .query(({ ctx, input }) => getOrganizerResults(ctx.db, ctx.session, input, todayIn(ctx.now()))),

  /** Units side by side in one round, as column arrays. */
  compare: principalProcedure
    .input(z.object({ roundId, schoolUnitIds: z.array(schoolUnitId).min(1).max(2000).optional() }))
    .query(({ ctx, input }) => getUnitComparison(ctx.db, ctx.session, input, todayIn(ctx.now()))),

  /** One group's results round by round: the organizer (no unit), a unit or a team. */
  trend: resultsProcedure
    .input(z.object({ schoolForm, schoolUnitId: schoolUnitId.optional(), teamId: teamId.optional() }))
    .query(({ ctx, input }) => getTrend(ctx.db, ctx.session, input, todayIn(ctx.now()))),

  /** Strengths, weaknesses and disagreements of the organizer (no unit), a unit or a team in a round. */
  findings: resultsProcedure
    .input(z.object({ roundId, schoolUnitId: schoolUnitId.optional(), teamId: teamId.optional() }))
    .query(({ ctx, input }) => getFindings(ctx.db, ctx.session, input, todayIn(ctx.now()))),
});
