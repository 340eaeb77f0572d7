import { ACTIVITY_STATUSES } from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { todayIn } from '../context.ts';
import { authedProcedure, hasRole, organizerProcedure, router } from '../trpc.ts';
import {
  carryPriorityForward,
  deleteActivity,
  deletePriority,
  getOrganizerQualityOverview,
  getQualityPlaces,
  getWorkspace,
  removeFinding,
  saveActivity,
  savePriority,
  saveText,
  takeFinding,
} from '../use-cases/quality-cycle.ts';
import { revisionInput } from './inputs.ts';

/**
 * Staff, rektorer and the organizer level. Which unit, and whether the person may edit, is checked
 * per call in the use-case (staff read their own unit; its rektor and the organizer level edit).
 */
const qualityProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!hasRole(ctx.session, 'staff', 'principal', 'organizer')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Du har inte behörighet till kvalitetsarbetet.' });
  }
  return next();
});

const roundId = z.uuid('Okänd skattningsomgång');
const scope = { roundId, schoolUnitId: z.uuid('Okänd enhet').nullish() };
const isoDate = (field: string) => z.iso.date(`${field} måste vara ett datum (ÅÅÅÅ-MM-DD).`);
const text = (field: string, max: number) => z.string().max(max, `${field} får vara högst ${max} tecken.`);

const textTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('analysis') }),
  z.object({ kind: z.literal('evidence') }),
  z.object({ kind: z.literal('cause'), findingId: z.uuid('Okänt fynd') }),
  z.object({ kind: z.literal('evaluation'), priorityId: z.uuid('Okänd prioritering') }),
]);

/** Vart ska vi? Hur gör vi? Hur blev det? The analysis, priorities, plan and follow-up. */
export const qualityCycleRouter = router({
  /** The units and rounds whose analysis and plan the person may read. */
  places: qualityProcedure.query(({ ctx }) => getQualityPlaces(ctx.db, ctx.session, todayIn(ctx.now()))),

  /** Everything of one unit's (or the organizer's, without unit) analysis, priorities, plan and follow-up in a round. */
  workspace: qualityProcedure
    .input(z.object(scope))
    .query(({ ctx, input }) => getWorkspace(ctx.db, ctx.session, input, todayIn(ctx.now()))),

  /** Takes a strength, weakness or samtalsfråga of the round into the analysis, with a snapshot of its figures. */
  takeFinding: qualityProcedure
    .input(
      z.object({
        ...scope,
        kind: z.enum(['strength', 'weakness', 'disagreement'], 'Okänd sorts fynd'),
        reference: z.enum(['own-average', 'organizer', 'previous-round'], 'Okänd jämförelse').nullable(),
        indicatorKey: z.string().min(1, 'Ange indikatorn').max(200),
      }),
    )
    .mutation(({ ctx, input }) => takeFinding(ctx.db, ctx.session, input, todayIn(ctx.now()))),

  removeFinding: qualityProcedure
    .input(z.object({ ...scope, findingId: z.uuid('Okänt fynd') }))
    .mutation(({ ctx, input }) => removeFinding(ctx.db, ctx.session, input)),

  /** Autosave of a text; saves only from the stored revision, else returns the conflict with the stored text. */
  saveText: qualityProcedure
    .input(
      z.object({
        ...scope,
        target: textTarget,
        body: text('Texten', 50_000),
        baseRevision: revisionInput(0),
      }),
    )
    .mutation(({ ctx, input }) => saveText(ctx.db, ctx.session, input, ctx.now())),

  /** Creates (no priorityId) or updates a priority with its indicators and target levels. */
  savePriority: qualityProcedure
    .input(
      z.object({
        ...scope,
        priorityId: z.uuid('Okänd prioritering').optional(),
        title: z.string().trim().min(1, 'Skriv en rubrik för utvecklingsområdet.').max(200, 'Rubriken får vara högst 200 tecken.'),
        reason: text('Motiveringen', 5000),
        goal: text('Målet', 5000),
        organizerPriorityId: z.uuid('Okänd prioritering hos huvudmannen').nullish(),
        indicators: z
          .array(
            z.object({
              indicatorKey: z.string().min(1, 'Ange indikatorn').max(200),
              targetMean: z.number('Målnivån måste vara ett tal.').nullable(),
            }),
          )
          .min(1, 'Välj minst en indikator som prioriteringen gäller.')
          .max(20, 'Välj högst 20 indikatorer.'),
      }),
    )
    .mutation(({ ctx, input }) => savePriority(ctx.db, ctx.session, input, ctx.now())),

  deletePriority: qualityProcedure
    .input(z.object({ priorityId: z.uuid('Okänd prioritering') }))
    .mutation(({ ctx, input }) => deletePriority(ctx.db, ctx.session, input.priorityId)),

  /** Carries a priority on into the next round's plan (or the given later round of the same school form). */
  carryForward: qualityProcedure
    .input(z.object({ priorityId: z.uuid('Okänd prioritering'), targetRoundId: roundId.optional() }))
    .mutation(({ ctx, input }) => carryPriorityForward(ctx.db, ctx.session, input, ctx.now())),

  /** Creates (no activityId) or updates an activity of a priority. */
  saveActivity: qualityProcedure
    .input(
      z.object({
        priorityId: z.uuid('Okänd prioritering'),
        activityId: z.uuid('Okänd aktivitet').optional(),
        title: z.string().trim().min(1, 'Skriv vad aktiviteten är.').max(300, 'Aktiviteten får vara högst 300 tecken.'),
        responsible: text('Ansvarig', 200),
        startsOn: isoDate('Startdatum'),
        endsOn: isoDate('Slutdatum'),
        resources: text('Resurser', 2000),
        expectedEffect: text('Förväntad effekt', 2000),
        followUp: text('Uppföljning', 2000),
        status: z.enum(ACTIVITY_STATUSES, 'Okänd status'),
      }),
    )
    .mutation(({ ctx, input }) => saveActivity(ctx.db, ctx.session, input)),

  deleteActivity: qualityProcedure
    .input(z.object({ activityId: z.uuid('Okänd aktivitet') }))
    .mutation(({ ctx, input }) => deleteActivity(ctx.db, ctx.session, input.activityId)),

  /** The organizer level: all units' priorities in a round, areas most prioritised, weaknesses without a priority. */
  overview: organizerProcedure
    .input(z.object({ roundId }))
    .query(({ ctx, input }) => getOrganizerQualityOverview(ctx.db, ctx.session, input, todayIn(ctx.now()))),
});
