import { SCHOOL_FORMS, type SchoolForm } from '../school-forms/school-forms.ts';
import { ORGANIZATION_COLUMNS, ORGANIZATION_ROLE_LABELS, type OrganizationSnapshot, schoolFormFileName } from './format.ts';

const ROLE_ORDER = { principal: 0, staff: 1, organizer: 2, admin: 3 } as const;
const collator = new Intl.Collator('sv-SE');

function formsCell(forms: readonly string[]): string {
  return SCHOOL_FORMS.filter((f) => forms.includes(f))
    .map(schoolFormFileName)
    .join(', ');
}

/**
 * The organisation as rows of the import format (header first): one row per role of an active
 * person; a unit or team without people gets a row of its own, so importing the export again
 * changes nothing. Deactivated units, teams and people are left out.
 */
export function organizationExportRows(snapshot: OrganizationSnapshot): string[][] {
  const rows: string[][] = [[...ORGANIZATION_COLUMNS]];
  const users = new Map(snapshot.users.filter((u) => u.active).map((u) => [u.id, u]));
  const teams = new Map(snapshot.teams.filter((t) => t.active).map((t) => [t.id, t]));
  const units = snapshot.units.filter((u) => u.active).sort((a, b) => collator.compare(a.name, b.name));
  const unitIds = new Set(units.map((u) => u.id));
  const roles = snapshot.roles.filter(
    (r) => users.has(r.userId) && (r.unitId === null || unitIds.has(r.unitId)) && (r.teamId === null || teams.has(r.teamId)),
  );
  const person = (userId: string, role: keyof typeof ROLE_ORDER) => {
    const u = users.get(userId);
    return u ? [u.name, u.email, u.title, ORGANIZATION_ROLE_LABELS[role]] : ['', '', '', ''];
  };

  for (const unit of units) {
    const unitCells = [unit.name, unit.unitCode ?? '', formsCell(unit.schoolForms)];
    const unitTeams = [...teams.values()].filter((t) => t.unitId === unit.id).sort((a, b) => collator.compare(a.name, b.name));
    const teamName = (id: string | null) => (id ? (teams.get(id)?.name ?? '') : '');
    const unitRoles = roles
      .filter((r) => r.unitId === unit.id)
      .sort(
        (a, b) =>
          ROLE_ORDER[a.role] - ROLE_ORDER[b.role] ||
          collator.compare(teamName(a.teamId), teamName(b.teamId)) ||
          collator.compare(users.get(a.userId)?.name ?? '', users.get(b.userId)?.name ?? ''),
      );
    const teamsWithPeople = new Set(unitRoles.map((r) => r.teamId));
    for (const role of unitRoles) {
      const team = role.teamId ? teams.get(role.teamId) : undefined;
      rows.push([
        ...unitCells,
        team?.name ?? '',
        team ? schoolFormFileName(team.schoolForm as SchoolForm) : '',
        ...person(role.userId, role.role),
      ]);
    }
    for (const team of unitTeams.filter((t) => !teamsWithPeople.has(t.id))) {
      rows.push([...unitCells, team.name, schoolFormFileName(team.schoolForm as SchoolForm), '', '', '', '']);
    }
    if (unitRoles.length === 0 && unitTeams.length === 0) rows.push([...unitCells, '', '', '', '', '', '']);
  }

  const organizationWide = roles
    .filter((r) => r.unitId === null)
    .sort(
      (a, b) =>
        ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || collator.compare(users.get(a.userId)?.name ?? '', users.get(b.userId)?.name ?? ''),
    );
  for (const role of organizationWide) rows.push(['', '', '', '', '', ...person(role.userId, role.role)]);
  return rows;
}
