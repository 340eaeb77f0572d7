import { SCHOOL_FORMS, type SchoolForm } from '../school-forms/school-forms.ts';
import {
  isValidEmail,
  isValidUnitCode,
  nameKey,
  normalizeUnitCode,
  ORGANIZATION_COLUMNS,
  ORGANIZATION_ROLE_LABELS,
  type OrganizationColumn,
  type OrganizationRole,
  type OrganizationSnapshot,
  roleFromName,
  schoolFormFileName,
  schoolFormFromName,
} from './format.ts';

/** One problem on one row of the file. `line` is the row number as a spreadsheet shows it (the header is 1). */
export interface ImportProblem {
  line: number;
  column: OrganizationColumn | null;
  message: string;
}

export type UnitRef = { existingId: string } | { newRef: string };
export type TeamRef = { existingId: string } | { newRef: string };
export type UserRef = { existingId: string } | { newRef: string };

/** What a confirmed import writes. Refs tie new teams and roles to units and people created in the same import. */
export interface ImportPlan {
  newUnits: { ref: string; name: string; unitCode: string | null; schoolForms: SchoolForm[] }[];
  unitChanges: { unitId: string; name: string; addSchoolForms: SchoolForm[]; setUnitCode: string | null }[];
  newTeams: { ref: string; unit: UnitRef; unitName: string; name: string; schoolForm: SchoolForm }[];
  newUsers: { ref: string; name: string; email: string; title: string }[];
  newRoles: { user: UserRef; email: string; role: OrganizationRole; unit: UnitRef | null; team: TeamRef | null }[];
}

export interface ImportCheck {
  /** Problems with the file as a whole (missing columns, empty file). When any, nothing else is checked. */
  fileProblems: string[];
  /** Every problem of every row, in row order. */
  problems: ImportProblem[];
  rowCount: number;
  /** Rows without problems: these, and only these, are written when the import is confirmed. */
  validLines: number[];
  plan: ImportPlan;
}

export const IMPORT_MAX_ROWS = 5000;

interface ParsedRow {
  line: number;
  unitName: string;
  unitCode: string;
  schoolForms: SchoolForm[];
  teamName: string;
  teamForm: SchoolForm | null;
  hasPerson: boolean;
  name: string;
  email: string;
  title: string;
  role: OrganizationRole;
}

const emptyPlan = (): ImportPlan => ({ newUnits: [], unitChanges: [], newTeams: [], newUsers: [], newRoles: [] });

/** A cell as text: trimmed, and without the apostrophe an export puts before a formula-like value. */
function cellText(value: string | undefined): string {
  const text = (value ?? '').trim();
  return /^'[=+\-@]/.test(text) ? text.slice(1) : text;
}

const FORM_LIST = SCHOOL_FORMS.map(schoolFormFileName).join(', ');
const ROLE_LIST = 'Medarbetare, Rektor, Huvudman eller Administratör';

