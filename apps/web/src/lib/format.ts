const dateFormat = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dayMonthFormat = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const percentFormat = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });
const integerFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/** '2026-03-05' → '5 mars 2026' */
export function formatDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

/** '2026-12-15' → '15 december' */
export function formatDayMonth(isoDate: string): string {
  return dayMonthFormat.format(new Date(`${isoDate}T00:00:00Z`));
}

export function formatPercent(share: number): string {
  return percentFormat.format(share);
}

export function formatInteger(n: number): string {
  return integerFormat.format(n);
}

const oneDecimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedOneDecimal = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** 2.345 → "2,3"; null → "–" */
export function formatMean(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : oneDecimal.format(value);
}

/** 0.25 → "+0,3" (U+2212 for minus) */
export function formatChange(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : signedOneDecimal.format(value);
}

export function formatInterval(interval: { lower: number; upper: number } | null | undefined): string {
  return interval ? `${oneDecimal.format(interval.lower)}–${oneDecimal.format(interval.upper)}` : '–';
}
