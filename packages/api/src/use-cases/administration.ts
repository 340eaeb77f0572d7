import {
  type AdminSettings,
  activateUser as activateUserRow,
  addRole,
  applyImportPlan,
  countActiveWithRole,
  createTeam as createTeamRow,
  createUnit as createUnitRow,
  createUser as createUserRow,
  type Db,
  deactivateUserEndingSessions,
  findUnitByCode,
  findUserByEmail,
  getAdminSettings,
  getAdminUser,
  getRole,
  insertAuditEntry,
  insertLoginAuditEntry,
  listAdminUnits,
  listAdminUsers,
  listAuditEntries,
  loadOrganizationSnapshot,
  type RoleName,
  removePastRetention,
  removeRole as removeRoleRow,
  type SessionUser,
  setTeamActive,
  setUnitActive,
  updateAdminSettings,
  updateUnit as updateUnitRow,
  updateUser as updateUserRow,
  withAudit,
} from '@kvalitetshjulet/db';
import {
  checkOrganizationImport,
  type ImportCheck,
  ORGANIZATION_ROLE_LABELS,
  organizationExportRows,
  SCHOOL_FORM_LABELS,
  type SchoolForm,
} from '@kvalitetshjulet/domain';
import { TRPCError } from '@trpc/server';
import { todayIn } from '../context.ts';
import { type OrganizationFileFormat, readOrganizationFile, writeOrganizationFile } from './organization-file.ts';

const notFound = (message: string) => new TRPCError({ code: 'NOT_FOUND', message });
const badRequest = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });
const conflict = (message: string) => new TRPCError({ code: 'CONFLICT', message });

function actor(session: SessionUser, now: Date) {
  return { organizerId: session.organizerId, actorUserId: session.userId, occurredAt: now };
}

/** A unique violation from either driver (a concurrent change between check and write). */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === '23505';
}

// ---------------------------------------------------------------------------------------------
// Settings

export function getSettings(db: Db, session: SessionUser): Promise<AdminSettings> {
  return getAdminSettings(db, session.organizerId);
}

export async function saveSettings(db: Db, session: SessionUser, input: Omit<AdminSettings, 'kind'>, now: Date): Promise<AdminSettings> {
  const before = await getAdminSettings(db, session.organizerId);
  const changed = (Object.keys(input) as (keyof typeof input)[]).filter((k) => input[k] !== before[k]);
  if (changed.length === 0) return before;
  await withAudit(
    db,
    {
      ...actor(session, now),
      action: 'settings.update',
      target: before.name,
      details: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: input[k] }])),
    },
    (trx) => updateAdminSettings(trx, session.organizerId, input),
  );
  return getAdminSettings(db, session.organizerId);
}

// ---------------------------------------------------------------------------------------------
// Units and teams

export function listUnits(db: Db, session: SessionUser) {
  return listAdminUnits(db, session.organizerId);
}

export interface UnitInput {
  name: string;
  unitCode: string | null;
  schoolForms: SchoolForm[];
}

async function assertCodeFree(db: Db, session: SessionUser, unitCode: string | null, exceptUnitId?: string) {
  if (!unitCode) return;
  const other = await findUnitByCode(db, session.organizerId, unitCode, exceptUnitId);
  if (other) throw conflict(`Enhetskoden ${unitCode} används redan av ${other.name}. Kontrollera koden.`);
}

async function findUnit(db: Db, session: SessionUser, unitId: string) {
  const unit = (await listAdminUnits(db, session.organizerId)).find((u) => u.id === unitId);
  if (!unit) throw notFound('Enheten finns inte. Ladda om sidan.');
  return unit;
}

export async function createUnit(db: Db, session: SessionUser, input: UnitInput, now: Date) {
  await assertCodeFree(db, session, input.unitCode);
  const id = await withAudit(
    db,
    {
      ...actor(session, now),
      action: 'unit.create',
      target: input.name,
      details: { unitCode: input.unitCode, schoolForms: input.schoolForms },
    },
    (trx) => createUnitRow(trx, session.organizerId, input),
  );
  return { id };
}