/** Reads the cells of one row and finds the problems that the row alone shows. */
function parseRow(line: number, cells: (string | undefined)[], index: Map<OrganizationColumn, number>) {
  const get = (column: OrganizationColumn) => {
    const i = index.get(column);
    return i === undefined ? '' : cellText(cells[i]);
  };
  const problems: ImportProblem[] = [];
  const problem = (column: OrganizationColumn | null, message: string) => problems.push({ line, column, message });

  const unitName = get('Enhet').replace(/\s+/g, ' ');
  const unitCode = normalizeUnitCode(get('Enhetskod'));
  const teamName = get('Arbetslag').replace(/\s+/g, ' ');
  const name = get('Namn').replace(/\s+/g, ' ');
  const email = get('E-post').toLowerCase();
  const title = get('Titel');
  const roleText = get('Roll');
  const hasPerson = [name, email, title, roleText].some((v) => v !== '');

  const schoolForms: SchoolForm[] = [];
  for (const part of get('Skolformer').split(/[,/]/)) {
    if (part.trim() === '') continue;
    const form = schoolFormFromName(part);
    if (form) {
      if (!schoolForms.includes(form)) schoolForms.push(form);
    } else {
      problem('Skolformer', `Okänd skolform ”${part.trim()}”. Använd någon av: ${FORM_LIST}.`);
    }
  }
  const teamFormText = get('Arbetslagets skolform');
  let teamForm: SchoolForm | null = null;
  if (teamFormText !== '') {
    teamForm = schoolFormFromName(teamFormText);
    if (!teamForm) problem('Arbetslagets skolform', `Okänd skolform ”${teamFormText}”. Använd någon av: ${FORM_LIST}.`);
  }

  let role: OrganizationRole = 'staff';
  if (roleText !== '') {
    const found = roleFromName(roleText);
    if (found) role = found;
    else problem('Roll', `Okänd roll ”${roleText}”. Använd ${ROLE_LIST}.`);
  }

  if (unitName.length > 200) problem('Enhet', 'Enhetens namn får vara högst 200 tecken.');
  if (unitCode !== '' && !isValidUnitCode(unitCode)) {
    problem('Enhetskod', `Enhetskoden ”${get('Enhetskod')}” ska vara skolenhetskoden: åtta siffror. Rätta den eller lämna rutan tom.`);
  }
  if (unitName === '' && (unitCode !== '' || schoolForms.length > 0)) {
    problem('Enhet', 'Enhetens namn saknas. Skriv namnet i kolumnen Enhet.');
  }
  if (teamName.length > 200) problem('Arbetslag', 'Arbetslagets namn får vara högst 200 tecken.');
  if (teamName !== '' && unitName === '')
    problem('Enhet', `Enhet saknas för arbetslaget ${teamName}. Ange enheten som arbetslaget hör till.`);
  if (teamName === '' && teamFormText !== '') {
    problem('Arbetslag', 'Arbetslagets namn saknas. Skriv namnet eller lämna Arbetslagets skolform tom.');
  }

  if (hasPerson) {
    if (name === '') problem('Namn', 'Namn saknas. Skriv personens för- och efternamn.');
    else if (name.length > 200) problem('Namn', 'Namnet får vara högst 200 tecken.');
    if (email === '') problem('E-post', 'E-post saknas. Varje person behöver en egen e-postadress.');
    else if (!isValidEmail(email)) problem('E-post', `E-postadressen ”${get('E-post')}” är inte giltig. Skriv den som namn@exempel.se.`);
    if (title.length > 120) problem('Titel', 'Titeln får vara högst 120 tecken.');
    if ((role === 'staff' || role === 'principal') && unitName === '') {
      problem('Enhet', `Enhet saknas. En ${ORGANIZATION_ROLE_LABELS[role].toLowerCase()} hör till en enhet: skriv enhetens namn.`);
    }
    if (role === 'principal' && teamName !== '') {
      problem('Arbetslag', 'En rektor leder enheten och hör inte till ett arbetslag. Lämna Arbetslag tom på rektorns rad.');
    }
    if ((role === 'organizer' || role === 'admin') && teamName !== '') {
      problem('Arbetslag', `${ORGANIZATION_ROLE_LABELS[role]} gäller hela huvudmannen. Lämna Arbetslag tom på den raden.`);
    }
  }

  const row: ParsedRow = { line, unitName, unitCode, schoolForms, teamName, teamForm, hasPerson, name, email, title, role };
  return { row, problems };
}

interface UnitResolution {
  ref: UnitRef;
  name: string;
  forms: SchoolForm[];
  existing: OrganizationSnapshot['units'][number] | null;
  code: string | null;
}

/**
 * Checks the rows that have no problems yet against each other and the stored organisation.
 * Returns new problems and, when there are none, what these rows would write.
 */
