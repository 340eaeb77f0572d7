/** The eight Swedish school forms (skolformer) the product has questionnaires for. */
export const SCHOOL_FORMS = [
  'forskola',
  'forskoleklass',
  'fritidshem',
  'grundskola',
  'anpassad-grundskola',
  'gymnasieskola',
  'anpassad-gymnasieskola',
  'komvux',
] as const;

export type SchoolForm = (typeof SCHOOL_FORMS)[number];

export const SCHOOL_FORM_LABELS: Record<SchoolForm, string> = {
  forskola: 'Förskola',
  forskoleklass: 'Förskoleklass',
  fritidshem: 'Fritidshem',
  grundskola: 'Grundskola',
  'anpassad-grundskola': 'Anpassad grundskola',
  gymnasieskola: 'Gymnasieskola',
  'anpassad-gymnasieskola': 'Anpassad gymnasieskola',
  komvux: 'Kommunal vuxenutbildning (komvux)',
};

export function isSchoolForm(value: string): value is SchoolForm {
  return (SCHOOL_FORMS as readonly string[]).includes(value);
}