export async function updateUnit(db: Db, session: SessionUser, unitId: string, input: UnitInput, now: Date) {
  const unit = await findUnit(db, session, unitId);
  await assertCodeFree(db, session, input.unitCode, unitId);
  const usedForms = [...new Set(unit.teams.map((t) => t.schoolForm))].filter((f) => !input.schoolForms.includes(f as SchoolForm));
  if (usedForms.length > 0) {
    const form = usedForms[0] as SchoolForm;
    const teams = unit.teams.filter((t) => t.schoolForm === form).map((t) => t.name);
    throw conflict(
      `Skolformen ${SCHOOL_FORM_LABELS[form].toLowerCase()} används av ${teams.join(', ')}. Flytta eller inaktivera arbetslagen innan skolformen tas bort.`,
    );
  }
  await withAudit(
    db,
    {
      ...actor(session, now),
      action: 'unit.update',
      target: input.name,
      details: {
        from: { name: unit.name, unitCode: unit.unitCode, schoolForms: unit.schoolForms },
        to: { name: input.name, unitCode: input.unitCode, schoolForms: input.schoolForms },
      },
    },
    (trx) => updateUnitRow(trx, session.organizerId, unitId, input),
  );
  return { ok: true as const };
}

export async function setUnitActivity(db: Db, session: SessionUser, unitId: string, active: boolean, now: Date) {
  const unit = await findUnit(db, session, unitId);
  if (unit.active === active) return { ok: true as const };
  await withAudit(db, { ...actor(session, now), action: active ? 'unit.activate' : 'unit.deactivate', target: unit.name }, (trx) =>
    setUnitActive(trx, session.organizerId, unitId, active),
  );
  return { ok: true as const };
}

export async function createTeam(db: Db, session: SessionUser, input: { unitId: string; name: string; schoolForm: SchoolForm }, now: Date) {
  const unit = await findUnit(db, session, input.unitId);
  if (!unit.active) throw conflict(`${unit.name} är inaktiverad. Aktivera enheten innan du lägger till arbetslag.`);
  if (!unit.schoolForms.includes(input.schoolForm)) {
    throw badRequest(
      `${unit.name} har inte skolformen ${SCHOOL_FORM_LABELS[input.schoolForm].toLowerCase()}. Lägg till skolformen på enheten först.`,
    );
  }
  if (unit.teams.some((t) => t.name.toLocaleLowerCase('sv-SE') === input.name.toLocaleLowerCase('sv-SE'))) {
    throw conflict(`${unit.name} har redan ett arbetslag som heter ${input.name}. Välj ett annat namn.`);
  }
  const id = await withAudit(
    db,
    { ...actor(session, now), action: 'team.create', target: `${unit.name} – ${input.name}`, details: { schoolForm: input.schoolForm } },
    (trx) => createTeamRow(trx, session.organizerId, input),
  );
  return { id };
}

export async function setTeamActivity(db: Db, session: SessionUser, teamId: string, active: boolean, now: Date) {
  const units = await listAdminUnits(db, session.organizerId);
  const unit = units.find((u) => u.teams.some((t) => t.id === teamId));
  const team = unit?.teams.find((t) => t.id === teamId);
  if (!unit || !team) throw notFound('Arbetslaget finns inte. Ladda om sidan.');
  if (team.active === active) return { ok: true as const };
  await withAudit(
    db,
    { ...actor(session, now), action: active ? 'team.activate' : 'team.deactivate', target: `${unit.name} – ${team.name}` },
    (trx) => setTeamActive(trx, session.organizerId, teamId, active),
  );
  return { ok: true as const };
}

// ---------------------------------------------------------------------------------------------
// Users and roles

export function listUsers(db: Db, session: SessionUser) {
  return listAdminUsers(db, session.organizerId);
}

export interface UserInput {
  name: string;
  email: string;
  title: string;
}

async function assertEmailFree(db: Db, session: SessionUser, email: string, exceptUserId?: string) {
  const other = await findUserByEmail(db, session.organizerId, email);
  if (other && other.id !== exceptUserId)
    throw conflict(`E-postadressen ${email} används redan av ${other.name}. Varje person behöver en egen adress.`);
}

export async function createUser(db: Db, session: SessionUser, input: UserInput, now: Date) {
  await assertEmailFree(db, session, input.email);
  const id = await withAudit(db, { ...actor(session, now), action: 'user.create', target: `${input.name} <${input.email}>` }, (trx) =>
    createUserRow(trx, session.organizerId, input),
  );
  return { id };
}

