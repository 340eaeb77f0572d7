// The Swedish sentence that explains each finding. Numbers in sv-SE format: decimal comma, one decimal,
// U+2212 for minus and a no-break space as thousands separator (Intl's sv-SE conventions), and a
// no-break space between a number and "%".

const decimalFormat = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integerFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/** One decimal with a decimal comma: 3.45 → "3,5", −0.25 → "−0,3". */
export function formatDecimal(value: number): string {
  return decimalFormat.format(value);
}

/** A whole number: 1234 → "1 234" (no-break space). */
export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

/** A share 0–1 as a whole percentage: 0.4 → "40 %" (no-break space). */
export function formatPercent(share: number): string {
  return `${integerFormat.format(share * 100)}\u00a0%`;
}

/** A range of scale steps: (1, 2) → "1–2", (3, 3) → "3". */
function stepRange(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}

/** The sample sizes in parentheses: "(n = 23)" or "(n = 18 och 20)". */
function sampleSizes(n: number, otherN?: number): string {
  return otherN === undefined ? `(n = ${formatInteger(n)})` : `(n = ${formatInteger(n)} och ${formatInteger(otherN)})`;
}

/** "Tydligt högre än kommunens snitt: 3,4 mot 2,7 (n = 23)". Pass otherN to show both sample sizes. */
export function differenceReason(
  direction: 'higher' | 'lower',
  referenceLabel: string,
  value: number,
  referenceValue: number,
  n: number,
  otherN?: number,
): string {
  const comparison = direction === 'higher' ? 'Tydligt högre än' : 'Tydligt lägre än';
  return `${comparison} ${referenceLabel}: ${formatDecimal(value)} mot ${formatDecimal(referenceValue)} ${sampleSizes(n, otherN)}`;
}

/** "Stor spridning: 40 % svarade 1–2 och 60 % 3–4 (n = 15)". */
export function splitReason(lowShare: number, highShare: number, steps: number, n: number): string {
  const lowEnd = Math.floor(steps / 2);
  const highStart = Math.ceil(steps / 2) + 1;
  return `Stor spridning: ${formatPercent(lowShare)} svarade ${stepRange(1, lowEnd)} och ${formatPercent(highShare)} ${stepRange(highStart, steps)} ${sampleSizes(n)}`;
}

/** "Stor spridning: standardavvikelsen är 1,1 (n = 15)". */
export function spreadReason(sd: number, n: number): string {
  return `Stor spridning: standardavvikelsen är ${formatDecimal(sd)} ${sampleSizes(n)}`;
}
