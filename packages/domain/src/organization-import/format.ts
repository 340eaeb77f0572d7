import { SCHOOL_FORM_LABELS, SCHOOL_FORMS, type SchoolForm } from '../school-forms/school-forms.ts';

/** The columns of the organisation file, in order. Headers are matched without regard to case. */
export const ORGANIZATION_COLUMNS = [
  'Enhet',
  'Enhetskod',
  'Skolformer',
  'Arbetslag',
  'Arbetslagets skolform',
  'Namn',
  'E-post',
  'Titel',
  'Roll',
] as const;

export type OrganizationColumn = (typeof ORGANIZATION_COLUMNS)[number];

export const ORGANIZATION_ROLES = ['staff', 'principal', 'organizer', 'admin'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

/** The Swedish role names used in the file. */
export const ORGANIZATION_ROLE_LABELS: Record<OrganizationRole, string> = {
  staff: 'Medarbetare',
  principal: 'Rektor',
  organizer: 'Huvudman',
  admin: 'Administratör',
};

/** Whitespace collapsed and lower case: how names are compared. */
export function nameKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLocaleLowerCase('sv-SE');
}

const FORM_ALIASES: Record<string, SchoolForm> = {
  komvux: 'komvux',
  vuxenutbildning: 'komvux',
  'kommunal vuxenutbildning': 'komvux',
  'anpassad grundskola': 'anpassad-grundskola',
  grundsärskola: 'anpassad-grundskola',
  'anpassad gymnasieskola': 'anpassad-gymnasieskola',
  gymnasiesärskola: 'anpassad-gymnasieskola',
  fritids: 'fritidshem',
};

/** A Swedish school form name ("Förskoleklass", "komvux", "anpassad-grundskola") → the code's value, or null. */
export function schoolFormFromName(value: string): SchoolForm | null {
  const key = nameKey(value);
  for (const form of SCHOOL_FORMS) {
    if (key === form || key === nameKey(SCHOOL_FORM_LABELS[form])) return form;
  }
  return FORM_ALIASES[key] ?? null;
}

/** The short name used in the file (komvux without its long label). */
export function schoolFormFileName(form: SchoolForm): string {
  return form === 'komvux' ? 'Komvux' : SCHOOL_FORM_LABELS[form];
}

export function roleFromName(value: string): OrganizationRole | null {
  const key = nameKey(value);
  for (const role of ORGANIZATION_ROLES) {
    if (key === nameKey(ORGANIZATION_ROLE_LABELS[role])) return role;
  }
  const aliases: Record<string, OrganizationRole> = { personal: 'staff', admin: 'admin', administrator: 'admin' };
  return aliases[key] ?? null;
}

/** The same check the database makes, a little stricter: one @, no spaces, a dot in the domain. */
export function isValidEmail(value: string): boolean {
  return /^[^@\s]+@[^@\s]+\.[^@\s.]+$/.test(value) && value.length <= 254;
}

/** Skolenhetskod: eight digits. Spaces are ignored. */
export function normalizeUnitCode(value: string): string {
  return value.replace(/\s+/g, '');
}

export function isValidUnitCode(value: string): boolean {
  return /^\d{8}$/.test(value);
}

/** The organisation as it is stored: what an import is checked against and what an export writes. */
export interface OrganizationSnapshot {
  units: { id: string; name: string; unitCode: string | null; schoolForms: SchoolForm[]; active: boolean }[];
  teams: { id: string; unitId: string; name: string; schoolForm: string; active: boolean }[];
  users: { id: string; name: string; email: string; title: string; active: boolean }[];
  roles: { userId: string; role: OrganizationRole; unitId: string | null; teamId: string | null }[];
}
