import type { Db } from '../create-database.ts';
import type { RoleName } from '../schema.ts';

export interface DemoPersona {
  userId: string;
  organizerId: string;
  organizerName: string;
  name: string;
  title: string;
  roles: RoleName[];
  unitNames: string[];
}

/** The people the demo login offers, in the order the demo seed gave them. */
export async function listDemoPersonas(db: Db): Promise<DemoPersona[]> {
  const rows = await db
    .selectFrom('demo_personas as p')
    .innerJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 'p.organizer_id').onRef('u.id', '=', 'p.user_id'))
    .innerJoin('organizers as o', 'o.id', 'p.organizer_id')
    .leftJoin('role_assignments as r', (j) => j.onRef('r.organizer_id', '=', 'u.organizer_id').onRef('r.user_id', '=', 'u.id'))
    .leftJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'r.organizer_id').onRef('su.id', '=', 'r.school_unit_id'))
    .select(['u.id', 'u.organizer_id', 'o.name as organizer_name', 'u.name', 'u.title', 'r.role', 'su.name as unit_name'])
    .where('u.active', '=', true)
    .orderBy('o.kind', 'desc')
    .orderBy('p.position')
    .orderBy('su.name')
    .execute();
  const people = new Map<string, DemoPersona>();
  for (const row of rows) {
    const person = people.get(row.id) ?? {
      userId: row.id,
      organizerId: row.organizer_id,
      organizerName: row.organizer_name,
      name: row.name,
      title: row.title,
      roles: [],
      unitNames: [],
    };
    if (row.role && !person.roles.includes(row.role)) person.roles.push(row.role);
    if (row.unit_name && !person.unitNames.includes(row.unit_name)) person.unitNames.push(row.unit_name);
    people.set(row.id, person);
  }
  return [...people.values()];
}

/** A demo persona that may be logged in as, or null. */
export async function findDemoPersona(db: Db, userId: string): Promise<{ organizerId: string; userId: string } | null> {
  const row = await db
    .selectFrom('demo_personas as p')
    .innerJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 'p.organizer_id').onRef('u.id', '=', 'p.user_id'))
    .select(['u.organizer_id', 'u.id'])
    .where('p.user_id', '=', userId)
    .where('u.active', '=', true)
    .executeTakeFirst();
  return row ? { organizerId: row.organizer_id, userId: row.id } : null;
}
