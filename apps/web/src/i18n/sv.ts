import type { SchoolForm } from '@kvalitetshjulet/domain';
import { SCHOOL_FORM_LABELS } from '@kvalitetshjulet/domain';

export const ROLE_LABELS = {
  staff: 'Medarbetare',
  principal: 'Rektor',
  organizer: 'Huvudman',
  admin: 'Administratör',
} as const;

export type RoleName = keyof typeof ROLE_LABELS;

export function schoolFormLabel(form: string): string {
  return SCHOOL_FORM_LABELS[form as SchoolForm] ?? form;
}

export const ROUND_STATE_LABELS = {
  upcoming: 'Öppnar snart',
  open: 'Öppen',
  closed: 'Stängd',
} as const;

export const STAFF_STATUS_LABELS = {
  'not-started': 'Inte påbörjad',
  draft: 'Utkast sparat',
  submitted: 'Inskickad',
} as const;
