import type { ImportPlan, OrganizationRole, OrganizationSnapshot, SchoolForm } from '@kvalitetshjulet/domain';
import { sql } from 'kysely';
import type { Db } from '../create-database.ts';
import type { IsoDate, RoleName } from '../schema.ts';

/** A generated key for rows created by an administrator (keys are the seed's stable names). */
const generatedKey = (prefix: string) => sql<string>`${prefix} || gen_random_uuid()::text`;

/** Runs `fn` in a transaction, or in the one `db` already is. */
function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

// ---------------------------------------------------------------------------------------------
// Audit log

export interface AuditEntryInput {
  organizerId: string;
  actorUserId: string | null;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
  occurredAt: Date;
}

export async function insertAuditEntry(db: Db, entry: AuditEntryInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      organizer_id: entry.organizerId,
      actor_user_id: entry.actorUserId,
      action: entry.action,
      target: entry.target ?? '',
      details: JSON.stringify(entry.details ?? {}),
      occurred_at: entry.occurredAt,
    })
    .execute();
}

/** Runs a change and writes its audit entry in the same transaction: both or neither. */
export function withAudit<T>(
  db: Db,
  entry: AuditEntryInput | ((result: T) => AuditEntryInput),
  change: (trx: Db) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (trx) => {
    const result = await change(trx);
    await insertAuditEntry(trx, typeof entry === 'function' ? entry(result) : entry);
    return result;
  });
}

/** A login, written for the user's own organizer (the login knows the user, the user row knows the organizer). */
/** A login, written to the audit log of the person's own organizer (the user is looked up within it). */
export async function insertLoginAuditEntry(
  db: Db,
  who: { organizerId: string; userId: string },
  occurredAt: Date,
  details: Record<string, unknown>,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .columns(['organizer_id', 'actor_user_id', 'action', 'target', 'details', 'occurred_at'])
    .expression((eb) =>
      eb
        .selectFrom('users')
        .select([
          'organizer_id',
          'id',
          sql.lit('session.login').as('action'),
          'email',
          sql<string>`cast(${JSON.stringify(details)} as jsonb)`.as('details'),
          sql<Date>`cast(${occurredAt.toISOString()} as timestamptz)`.as('occurred_at'),
        ])
        .where('organizer_id', '=', who.organizerId)
        .where('id', '=', who.userId),
    )
    .execute();
}

export interface AuditEntry {
  id: string;
  occurredAt: Date;
  actorName: string | null;
  action: string;
  target: string;
  details: Record<string, unknown>;
}

/** Newest first; `after` (the last entry of the previous page) pages on. */
export async function listAuditEntries(
  db: Db,
  organizerId: string,
  options: { limit: number; after?: { occurredAt: Date; id: string } | undefined; action?: string | undefined },
): Promise<AuditEntry[]> {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 'a.organizer_id').onRef('u.id', '=', 'a.actor_user_id'))
    .select(['a.id', 'a.occurred_at', 'u.name as actor_name', 'a.action', 'a.target', 'a.details'])
    .where('a.organizer_id', '=', organizerId);
  const after = options.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('a.occurred_at', '<', after.occurredAt), eb.and([eb('a.occurred_at', '=', after.occurredAt), eb('a.id', '>', after.id)])]),
    );
  }
  if (options.action) query = query.where('a.action', 'like', `${options.action.replace(/[%_\\]/g, '')}%`);
  const rows = await query.orderBy('a.occurred_at', 'desc').orderBy('a.id').limit(options.limit).execute();
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at,
    actorName: r.actor_name,
    action: r.action,
    target: r.target,
    details: r.details,
  }));
}

// ---------------------------------------------------------------------------------------------
// Settings and retention

export interface AdminSettings {
  name: string;
  kind: 'kommun' | 'enskild';
  anonymityThreshold: number;
  staffCanSeeResults: boolean;
  draftRetentionDays: number;
  auditRetentionDays: number;
}

