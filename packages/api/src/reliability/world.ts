/**
 * The demo organizers as the reliability tests see them: the ids of every unit, team, round, person
 * and role per organizer, and the personas that call the procedures.
 */
import type { Db } from '@kvalitetshjulet/db';
import { TEST_TODAY } from '@kvalitetshjulet/db/testing';

export interface OrganizerWorld {
  id: string;
  key: string;
  units: { id: string; name: string }[];
  teams: { id: string; unitId: string; name: string; schoolForm: string }[];
  rounds: { id: string; schoolForm: string; closed: boolean; open: boolean; unitIds: string[] }[];
  userIds: string[];
  roleIds: string[];
  questionnaireIds: string[];
  providerIds: string[];
  /** Some survey drafts (their ids are chosen by the browser). */
  draftIds: string[];
}

export interface World {
  byKey: Record<'exempelstad' | 'backaskolan', OrganizerWorld>;
  byId: Map<string, OrganizerWorld>;
  standardQuestionnaireIds: string[];
}

export async function loadWorld(db: Db): Promise<World> {
  const organizers = await db.selectFrom('organizers').select(['id', 'key']).execute();
  const byId = new Map<string, OrganizerWorld>();
  for (const o of organizers) {
    const [units, teams, rounds, roundUnits, users, roles, questionnaires, providers, drafts] = await Promise.all([
      db.selectFrom('school_units').select(['id', 'name']).where('organizer_id', '=', o.id).orderBy('name').execute(),
      db
        .selectFrom('teams')
        .select(['id', 'school_unit_id', 'name', 'school_form'])
        .where('organizer_id', '=', o.id)
        .orderBy('name')
        .execute(),
      db
        .selectFrom('rounds')
        .select(['id', 'school_form', 'opens_on', 'closes_on', 'closed_early_on'])
        .where('organizer_id', '=', o.id)
        .orderBy('opens_on')
        .execute(),
      db.selectFrom('round_units').select(['round_id', 'school_unit_id']).where('organizer_id', '=', o.id).execute(),
      db.selectFrom('users').select('id').where('organizer_id', '=', o.id).execute(),
      db.selectFrom('role_assignments').select('id').where('organizer_id', '=', o.id).execute(),
      db.selectFrom('questionnaires').select('id').where('organizer_id', '=', o.id).execute(),
      db.selectFrom('identity_providers').select('id').where('organizer_id', '=', o.id).execute(),
      db.selectFrom('drafts').select('id').where('organizer_id', '=', o.id).orderBy('id').limit(20).execute(),
    ]);
    byId.set(o.id, {
      id: o.id,
      key: o.key,
      units: units.map((u) => ({ id: u.id, name: u.name })),
      teams: teams.map((t) => ({ id: t.id, unitId: t.school_unit_id, name: t.name, schoolForm: t.school_form })),
      rounds: rounds.map((r) => {
        const end = r.closed_early_on && r.closed_early_on < r.closes_on ? r.closed_early_on : r.closes_on;
        return {
          id: r.id,
          schoolForm: r.school_form,
          closed: end < TEST_TODAY,
          open: r.opens_on <= TEST_TODAY && end >= TEST_TODAY,
          unitIds: roundUnits.filter((ru) => ru.round_id === r.id).map((ru) => ru.school_unit_id),
        };
      }),
      userIds: users.map((u) => u.id),
      roleIds: roles.map((r) => r.id),
      questionnaireIds: questionnaires.map((q) => q.id),
      providerIds: providers.map((p) => p.id),
      draftIds: drafts.map((d) => d.id),
    });
  }
  const standard = await db.selectFrom('questionnaires').select('id').where('organizer_id', 'is', null).execute();
  const get = (key: string) => {
    const found = [...byId.values()].find((o) => o.key === key);
    if (!found) throw new Error(`The demo organizer ${key} is missing from the test database.`);
    return found;
  };
  return {
    byKey: { exempelstad: get('exempelstad'), backaskolan: get('backaskolan') },
    byId,
    standardQuestionnaireIds: standard.map((q) => q.id),
  };
}

/** Every id an organizer owns. */
export function organizerIds(o: OrganizerWorld): string[] {
  return [
    ...o.units.map((u) => u.id),
    ...o.teams.map((t) => t.id),
    ...o.rounds.map((r) => r.id),
    ...o.userIds,
    ...o.roleIds,
    ...o.questionnaireIds,
    ...o.providerIds,
  ];
}

export const unitByName = (o: OrganizerWorld, name: string) => {
  const unit = o.units.find((u) => u.name === name);
  if (!unit) throw new Error(`No unit ${name}`);
  return unit;
};
