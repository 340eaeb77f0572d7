import { SCHOOL_FORM_LABELS, type SchoolForm } from '@kvalitetshjulet/domain';

export const ACTION_LABELS: Record<string, string> = {
  'session.login': 'Inloggning',
  'settings.update': 'Ändrade inställningar',
  'unit.create': 'Lade till enhet',
  'unit.update': 'Ändrade enhet',
  'unit.activate': 'Aktiverade enhet',
  'unit.deactivate': 'Inaktiverade enhet',
  'team.create': 'Lade till arbetslag',
  'team.activate': 'Aktiverade arbetslag',
  'team.deactivate': 'Inaktiverade arbetslag',
  'user.create': 'Lade till person',
  'user.update': 'Ändrade person',
  'user.activate': 'Aktiverade person',
  'user.deactivate': 'Inaktiverade person',
  'role.add': 'Gav roll',
  'role.remove': 'Tog bort roll',
  'import.apply': 'Import',
  'export.organization': 'Export',
  'retention.run': 'Gallring',
};

export const ACTION_FILTERS = [
  { value: '', label: 'Alla händelser' },
  { value: 'session', label: 'Inloggningar' },
  { value: 'settings', label: 'Inställningar' },
  { value: 'unit', label: 'Enheter' },
  { value: 'team', label: 'Arbetslag' },
  { value: 'user', label: 'Personer' },
  { value: 'role', label: 'Roller' },
  { value: 'import', label: 'Importer' },
  { value: 'export', label: 'Exporter' },
  { value: 'retention', label: 'Gallring' },
] as const;

const FIELD_LABELS: Record<string, string> = {
  name: 'namn',
  anonymityThreshold: 'anonymitetsgräns',
  staffCanSeeResults: 'personal ser resultat',
  draftRetentionDays: 'dagar för utkast',
  auditRetentionDays: 'dagar för logg',
  sessionsEnded: 'avslutade inloggningar',
  drafts: 'borttagna utkast',
  auditEntries: 'borttagna loggposter',
  rows: 'rader',
  writtenRows: 'inlästa rader',
  skippedRows: 'rader med problem',
  newUnits: 'nya enheter',
  newTeams: 'nya arbetslag',
  newUsers: 'nya personer',
  newRoles: 'nya roller',
  method: 'sätt',
  role: 'roll',
  where: 'gäller',
  unitCode: 'enhetskod',
  schoolForms: 'skolformer',
  schoolForm: 'skolform',
  from: 'före',
  to: 'efter',
};

const ROLE_WORDS: Record<string, string> = { staff: 'medarbetare', principal: 'rektor', organizer: 'huvudman', admin: 'administratör' };

function valueText(value: unknown): string {
  if (value === true) return 'ja';
  if (value === false) return 'nej';
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'number') return new Intl.NumberFormat('sv-SE').format(value);
  if (typeof value === 'string') return ROLE_WORDS[value] ?? SCHOOL_FORM_LABELS[value as SchoolForm] ?? value;
  if (Array.isArray(value)) return value.map(valueText).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('from' in o && 'to' in o && Object.keys(o).length === 2) return `${valueText(o.from)} → ${valueText(o.to)}`;
    return Object.entries(o)
      .map(([k, v]) => `${FIELD_LABELS[k] ?? k}: ${valueText(v)}`)
      .join(', ');
  }
  return String(value);
}

/** One plain line for an audit entry's details. */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${FIELD_LABELS[k] ?? k}: ${valueText(v)}`)
    .join('; ');
}

const dateTime = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}