export async function getAdminSettings(db: Db, organizerId: string): Promise<AdminSettings> {
  const row = await db
    .selectFrom('organizers')
    .select(['name', 'kind', 'anonymity_threshold', 'staff_can_see_results', 'draft_retention_days', 'audit_retention_days'])
    .where('id', '=', organizerId)
    .executeTakeFirstOrThrow();
  return {
    name: row.name,
    kind: row.kind,
    anonymityThreshold: row.anonymity_threshold,
    staffCanSeeResults: row.staff_can_see_results,
    draftRetentionDays: row.draft_retention_days,
    auditRetentionDays: row.audit_retention_days,
  };
}

export async function updateAdminSettings(db: Db, organizerId: string, settings: Omit<AdminSettings, 'kind'>): Promise<void> {
  await db
    .updateTable('organizers')
    .set({
      name: settings.name,
      anonymity_threshold: settings.anonymityThreshold,
      staff_can_see_results: settings.staffCanSeeResults,
      draft_retention_days: settings.draftRetentionDays,
      audit_retention_days: settings.auditRetentionDays,
    })
    .where('id', '=', organizerId)
    .execute();
}

/**
 * Removes what is past the organizer's retention: drafts of rounds closed at least
 * draft_retention_days ago (a round closed early closes that day; otherwise the day after
 * closes_on), and audit entries older than audit_retention_days. Returns the counts.
 */
export async function removePastRetention(
  db: Db,
  organizerId: string,
  today: IsoDate,
  now: Date,
): Promise<{ drafts: number; auditEntries: number }> {
  return inTransaction(db, async (trx) => {
    const { draftRetentionDays, auditRetentionDays } = await getAdminSettings(trx, organizerId);
    const drafts = await trx
      .deleteFrom('drafts')
      .where('organizer_id', '=', organizerId)
      .where('round_id', 'in', (eb) =>
        eb
          .selectFrom('rounds')
          .select('id')
          .where('organizer_id', '=', organizerId)
          .where(sql<boolean>`coalesce(closed_early_on, closes_on + 1) <= cast(${today} as date) - cast(${draftRetentionDays} as integer)`),
      )
      .executeTakeFirst();
    const cutoff = new Date(now.getTime() - auditRetentionDays * 24 * 60 * 60 * 1000);
    const audit = await trx
      .deleteFrom('audit_log')
      .where('organizer_id', '=', organizerId)
      .where('occurred_at', '<', cutoff)
      .executeTakeFirst();
    return { drafts: Number(drafts.numDeletedRows), auditEntries: Number(audit.numDeletedRows) };
  });
}

// ---------------------------------------------------------------------------------------------
// The organisation: units, teams, users, roles

/** Everything an import is checked against and an export writes, inactive rows included. */
export async function loadOrganizationSnapshot(db: Db, organizerId: string): Promise<OrganizationSnapshot> {
  const [units, forms, teams, users, roles] = await Promise.all([
    db.selectFrom('school_units').select(['id', 'name', 'unit_code', 'active']).where('organizer_id', '=', organizerId).execute(),
    db.selectFrom('school_unit_forms').select(['school_unit_id', 'school_form']).where('organizer_id', '=', organizerId).execute(),
    db
      .selectFrom('teams')
      .select(['id', 'school_unit_id', 'name', 'school_form', 'active'])
      .where('organizer_id', '=', organizerId)
      .execute(),
    db.selectFrom('users').select(['id', 'name', 'email', 'title', 'active']).where('organizer_id', '=', organizerId).execute(),
    db
      .selectFrom('role_assignments')
      .select(['user_id', 'role', 'school_unit_id', 'team_id'])
      .where('organizer_id', '=', organizerId)
      .execute(),
  ]);
  return {
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      unitCode: u.unit_code,
      schoolForms: forms.filter((f) => f.school_unit_id === u.id).map((f) => f.school_form as SchoolForm),
      active: u.active,
    })),
    teams: teams.map((t) => ({ id: t.id, unitId: t.school_unit_id, name: t.name, schoolForm: t.school_form, active: t.active })),
    users: users.map((u) => ({ id: u.id, name: u.name, email: u.email, title: u.title, active: u.active })),
    roles: roles.map((r) => ({ userId: r.user_id, role: r.role as OrganizationRole, unitId: r.school_unit_id, teamId: r.team_id })),
  };
}

