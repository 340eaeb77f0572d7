import {
  closeRoundEarly,
  createRound,
  type Db,
  getRound,
  latestStandardQuestionnaireId,
  listRoundParticipation,
  listTeamParticipation,
  listUnits,
  type SessionUser,
  unitsWithSchoolForm,
} from '@kvalitetshjulet/db';
import { roundState, SCHOOL_FORM_LABELS, type SchoolForm } from '@kvalitetshjulet/domain';
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
  const questionnaireId = await latestStandardQuestionnaireId(db, input.schoolForm);
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