async function findUser(db: Db, session: SessionUser, userId: string) {
  const user = await getAdminUser(db, session.organizerId, userId);
  if (!user) throw notFound('Personen finns inte. Ladda om sidan.');
  return user;
}

export async function updateUser(db: Db, session: SessionUser, userId: string, input: UserInput, now: Date) {
  const user = await findUser(db, session, userId);
  await assertEmailFree(db, session, input.email, userId);
  await withAudit(
    db,
    {
      ...actor(session, now),
      action: 'user.update',
      target: `${input.name} <${input.email}>`,
      details: { from: { name: user.name, email: user.email } },
    },
    (trx) => updateUserRow(trx, session.organizerId, userId, input),
  );
  return { ok: true as const };
}

/** Deactivating ends the person's sessions in the same transaction. Nobody deactivates themselves or the last administrator. */
export async function setUserActivity(db: Db, session: SessionUser, userId: string, active: boolean, now: Date) {
  const user = await findUser(db, session, userId);
  if (user.active === active) return { ok: true as const, sessionsEnded: 0 };
  const target = `${user.name} <${user.email}>`;
  if (active) {
    await withAudit(db, { ...actor(session, now), action: 'user.activate', target }, (trx) =>
      activateUserRow(trx, session.organizerId, userId),
    );
    return { ok: true as const, sessionsEnded: 0 };
  }
  if (userId === session.userId) throw conflict('Du kan inte inaktivera dig själv. Be en annan administratör göra det.');
  const { sessionsEnded } = await withAudit(
    db,
    (result: { sessionsEnded: number }) => ({
      ...actor(session, now),
      action: 'user.deactivate',
      target,
      details: { sessionsEnded: result.sessionsEnded },
    }),
    (trx) => deactivateUserEndingSessions(trx, session.organizerId, userId),
  );
  return { ok: true as const, sessionsEnded };
}

export interface RoleAddInput {
  userId: string;
  role: RoleName;
  unitId: string | null;
  teamId: string | null;
}

export async function addUserRole(db: Db, session: SessionUser, input: RoleAddInput, now: Date) {
  const user = await findUser(db, session, input.userId);
  const unitScoped = input.role === 'staff' || input.role === 'principal';
  let unitId: string | null = null;
  let teamId: string | null = null;
  let where = 'hela huvudmannen';
  if (unitScoped) {
    if (!input.unitId) throw badRequest(`Välj enheten som ${ORGANIZATION_ROLE_LABELS[input.role].toLowerCase()} hör till.`);
    const unit = await findUnit(db, session, input.unitId);
    unitId = unit.id;
    where = unit.name;
    if (input.role === 'staff' && input.teamId) {
      const team = unit.teams.find((t) => t.id === input.teamId);
      if (!team) throw badRequest(`Arbetslaget hör inte till ${unit.name}. Välj ett arbetslag på enheten.`);
      teamId = team.id;
      where = `${unit.name} – ${team.name}`;
    }
  }
  const added = await withAudit(
    db,
    { ...actor(session, now), action: 'role.add', target: `${user.name} <${user.email}>`, details: { role: input.role, where } },
    (trx) => addRole(trx, session.organizerId, { userId: user.id, role: input.role, unitId, teamId }),
  );
  if (!added) throw conflict(`${user.name} har redan den rollen.`);
  return { ok: true as const };
}

export async function removeUserRole(db: Db, session: SessionUser, roleId: string, now: Date) {
  const role = await getRole(db, session.organizerId, roleId);
  if (!role) throw notFound('Rollen finns inte längre. Ladda om sidan.');
  if (role.role === 'admin' && (await countActiveWithRole(db, session.organizerId, 'admin')) <= 1) {
    throw conflict('Det måste finnas minst en administratör. Ge någon annan rollen först.');
  }
  const user = await findUser(db, session, role.userId);
  await withAudit(
    db,
    { ...actor(session, now), action: 'role.remove', target: `${user.name} <${user.email}>`, details: { role: role.role } },
    (trx) => removeRoleRow(trx, session.organizerId, roleId),
  );
  return { ok: true as const };
}

// ---------------------------------------------------------------------------------------------
// Import and export