function crossCheck(rows: ParsedRow[], existing: OrganizationSnapshot) {
  const problems: ImportProblem[] = [];
  const problem = (line: number, column: OrganizationColumn | null, message: string) => problems.push({ line, column, message });
  const plan = emptyPlan();

  // Units, grouped by name.
  const unitGroups = new Map<string, ParsedRow[]>();
  for (const row of rows.filter((r) => r.unitName !== '')) {
    const key = nameKey(row.unitName);
    unitGroups.set(key, [...(unitGroups.get(key) ?? []), row]);
  }
  const units = new Map<string, UnitResolution>();
  let unitCounter = 0;
  for (const [key, group] of unitGroups) {
    const first = group[0] as ParsedRow;
    const name = first.unitName;
    const groupProblems: string[] = [];
    const codeRows = group.filter((r) => r.unitCode !== '');
    const code = codeRows[0]?.unitCode ?? null;
    for (const r of codeRows.filter((r) => r.unitCode !== code)) {
      problem(r.line, 'Enhetskod', `Enheten ${name} har enhetskoden ${code} på rad ${codeRows[0]?.line}. Använd samma kod på alla rader.`);
    }
    const byCode = code ? existing.units.find((u) => u.unitCode === code) : undefined;
    const byName = existing.units.filter((u) => nameKey(u.name) === key);
    let found: OrganizationSnapshot['units'][number] | null = null;
    if (byCode && nameKey(byCode.name) !== key) {
      for (const r of codeRows)
        problem(r.line, 'Enhetskod', `Enhetskoden ${code} används redan av enheten ${byCode.name}. Rätta koden eller enhetens namn.`);
      continue;
    }
    if (byCode) found = byCode;
    else if (byName.length > 1) groupProblems.push(`Det finns flera enheter som heter ${name}. Ange enhetskoden så att rätt enhet väljs.`);
    else found = byName[0] ?? null;

    if (found && !found.active) groupProblems.push(`Enheten ${found.name} är inaktiverad. Aktivera den under Enheter och arbetslag först.`);
    if (found && code && found.unitCode && found.unitCode !== code) {
      for (const r of codeRows) {
        problem(r.line, 'Enhetskod', `Enheten ${found.name} har enhetskoden ${found.unitCode}. Rätta koden eller lämna rutan tom.`);
      }
      continue;
    }
    const fileForms = SCHOOL_FORMS.filter((f) => group.some((r) => r.schoolForms.includes(f)));
    if (!found && fileForms.length === 0) {
      groupProblems.push(`Den nya enheten ${name} saknar skolform. Ange minst en skolform i kolumnen Skolformer.`);
    }
    if (groupProblems.length > 0) {
      for (const r of group) for (const message of groupProblems) problem(r.line, 'Enhet', message);
      continue;
    }
    if (found) {
      const addSchoolForms = fileForms.filter((f) => !found.schoolForms.includes(f));
      const setUnitCode = code && !found.unitCode ? code : null;
      if (addSchoolForms.length > 0 || setUnitCode)
        plan.unitChanges.push({ unitId: found.id, name: found.name, addSchoolForms, setUnitCode });
      units.set(key, {
        ref: { existingId: found.id },
        name: found.name,
        forms: SCHOOL_FORMS.filter((f) => found.schoolForms.includes(f) || fileForms.includes(f)),
        existing: found,
        code,
      });
    } else {
      const ref = `unit-${++unitCounter}`;
      plan.newUnits.push({ ref, name, unitCode: code, schoolForms: fileForms });
      units.set(key, { ref: { newRef: ref }, name, forms: fileForms, existing: null, code });
    }
  }
  // A code given to two different new units.
  const newCodes = new Map<string, string>();
  for (const u of plan.newUnits) {
    if (!u.unitCode) continue;
    const other = newCodes.get(u.unitCode);
    if (other) {
      for (const r of unitGroups.get(nameKey(u.name)) ?? []) {
        problem(r.line, 'Enhetskod', `Enhetskoden ${u.unitCode} används också för enheten ${other}. Varje enhet har en egen kod.`);
      }
    } else newCodes.set(u.unitCode, u.name);
  }

  // Teams, by unit and name.
  const teams = new Map<string, { ref: TeamRef; form: SchoolForm; line: number }>();
  let teamCounter = 0;
  for (const row of rows.filter((r) => r.teamName !== '')) {
    const unit = units.get(nameKey(row.unitName));
    if (!unit) continue;
    const key = `${nameKey(row.unitName)}|${nameKey(row.teamName)}`;
    const known = teams.get(key);
    const existingTeam = unit.existing
      ? existing.teams.find((t) => t.unitId === unit.existing?.id && nameKey(t.name) === nameKey(row.teamName))
      : undefined;
    let form = row.teamForm;
    if (!form) {
      if (known) form = known.form;
      else if (existingTeam) form = existingTeam.schoolForm as SchoolForm;
      else if (unit.forms.length === 1) form = unit.forms[0] as SchoolForm;
      else {
        problem(row.line, 'Arbetslagets skolform', `Ange arbetslagets skolform: enheten ${unit.name} har flera skolformer.`);
        continue;
      }
    }
    if (!unit.forms.includes(form)) {
      problem(
        row.line,
        'Arbetslagets skolform',
        `Enheten ${unit.name} har inte skolformen ${schoolFormFileName(form)}. Lägg till den i kolumnen Skolformer eller välj en annan skolform.`,
      );
      continue;
    }
    if (existingTeam) {
      if (!existingTeam.active) {
        problem(row.line, 'Arbetslag', `Arbetslaget ${existingTeam.name} är inaktiverat. Aktivera det under Enheter och arbetslag först.`);
        continue;
      }
      if (existingTeam.schoolForm !== form) {
        problem(
          row.line,
          'Arbetslagets skolform',
          `Arbetslaget ${existingTeam.name} finns redan med skolformen ${schoolFormFileName(existingTeam.schoolForm as SchoolForm)}.`,
        );
        continue;
      }
      teams.set(key, { ref: { existingId: existingTeam.id }, form, line: row.line });
      continue;
    }
    if (known) {
      if (known.form !== form) {
        problem(
          row.line,
          'Arbetslagets skolform',
          `Arbetslaget ${row.teamName} har skolformen ${schoolFormFileName(known.form)} på rad ${known.line}. Använd samma skolform på alla rader.`,
        );
      }
      continue;
    }
    const ref = `team-${++teamCounter}`;
    plan.newTeams.push({ ref, unit: unit.ref, unitName: unit.name, name: row.teamName, schoolForm: form });
    teams.set(key, { ref: { newRef: ref }, form, line: row.line });
  }

  // People, by e-mail, and their roles.
  const people = new Map<string, { ref: UserRef; name: string; line: number }>();
  const roleLines = new Map<string, number>();
  let userCounter = 0;
  for (const row of rows.filter((r) => r.hasPerson)) {
    const unit = row.unitName !== '' ? units.get(nameKey(row.unitName)) : undefined;
    if (row.unitName !== '' && !unit) continue;
    const team = row.teamName !== '' ? teams.get(`${nameKey(row.unitName)}|${nameKey(row.teamName)}`) : undefined;
    if (row.teamName !== '' && !team) continue;
    let person = people.get(row.email);
    if (person && nameKey(person.name) !== nameKey(row.name)) {
      problem(
        row.line,
        'E-post',
        `E-postadressen ${row.email} finns redan på rad ${person.line} för ${person.name}. Varje person behöver en egen e-postadress.`,
      );
      continue;
    }
    if (!person) {
      const stored = existing.users.find((u) => u.email.toLowerCase() === row.email);
      if (stored && nameKey(stored.name) !== nameKey(row.name)) {
        problem(
          row.line,
          'E-post',
          `E-postadressen ${row.email} används redan av ${stored.name}. Ange en annan e-postadress eller samma namn.`,
        );
        continue;
      }
      if (stored && !stored.active) {
        problem(row.line, 'Namn', `${stored.name} är inaktiverad. Aktivera personen under Användare först.`);
        continue;
      }
      if (stored) person = { ref: { existingId: stored.id }, name: stored.name, line: row.line };
      else {
        const ref = `user-${++userCounter}`;
        plan.newUsers.push({ ref, name: row.name, email: row.email, title: row.title });
        person = { ref: { newRef: ref }, name: row.name, line: row.line };
      }
      people.set(row.email, person);
    }
    const unitScoped = row.role === 'staff' || row.role === 'principal';
    const roleUnit = unitScoped && unit ? unit.ref : null;
    const roleTeam = row.role === 'staff' && team ? team.ref : null;
    const roleKey = JSON.stringify([row.email, row.role, roleUnit, roleTeam]);
    const earlier = roleLines.get(roleKey);
    if (earlier !== undefined) {
      problem(row.line, 'Roll', `Rad ${earlier} har redan samma person med samma roll. Ta bort den ena raden.`);
      continue;
    }
    roleLines.set(roleKey, row.line);
    const userId = 'existingId' in person.ref ? person.ref.existingId : null;
    const unitId = roleUnit && 'existingId' in roleUnit ? roleUnit.existingId : null;
    const teamId = roleTeam && 'existingId' in roleTeam ? roleTeam.existingId : null;
    const allStored = userId !== null && (roleUnit === null || unitId !== null) && (roleTeam === null || teamId !== null);
    const stored =
      allStored && existing.roles.some((r) => r.userId === userId && r.role === row.role && r.unitId === unitId && r.teamId === teamId);
    if (!stored) plan.newRoles.push({ user: person.ref, email: row.email, role: row.role, unit: roleUnit, team: roleTeam });
  }
  return { problems, plan };
}