export interface AdminUnit {
  id: string;
  name: string;
  unitCode: string | null;
  schoolForms: string[];
  active: boolean;
  teams: { id: string; name: string; schoolForm: string; active: boolean; memberCount: number }[];
}

export async function listAdminUnits(db: Db, organizerId: string): Promise<AdminUnit[]> {
  const [units, forms, teams] = await Promise.all([
    db
      .selectFrom('school_units')
      .select(['id', 'name', 'unit_code', 'active'])
      .where('organizer_id', '=', organizerId)
      .orderBy('name')
      .execute(),
    db.selectFrom('school_unit_forms').select(['school_unit_id', 'school_form']).where('organizer_id', '=', organizerId).execute(),
    db
      .selectFrom('teams as t')
      .select((eb) => [
        't.id',
        't.school_unit_id',
        't.name',
        't.school_form',
        't.active',
        eb
          .selectFrom('role_assignments as r')
          .innerJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 'r.organizer_id').onRef('u.id', '=', 'r.user_id'))
          .select((e) => e.fn.count<number>('r.user_id').distinct().as('n'))
          .where('r.organizer_id', '=', organizerId)
          .whereRef('r.team_id', '=', 't.id')
          .where('u.active', '=', true)
          .as('member_count'),
      ])
      .where('t.organizer_id', '=', organizerId)
      .orderBy('t.name')
      .execute(),
  ]);
  return units.map((u) => ({
    id: u.id,
    name: u.name,
    unitCode: u.unit_code,
    schoolForms: forms.filter((f) => f.school_unit_id === u.id).map((f) => f.school_form),
    active: u.active,
    teams: teams
      .filter((t) => t.school_unit_id === u.id)
      .map((t) => ({ id: t.id, name: t.name, schoolForm: t.school_form, active: t.active, memberCount: Number(t.member_count ?? 0) })),
  }));
}

export async function createUnit(
  db: Db,
  organizerId: string,
  unit: { name: string; unitCode: string | null; schoolForms: readonly string[] },
): Promise<string> {
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('school_units')
      .values({ organizer_id: organizerId, key: generatedKey('unit-'), name: unit.name, unit_code: unit.unitCode })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (unit.schoolForms.length > 0) {
      await trx
        .insertInto('school_unit_forms')
        .values(unit.schoolForms.map((f) => ({ organizer_id: organizerId, school_unit_id: id, school_form: f })))
        .execute();
    }
    return id;
  });
}