export interface OrganizationFile {
  fileName: string;
  contentBase64: string;
}

function summarize(check: ImportCheck) {
  const { plan } = check;
  return {
    fileProblems: check.fileProblems,
    problems: check.problems,
    rowCount: check.rowCount,
    validRowCount: check.validLines.length,
    newUnits: plan.newUnits.map((u) => u.name),
    changedUnits: plan.unitChanges.map((u) => u.name),
    newTeams: plan.newTeams.map((t) => `${t.unitName} – ${t.name}`),
    newUsers: plan.newUsers.map((u) => `${u.name} <${u.email}>`),
    newRoleCount: plan.newRoles.length,
  };
}

async function checkFile(db: Db, session: SessionUser, file: OrganizationFile) {
  const rows = await readOrganizationFile(file.fileName, file.contentBase64);
  return checkOrganizationImport(rows, await loadOrganizationSnapshot(db, session.organizerId));
}

/** Reads the file and lists every problem. Writes nothing. */
export async function previewImport(db: Db, session: SessionUser, file: OrganizationFile) {
  return summarize(await checkFile(db, session, file));
}

/** Checks the file again against what is stored now and writes exactly its rows without problems, in one transaction. */
export async function applyImport(db: Db, session: SessionUser, file: OrganizationFile, now: Date) {
  const check = await checkFile(db, session, file);
  if (check.fileProblems.length > 0) throw badRequest(check.fileProblems.join(' '));
  const summary = summarize(check);
  if (check.validLines.length === 0) throw badRequest('Ingen rad kan läsas in. Rätta problemen i filen och försök igen.');
  try {
    await withAudit(
      db,
      {
        ...actor(session, now),
        action: 'import.apply',
        target: file.fileName,
        details: {
          rows: check.rowCount,
          writtenRows: check.validLines.length,
          skippedRows: check.rowCount - check.validLines.length,
          newUnits: summary.newUnits.length,
          newTeams: summary.newTeams.length,
          newUsers: summary.newUsers.length,
          newRoles: summary.newRoleCount,
        },
      },
      (trx) => applyImportPlan(trx, session.organizerId, check.plan),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('Uppgifterna ändrades medan filen lästes in. Förhandsgranska filen igen.');
    throw error;
  }
  return summary;
}

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** The organisation in the import format, as a file to download. Logged. */
export async function exportOrganization(db: Db, session: SessionUser, format: OrganizationFileFormat, now: Date) {
  const rows = organizationExportRows(await loadOrganizationSnapshot(db, session.organizerId));
  const bytes = await writeOrganizationFile(rows, format);
  const fileName = `organisation-${todayIn(now)}.${format}`;
  await insertAuditEntry(db, {
    ...actor(session, now),
    action: 'export.organization',
    target: fileName,
    details: { rows: rows.length - 1 },
  });
  return { fileName, mimeType: MIME[format], contentBase64: bytes.toString('base64') };
}

// ---------------------------------------------------------------------------------------------
// Audit log and retention

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(
  db: Db,
  session: SessionUser,
  input: { after?: { occurredAt: string; id: string } | undefined; action?: string | undefined },
) {
  const entries = await listAuditEntries(db, session.organizerId, {
    limit: AUDIT_PAGE_SIZE + 1,
    after: input.after ? { occurredAt: new Date(input.after.occurredAt), id: input.after.id } : undefined,
    action: input.action,
  });
  const page = entries.slice(0, AUDIT_PAGE_SIZE).map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() }));
  const last = page.at(-1);
  return { entries: page, next: entries.length > AUDIT_PAGE_SIZE && last ? { occurredAt: last.occurredAt, id: last.id } : null };
}

/** Removes drafts and audit entries past the organizer's retention, and logs that it did. */
export async function runRetention(db: Db, session: SessionUser, now: Date) {
  const removed = await removePastRetention(db, session.organizerId, todayIn(now), now);
  await insertAuditEntry(db, { ...actor(session, now), action: 'retention.run', details: removed });
  return removed;
}

/** A login, for the audit log. Called by every way of logging in. */
export async function recordLogin(db: Db, who: { organizerId: string; userId: string }, method: string, now: Date): Promise<void> {
  await insertLoginAuditEntry(db, who, now, { method });
}
