import {
  countOrganization,
  type Db,
  getOrganizer,
  listRoundParticipation,
  listStaffRounds,
  listStandardQuestionnaires,
  listUnits,
  type SessionUser,
} from '@kvalitetshjulet/db';
import { unitIdsWithRole } from '../trpc.ts';

/** What a staff member sees first: their rounds with their own status. */
export async function staffStart(db: Db, session: SessionUser, today: string) {
  const rounds = await listStaffRounds(db, session.organizerId, session.userId, today);
  return { rounds };
}

/** What a rektor sees first: the own units and the participation in their rounds. */
export async function principalStart(db: Db, session: SessionUser, today: string) {
  const unitIds = unitIdsWithRole(session, 'principal');
  const [units, participation] = await Promise.all([
    listUnits(db, session.organizerId, unitIds),
    listRoundParticipation(db, session.organizerId, unitIds, today),
  ]);
  return { units, participation };
}

/** What the organizer level sees first: all units per school form and the current rounds' participation. */
export async function organizerStart(db: Db, session: SessionUser, today: string) {
  const [organizer, units, participation] = await Promise.all([
    getOrganizer(db, session.organizerId),
    listUnits(db, session.organizerId),
    listRoundParticipation(db, session.organizerId, 'all', today),
  ]);
  return { organizer, units, participation };
}

/** What an administrator sees first: the organizer's settings, head counts and the questionnaires. */
export async function adminStart(db: Db, session: SessionUser) {
  const [organizer, counts, questionnaires] = await Promise.all([
    getOrganizer(db, session.organizerId),
    countOrganization(db, session.organizerId),
    listStandardQuestionnaires(db),
  ]);
  return { organizer, counts, questionnaires };
}