/** Renames a unit, sets its code and its school forms (forms no longer listed are removed). */
export async function updateUnit(
  db: Db,
  organizerId: string,
  unitId: string,
  unit: { name: string; unitCode: string | null; schoolForms: readonly string[] },
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('school_units')
      .set({ name: unit.name, unit_code: unit.unitCode })
      .where('organizer_id', '=', organizerId)
      .where('id', '=', unitId)
      .execute();
    let remove = trx.deleteFrom('school_unit_forms').where('organizer_id', '=', organizerId).where('school_unit_id', '=', unitId);
    if (unit.schoolForms.length > 0) remove = remove.where('school_form', 'not in', unit.schoolForms);
    await remove.execute();
    if (unit.schoolForms.length > 0) {
      await trx
        .insertInto('school_unit_forms')
        .values(unit.schoolForms.map((f) => ({ organizer_id: organizerId, school_unit_id: unitId, school_form: f })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
}

export async function setUnitActive(db: Db, organizerId: string, unitId: string, active: boolean): Promise<void> {
  await db.updateTable('school_units').set({ active }).where('organizer_id', '=', organizerId).where('id', '=', unitId).execute();
}

/** A unit id with that code, other than `exceptUnitId`. */
export async function findUnitByCode(
  db: Db,
  organizerId: string,
  unitCode: string,
  exceptUnitId?: string,
): Promise<{ id: string; name: string } | null> {
  let query = db
    .selectFrom('school_units')
    .select(['id', 'name'])
    .where('organizer_id', '=', organizerId)
    .where('unit_code', '=', unitCode);
  if (exceptUnitId) query = query.where('id', '<>', exceptUnitId);
  return (await query.executeTakeFirst()) ?? null;
}

export async function createTeam(db: Db, organizerId: string, team: { unitId: string; name: string; schoolForm: string }): Promise<string> {
  const { id } = await db
    .insertInto('teams')
    .values({
      organizer_id: organizerId,
      key: generatedKey('team-'),
      school_unit_id: team.unitId,
      name: team.name,
      school_form: team.schoolForm,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setTeamActive(db: Db, organizerId: string, teamId: string, active: boolean): Promise<void> {
  await db.updateTable('teams').set({ active }).where('organizer_id', '=', organizerId).where('id', '=', teamId).execute();
}

export interface AdminUser {
  id: string;
  name: string;
  email: string;
  title: string;
  active: boolean;
  roles: { id: string; role: RoleName; unitId: string | null; unitName: string | null; teamId: string | null; teamName: string | null }[];
}

export async function listAdminUsers(db: Db, organizerId: string): Promise<AdminUser[]> {
  const [users, roles] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'title', 'active'])
      .where('organizer_id', '=', organizerId)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('role_assignments as r')
      .leftJoin('school_units as su', (j) => j.onRef('su.organizer_id', '=', 'r.organizer_id').onRef('su.id', '=', 'r.school_unit_id'))
      .leftJoin('teams as t', (j) => j.onRef('t.organizer_id', '=', 'r.organizer_id').onRef('t.id', '=', 'r.team_id'))
      .select(['r.id', 'r.user_id', 'r.role', 'r.school_unit_id', 'su.name as unit_name', 'r.team_id', 't.name as team_name'])
      .where('r.organizer_id', '=', organizerId)
      .orderBy('su.name')
      .orderBy('t.name')
      .execute(),
  ]);
  const byUser = new Map<string, AdminUser['roles']>();
  for (const r of roles) {
    byUser.set(r.user_id, [
      ...(byUser.get(r.user_id) ?? []),
      { id: r.id, role: r.role, unitId: r.school_unit_id, unitName: r.unit_name, teamId: r.team_id, teamName: r.team_name },
    ]);
  }
  return users.map((u) => ({ ...u, roles: byUser.get(u.id) ?? [] }));
}

export async function getAdminUser(
  db: Db,
  organizerId: string,
  userId: string,
): Promise<{ id: string; name: string; email: string; active: boolean } | null> {
  return (
    (await db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'active'])
      .where('organizer_id', '=', organizerId)
      .where('id', '=', userId)
      .executeTakeFirst()) ?? null
  );
}

