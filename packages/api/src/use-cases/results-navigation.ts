import { type Db, getOrganizer, listRoundParticipation, listUnits, type SessionUser } from '@kvalitetshjulet/db';
import { hasRole, unitIdsWithRole } from '../trpc.ts';

/**
 * Which units this person may read results for, with their school forms and rounds, so the
 * result pages can offer the right choices: the organizer level every unit, a rektor the own
 * units, staff their own unit when the organizer allows it.
 */
export async function resultsNavigation(db: Db, session: SessionUser, today: string) {
  const organizer = await getOrganizer(db, session.organizerId);
  let unitIds: string[] | 'all';
  if (hasRole(session, 'organizer')) unitIds = 'all';
  else {
    const own = new Set(unitIdsWithRole(session, 'principal'));
    if (organizer.staffCanSeeResults) for (const id of unitIdsWithRole(session, 'staff')) own.add(id);
    unitIds = [...own];
  }
  const [units, rounds] = await Promise.all([
    listUnits(db, session.organizerId, unitIds === 'all' ? undefined : unitIds),
    listRoundParticipation(db, session.organizerId, unitIds, today),
  ]);
  return {
    organizerName: organizer.name,
    organizerLevel: hasRole(session, 'organizer'),
    canCompare: hasRole(session, 'organizer', 'principal'),
    threshold: organizer.anonymityThreshold,
    units: units.map((u) => ({ id: u.id, name: u.name, schoolForms: u.schoolForms })),
    rounds: rounds.filter((r) => r.state !== 'upcoming'),
  };
}