/**
 * Checks an organisation file (rows of cells, header first) against the stored organisation.
 * Every row's problems are listed; rows that depend on a row with a problem (a person in a
 * unit whose definition is wrong) get a problem of their own. The plan holds exactly what the
 * rows without problems write.
 */
export function checkOrganizationImport(table: readonly (readonly (string | undefined)[])[], existing: OrganizationSnapshot): ImportCheck {
  const empty = (fileProblems: string[]): ImportCheck => ({ fileProblems, problems: [], rowCount: 0, validLines: [], plan: emptyPlan() });
  const [header, ...body] = table;
  if (!header || header.every((c) => cellText(c) === '')) {
    return empty([`Filen är tom. Den första raden ska ha kolumnrubrikerna: ${ORGANIZATION_COLUMNS.join('; ')}.`]);
  }
  const index = new Map<OrganizationColumn, number>();
  header.forEach((cell, i) => {
    const column = ORGANIZATION_COLUMNS.find((c) => nameKey(c) === nameKey(cellText(cell)));
    if (column && !index.has(column)) index.set(column, i);
  });
  const missing = ORGANIZATION_COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return empty([
      `Kolumn${missing.length > 1 ? 'erna' : 'en'} ${missing.join(', ')} saknas i första raden. ` +
        'Ladda ner en export och använd den som mall.',
    ]);
  }
  const dataRows = body.map((cells, i) => ({ line: i + 2, cells })).filter(({ cells }) => cells.some((c) => cellText(c) !== ''));
  if (dataRows.length === 0)
    return empty(['Filen har bara rubrikraden. Lägg till minst en rad med en enhet, ett arbetslag eller en person.']);
  if (dataRows.length > IMPORT_MAX_ROWS) {
    return empty([`Filen har ${dataRows.length} rader. Dela upp den i filer med högst ${IMPORT_MAX_ROWS} rader.`]);
  }

  const problems: ImportProblem[] = [];
  let good: ParsedRow[] = [];
  for (const { line, cells } of dataRows) {
    const parsed = parseRow(line, [...cells], index);
    problems.push(...parsed.problems);
    if (parsed.problems.length === 0) good.push(parsed.row);
  }
  // Rows are checked against each other until no new problem appears: a row that only made
  // sense together with a row that has a problem gets a problem of its own.
  let plan = emptyPlan();
  for (;;) {
    const checked = crossCheck(good, existing);
    if (checked.problems.length === 0) {
      plan = checked.plan;
      break;
    }
    problems.push(...checked.problems);
    const bad = new Set(checked.problems.map((p) => p.line));
    good = good.filter((r) => !bad.has(r.line));
  }
  problems.sort((a, b) => a.line - b.line);
  return { fileProblems: [], problems, rowCount: dataRows.length, validLines: good.map((r) => r.line), plan };
}
