import { formatChange, formatInterval, formatMean } from '../../lib/format.ts';

const KIND_LABELS = { strength: 'Styrka', weakness: 'Svaghet', disagreement: 'Samtalsfråga' } as const;
const REFERENCE_LABELS = {
  'own-average': 'jämfört med enhetens egen nivå',
  organizer: 'jämfört med huvudmannens snitt',
  'previous-round': 'jämfört med förra omgången',
} as const;

export function findingKindLabel(kind: keyof typeof KIND_LABELS): string {
  return KIND_LABELS[kind];
}

/** "Medelvärde 2,1 (n = 23) · jämfört med … 2,9 · skillnad −0,8 (95 % KI −1,1–−0,5)" */
export function findingFigures(s: {
  value: number;
  n: number;
  reference: keyof typeof REFERENCE_LABELS | null;
  referenceValue: number | null;
  difference: number | null;
  interval: { lower: number; upper: number } | null;
}): string {
  const parts = [`Medelvärde ${formatMean(s.value)} (n = ${s.n})`];
  if (s.reference && s.referenceValue !== null) parts.push(`${REFERENCE_LABELS[s.reference]}: ${formatMean(s.referenceValue)}`);
  if (s.difference !== null) {
    parts.push(`skillnad ${formatChange(s.difference)}${s.interval ? ` (95 % KI ${formatInterval(s.interval)})` : ''}`);
  }
  return parts.join(' · ');
}