export async function findUserByEmail(db: Db, organizerId: string, email: string): Promise<{ id: string; name: string } | null> {
  return (
    (await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('organizer_id', '=', organizerId)
      .where(sql<string>`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst()) ?? null
  );
}

export async function createUser(db: Db, organizerId: string, user: { name: string; email: string; title: string }): Promise<string> {
  const { id } = await db
    .insertInto('users')
    .values({ organizer_id: organizerId, key: generatedKey('user-'), name: user.name, email: user.email, title: user.title })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateUser(
  db: Db,
  organizerId: string,
  userId: string,
  user: { name: string; email: string; title: string },
): Promise<void> {
  await db.updateTable('users').set(user).where('organizer_id', '=', organizerId).where('id', '=', userId).execute();
}

/**
 * Deactivates a person and ends every session of theirs, in one transaction: from the next
 * request on, nothing they had open works.
 */
export async function deactivateUserEndingSessions(
  db: Db,
  organizerId: string,
  userId: string,
): Promise<{ found: boolean; sessionsEnded: number }> {
  return inTransaction(db, async (trx) => {
    const updated = await trx
      .updateTable('users')
      .set({ active: false })
      .where('organizer_id', '=', organizerId)
      .where('id', '=', userId)
      .executeTakeFirst();
    const ended = await trx.deleteFrom('sessions').where('organizer_id', '=', organizerId).where('user_id', '=', userId).executeTakeFirst();
    return { found: updated.numUpdatedRows > 0n, sessionsEnded: Number(ended.numDeletedRows) };
  });
}

export async function activateUser(db: Db, organizerId: string, userId: string): Promise<void> {
  await db.updateTable('users').set({ active: true }).where('organizer_id', '=', organizerId).where('id', '=', userId).execute();
}

export interface RoleInput {
  userId: string;
  role: RoleName;
  unitId: string | null;
  teamId: string | null;
}

export async function addRole(db: Db, organizerId: string, role: RoleInput): Promise<boolean> {
  const inserted = await db
    .insertInto('role_assignments')
    .values({ organizer_id: organizerId, user_id: role.userId, role: role.role, school_unit_id: role.unitId, team_id: role.teamId })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function getRole(db: Db, organizerId: string, roleId: string): Promise<(RoleInput & { id: string }) | null> {
  const row = await db
    .selectFrom('role_assignments')
    .select(['id', 'user_id', 'role', 'school_unit_id', 'team_id'])
    .where('organizer_id', '=', organizerId)
    .where('id', '=', roleId)
    .executeTakeFirst();
  return row ? { id: row.id, userId: row.user_id, role: row.role, unitId: row.school_unit_id, teamId: row.team_id } : null;
}

export async function removeRole(db: Db, organizerId: string, roleId: string): Promise<void> {
  await db.deleteFrom('role_assignments').where('organizer_id', '=', organizerId).where('id', '=', roleId).execute();
}

/** How many active people hold the role (to keep at least one administrator). */
export async function countActiveWithRole(db: Db, organizerId: string, role: RoleName): Promise<number> {
  const row = await db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', (j) => j.onRef('u.organizer_id', '=', 'r.organizer_id').onRef('u.id', '=', 'r.user_id'))
    .select((e) => e.fn.count<number>('r.user_id').distinct().as('n'))
    .where('r.organizer_id', '=', organizerId)
    .where('r.role', '=', role)
    .where('u.active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------------------------------------------------------------------------------------------
// Import

/** Writes a checked import plan in one transaction (the caller's, when it runs in one). */
export async function applyImportPlan(db: Db, organizerId: string, plan: ImportPlan): Promise<void> {
  await inTransaction(db, async (trx) => {
    const unitIds = new Map<string, string>();
    const teamIds = new Map<string, string>();
    const userIds = new Map<string, string>();
    const resolve = (map: Map<string, string>, ref: { existingId: string } | { newRef: string }): string => {
      if ('existingId' in ref) return ref.existingId;
      const id = map.get(ref.newRef);
      if (!id) throw new Error(`Import: unknown reference ${ref.newRef}`);
      return id;
    };
    for (const unit of plan.newUnits) unitIds.set(unit.ref, await createUnit(trx, organizerId, unit));
    for (const change of plan.unitChanges) {
      if (change.setUnitCode) {
        await trx
          .updateTable('school_units')
          .set({ unit_code: change.setUnitCode })
          .where('organizer_id', '=', organizerId)
          .where('id', '=', change.unitId)
          .execute();
      }
      if (change.addSchoolForms.length > 0) {
        await trx
          .insertInto('school_unit_forms')
          .values(change.addSchoolForms.map((f) => ({ organizer_id: organizerId, school_unit_id: change.unitId, school_form: f })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
    for (const team of plan.newTeams) {
      teamIds.set(
        team.ref,
        await createTeam(trx, organizerId, { unitId: resolve(unitIds, team.unit), name: team.name, schoolForm: team.schoolForm }),
      );
    }
    for (const user of plan.newUsers) userIds.set(user.ref, await createUser(trx, organizerId, user));
    for (const role of plan.newRoles) {
      await addRole(trx, organizerId, {
        userId: resolve(userIds, role.user),
        role: role.role,
        unitId: role.unit ? resolve(unitIds, role.unit) : null,
        teamId: role.team ? resolve(teamIds, role.team) : null,
      });
    }
  });
}
