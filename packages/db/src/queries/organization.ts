import type { Db } from '../create-database.ts';

export interface OrganizerSettings {
  id: string;
  name: string;
  kind: 'kommun' | 'enskild';
  anonymityThreshold: number;
  staffCanSeeResults: boolean;
}

export async function getOrganizer(db: Db, organizerId: string): Promise<OrganizerSettings> {
  const row = await db
    .selectFrom('organizers')
    .select(['id', 'name', 'kind', 'anonymity_threshold', 'staff_can_see_results'])
    .where('id', '=', organizerId)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    anonymityThreshold: row.anonymity_threshold,
    staffCanSeeResults: row.staff_can_see_results,
  };
}

export interface UnitSummary {
  id: string;
  name: string;
  unitCode: string | null;
  schoolForms: string[];
  teamCount: number;
  staffCount: number;
}

/** Units of an organizer, optionally limited to some ids, with their school forms and head counts. */
export async function listUnits(db: Db, organizerId: string, onlyUnitIds?: readonly string[]): Promise<UnitSummary[]> {
  if (onlyUnitIds && onlyUnitIds.length === 0) return [];
  let query = db
    .selectFrom('school_units as su')
    .select((eb) => [
      'su.id',
      'su.name',
      'su.unit_code',
      eb
        .selectFrom('school_unit_forms as f')
        .select((e) => e.fn.agg<string[]>('array_agg', ['f.school_form']).as('forms'))
        .where('f.organizer_id', '=', organizerId)
        .whereRef('f.school_unit_id', '=', 'su.id')
        .as('school_forms'),
      eb
        .selectFrom('teams as t')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('t.organizer_id', '=', organizerId)
        .whereRef('t.school_unit_id', '=', 'su.id')
        .where('t.active', '=', true)
        .as('team_count'),
      eb
        .selectFrom('role_assignments as r')
        .select((e) => e.fn.count<number>('r.user_id').distinct().as('n'))
        .where('r.organizer_id', '=', organizerId)
        .whereRef('r.school_unit_id', '=', 'su.id')
        .where('r.role', '=', 'staff')
        .as('staff_count'),
    ])
    .where('su.organizer_id', '=', organizerId)
    .where('su.active', '=', true);
  if (onlyUnitIds) query = query.where('su.id', 'in', onlyUnitIds);
  const rows = await query.orderBy('su.name').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unitCode: r.unit_code,
    schoolForms: [...(r.school_forms ?? [])].sort(),
    teamCount: Number(r.team_count ?? 0),
    staffCount: Number(r.staff_count ?? 0),
  }));
}

export interface OrganizerCounts {
  units: number;
  teams: number;
  users: number;
  activeUsers: number;
}

export async function countOrganization(db: Db, organizerId: string): Promise<OrganizerCounts> {
  const [units, teams, users] = await Promise.all([
    db
      .selectFrom('school_units')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('organizer_id', '=', organizerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('teams')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('organizer_id', '=', organizerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('users')
      .select((e) => [
        e.fn.countAll<number>().as('n'),
        e.fn.sum<number>(e.case().when('active', '=', true).then(1).else(0).end()).as('active'),
      ])
      .where('organizer_id', '=', organizerId)
      .executeTakeFirstOrThrow(),
  ]);
  return { units: Number(units.n), teams: Number(teams.n), users: Number(users.n), activeUsers: Number(users.active ?? 0) };
}
