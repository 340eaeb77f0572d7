import { ROUND_SHIFTS, SCHOOL_FORMS } from '@kvalitetshjulet/domain';
import { z } from 'zod';
import { principalProcedure, router, staffProcedure } from '../trpc.ts';
import {
  closeRound,
  openRound,
  prefillFromPrevious,
  roundCycle,
  roundOverview,
  roundReminders,
  roundTeams,
} from '../use-cases/round-admin.ts';

const isoDate = z.iso.date('Ange ett datum som ÅÅÅÅ-MM-DD');

/** Skattningsomgångar: rektor for the own units, the organizer level for all. */
export const roundAdminRouter = router({
  overview: principalProcedure.query(({ ctx }) => roundOverview(ctx.db, ctx.session, ctx.now())),

  teams: principalProcedure
    .input(z.object({ roundId: z.uuid('Okänd skattningsomgång') }))
    .query(({ ctx, input }) => roundTeams(ctx.db, ctx.session, input.roundId)),

  open: principalProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, 'Ge omgången ett namn.').max(120, 'Namnet får vara högst 120 tecken.'),
        schoolForm: z.enum(SCHOOL_FORMS, 'Välj en skolform.'),
        unitIds: z.array(z.uuid('Okänd enhet')).min(1, 'Välj minst en enhet.').max(500),
        opensOn: isoDate,
        closesOn: isoDate,
      }),
    )
    .mutation(({ ctx, input }) => openRound(ctx.db, ctx.session, input, ctx.now())),

  close: principalProcedure
    .input(z.object({ roundId: z.uuid('Okänd skattningsomgång') }))
    .mutation(({ ctx, input }) => closeRound(ctx.db, ctx.session, input.roundId, ctx.now())),

  /** Årshjul: rounds per school form over a school year (Aug–Jul) or a calendar year. */
  cycle: principalProcedure
    .input(
      z.object({
        kind: z.enum(['school-year', 'calendar-year'], 'Välj läsår eller kalenderår.'),
        /** Without it: the year that contains today. */
        startYear: z.number().int().min(2000, 'Välj ett år från 2000.').max(2100, 'Välj ett år till och med 2100.').optional(),
      }),
    )
    .query(({ ctx, input }) => roundCycle(ctx.db, ctx.session, input.kind, input.startYear, ctx.now())),

  /** The form for a new round, prefilled from a previous one. */
  prefill: principalProcedure
    .input(z.object({ fromRoundId: z.uuid('Okänd skattningsomgång'), shift: z.enum(ROUND_SHIFTS, 'Välj hur datumen ska flyttas.') }))
    .query(({ ctx, input }) => prefillFromPrevious(ctx.db, ctx.session, input.fromRoundId, input.shift)),

  /** For staff: open rounds not yet submitted, with the days left. */
  reminders: staffProcedure.query(({ ctx }) => roundReminders(ctx.db, ctx.session, ctx.now())),
});
