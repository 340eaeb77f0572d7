import {
  closeRoundEarly,
  createRound,
  currentQuestionnaireId,
  type Db,
  getRound,
  listCycleRounds,
  listRoundParticipation,
  listStaffRounds,
  listTeamParticipation,
  listUnits,
  type SessionUser,
  unitsWithSchoolForm,
} from '@kvalitetshjulet/db';
import {
  type CycleKind,
  cyclePeriod,
  cycleStartYear,
  isSchoolForm,
  type RoundShiftName,
  roundShift,
  roundState,
  SCHOOL_FORM_LABELS,
  type SchoolForm,
  shiftDates,
  staffReminders,
  termRoundName,
} from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { todayIn } from '../context.ts';
import { hasRole, unitIdsWithRole } from '../trpc.ts';

/** The units this person manages rounds for: all of the organizer's at organizer level, else the own units. */
function managedUnits(session: SessionUser): string[] | 'all' {
  return hasRole(session, 'organizer') ? 'all' : unitIdsWithRole(session, 'principal');
}

function mayManageAll(session: SessionUser, unitIds: readonly string[]): boolean {
  const managed = managedUnits(session);
  return managed === 'all' || unitIds.every((id) => managed.includes(id));
}

/** Rounds with participation per unit, and the units that new rounds can be opened for. */
export async function roundOverview(db: Db, session: SessionUser, now: Date) {
  const managed = managedUnits(session);
  const [participation, units] = await Promise.all([
    listRoundParticipation(db, session.organizerId, managed, todayIn(now)),
    listUnits(db, session.organizerId, managed === 'all' ? undefined : managed),
  ]);
  return { today: todayIn(now), participation, units };
}

export async function roundTeams(db: Db, session: SessionUser, roundId: string) {
  const round = await getRound(db, session.organizerId, roundId);
  if (!round) throw new TRPCError({ code: 'NOT_FOUND', message: 'Skattningsomgången finns inte.' });
  const managed = managedUnits(session);
  if (managed !== 'all' && !round.unitIds.some((id) => managed.includes(id))) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Omgången gäller inga av dina enheter.' });
  }
  return listTeamParticipation(db, session.organizerId, roundId, managed);
}

export interface NewRound {
  name: string;
  schoolForm: SchoolForm;
  unitIds: string[];
  opensOn: string;
  closesOn: string;
}

export async function openRound(db: Db, session: SessionUser, input: NewRound, now: Date) {
  const today = todayIn(now);
  const unitIds = [...new Set(input.unitIds)];
  if (!mayManageAll(session, unitIds)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Du kan bara öppna omgångar för dina egna enheter.' });
  }
  if (input.closesOn < input.opensOn) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Slutdatumet måste vara samma dag som startdatumet eller senare.' });
  }
  if (input.closesOn < today) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Slutdatumet har redan passerat. Välj ett datum från i dag och framåt.' });
  }
  const withForm = await unitsWithSchoolForm(db, session.organizerId, unitIds, input.schoolForm);
  const missing = unitIds.filter((id) => !withForm.includes(id));
  if (missing.length > 0) {
    const names = (await listUnits(db, session.organizerId, missing)).map((u) => u.name);
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `${names.join(', ') || 'En vald enhet'} har inte skolformen ${SCHOOL_FORM_LABELS[input.schoolForm].toLowerCase()}.`,
    });
  }
  const questionnaireId = await currentQuestionnaireId(db, session.organizerId, input.schoolForm);
  if (!questionnaireId) throw new TRPCError({ code: 'NOT_FOUND', message: 'Det finns inget frågeformulär för skolformen.' });
  const id = await createRound(db, {
    organizerId: session.organizerId,
    name: input.name.trim(),
    schoolForm: input.schoolForm,
    questionnaireId,
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    unitIds,
    createdBy: session.userId,
  });
  return { id };
}

export async function closeRound(db: Db, session: SessionUser, roundId: string, now: Date) {
  const round = await getRound(db, session.organizerId, roundId);
  if (!round) throw new TRPCError({ code: 'NOT_FOUND', message: 'Skattningsomgången finns inte.' });
  if (!mayManageAll(session, round.unitIds)) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Omgången gäller fler enheter än dina. Den kan stängas av huvudmannen.',
    });
  }
  const today = todayIn(now);
  if (roundState(round, today) === 'closed') {
    throw new TRPCError({ code: 'PRECONDITION_FAILED', message: 'Omgången är redan stängd.' });
  }
  await closeRoundEarly(db, session.organizerId, roundId, today);
  return { closedOn: today };
}

/** The annual calendar (årshjul): the rounds of the managed units that overlap a school or calendar year. */
export async function roundCycle(db: Db, session: SessionUser, kind: CycleKind, startYear: number | undefined, now: Date) {
  const today = todayIn(now);
  const period = cyclePeriod(kind, startYear ?? cycleStartYear(kind, today));
  const rounds = await listCycleRounds(db, session.organizerId, managedUnits(session), period.from, period.to);
  return {
    today,
    period,
    rounds: rounds.map((r) => ({ ...r, state: roundState(r, today), lastDay: r.closedEarlyOn ?? r.closesOn })),
  };
}

/**
 * A new round prefilled from a previous one: the same school form and units (those still
 * managed and still of that school form), dates shifted, and a name for the new term.
 */
export async function prefillFromPrevious(db: Db, session: SessionUser, roundId: string, shift: RoundShiftName) {
  const round = await getRound(db, session.organizerId, roundId);
  if (!round) throw new TRPCError({ code: 'NOT_FOUND', message: 'Skattningsomgången finns inte. Välj en annan omgång i årshjulet.' });
  const managed = managedUnits(session);
  const mine = managed === 'all' ? round.unitIds : round.unitIds.filter((id) => managed.includes(id));
  if (mine.length === 0) throw new TRPCError({ code: 'FORBIDDEN', message: 'Omgången gäller inga av dina enheter.' });
  if (!isSchoolForm(round.schoolForm)) throw new TRPCError({ code: 'NOT_FOUND', message: 'Omgångens skolform finns inte längre.' });
  const unitIds = await unitsWithSchoolForm(db, session.organizerId, mine, round.schoolForm);
  const dates = shiftDates(round, roundShift(shift));
  return {
    fromRound: { id: round.id, name: round.name, opensOn: round.opensOn, closesOn: round.closesOn },
    schoolForm: round.schoolForm,
    unitIds,
    /** Units of the previous round left out: another rektor's, inactive, or no longer of the school form. */
    leftOut: round.unitIds.length - unitIds.length,
    name: termRoundName(dates.opensOn, SCHOOL_FORM_LABELS[round.schoolForm]),
    opensOn: dates.opensOn,
    closesOn: dates.closesOn,
  };
}

/** Reminders for a staff member: open rounds they have not submitted, with days left. */
export async function roundReminders(db: Db, session: SessionUser, now: Date) {
  const today = todayIn(now);
  const rounds = await listStaffRounds(db, session.organizerId, session.userId, today);
  return { today, reminders: staffReminders(rounds, today) };
}
