import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { compileOnce } from '../compile-once.ts';
import type { Db } from '../create-database.ts';
import type { RoleName } from '../schema.ts';

export interface SessionUser {
  sessionId: string;
  organizerId: string;
  userId: string;
  name: string;
  title: string;
  organizerName: string;
  roles: { role: RoleName; schoolUnitId: string | null; teamId: string | null; leadsTeam: boolean }[];
}

export async function createSession(
  db: Db,
  session: { id: string; organizerId: string; userId: string; expiresAt: Date; now: Date },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      organizer_id: session.organizerId,
      user_id: session.userId,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
    })
    .execute();
}

const sessionWithRoles = compileOnce((db: Db, p: { sessionId: string }) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 's.organizer_id').onRef('u.id', '=', 's.user_id'))
    .innerJoin('organizers as o', 'o.id', 's.organizer_id')
    .select((eb) => [
      's.id',
      's.organizer_id',
      's.user_id',
      's.last_seen_at',
      's.expires_at',
      'u.name',
      'u.title',
      'u.active',
      'o.name as organizer_name',
      // The roles in the same statement: every request reads its session, so one round trip matters.
      jsonArrayFrom(
        eb
          .selectFrom('role_assignments as ra')
          .select(['ra.role', 'ra.school_unit_id', 'ra.team_id', 'ra.leads_team'])
          .whereRef('ra.organizer_id', '=', 's.organizer_id')
          .whereRef('ra.user_id', '=', 's.user_id'),
      ).as('roles'),
    ])
    .where('s.id', '=', p.sessionId),
);

/**
 * How stale last_seen_at may get before a request writes it again. Every request reads the
 * session; writing it back on each one would add a write and a commit to autosaves that come every
 * few seconds. Five minutes against an idle timeout of hours: a session may end at most this much
 * before its idle timeout, never after it.
 */
export const SESSION_TOUCH_AFTER_MS = 5 * 60_000;

/**
 * The user behind a live session, with roles. A session past its absolute expiry, idle
 * longer than `idleMs`, or of a deactivated user gives null. Sliding: touches last_seen_at
 * when it is older than SESSION_TOUCH_AFTER_MS.
 */
export async function findSessionUser(db: Db, sessionId: string, now: Date, idleMs: number): Promise<SessionUser | null> {
  const row = (await sessionWithRoles(db, { sessionId })).rows[0];
  if (!row?.active) return null;
  if (row.expires_at.getTime() <= now.getTime() || now.getTime() - row.last_seen_at.getTime() > idleMs) {
    await deleteSession(db, sessionId);
    return null;
  }
  const roles = row.roles;
  if (now.getTime() - row.last_seen_at.getTime() > SESSION_TOUCH_AFTER_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('organizer_id', '=', row.organizer_id)
      .where('id', '=', sessionId)
      .execute();
  }
  return {
    sessionId: row.id,
    organizerId: row.organizer_id,
    userId: row.user_id,
    name: row.name,
    title: row.title,
    organizerName: row.organizer_name,
    roles: roles.map((r) => ({ role: r.role, schoolUnitId: r.school_unit_id, teamId: r.team_id, leadsTeam: r.leads_team })),
  };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
