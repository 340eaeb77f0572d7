/**
 * Outcome measures (nyckeltal): periods, values and names as they come from files and forms.
 * Pure functions; every message is Swedish because it is shown as a row problem in the import preview.
 */

/** A normalised period: a school year "2025/26" or a term "HT 2025" / "VT 2026". */
export interface OutcomePeriod {
  /** "2025/26", "HT 2025" or "VT 2026". */
  label: string;
  kind: 'school-year' | 'term';
  /**
   * Sort order: HT 2025 < VT 2026 < 2025/26 < HT 2026. A school year sorts after its spring term,
   * because its figures (grades, a whole year's attendance) are known at the end of the year.
   */
  order: number;
}

export type PeriodResult = { ok: true; period: OutcomePeriod } | { ok: false; message: string };

const PERIOD_HELP = 'Skriv läsår som 2025/26 eller termin som HT 2025 eller VT 2026.';

function yearOf(text: string): number | null {
  const y = Number(text.length === 2 ? `20${text}` : text);
  return Number.isInteger(y) && y >= 1990 && y <= 2100 ? y : null;
}

/** Reads a period in the ways people write it and returns it normalised, or a Swedish message. */
export function parsePeriod(input: string): PeriodResult {
  const text = input
    .trim()
    .toLocaleLowerCase('sv-SE')
    .replace(/[\u2012-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ');
  if (text === '') return { ok: false, message: `Perioden saknas. ${PERIOD_HELP}` };
  const schoolYear = /^(?:läsår(?:et)?\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})$/.exec(text);
  if (schoolYear) {
    const start = yearOf(schoolYear[1] as string);
    const endText = schoolYear[2] as string;
    const end = endText.length === 2 ? (start !== null && (start + 1) % 100 === Number(endText) ? start + 1 : null) : yearOf(endText);
    if (start === null || end === null || end !== start + 1) {
      return {
        ok: false,
        message: `Läsåret "${input.trim()}" går inte att läsa: det andra året ska följa direkt på det första. ${PERIOD_HELP}`,
      };
    }
    return {
      ok: true,
      period: { label: `${start}/${String(end % 100).padStart(2, '0')}`, kind: 'school-year', order: start * 3 + 2 },
    };
  }
  const term = /^(ht|vt|hösttermin(?:en)?|vårtermin(?:en)?|höst(?:en)?|vår(?:en)?)\s*-?\s*(\d{2}|\d{4})$/.exec(text);
  if (term) {
    const year = yearOf(term[2] as string);
    if (year === null) return { ok: false, message: `Året i "${input.trim()}" går inte att läsa. ${PERIOD_HELP}` };
    const autumn = (term[1] as string).startsWith('h');
    return autumn
      ? { ok: true, period: { label: `HT ${year}`, kind: 'term', order: year * 3 } }
      : { ok: true, period: { label: `VT ${year}`, kind: 'term', order: (year - 1) * 3 + 1 } };
  }
  return { ok: false, message: `Perioden "${input.trim()}" går inte att läsa. ${PERIOD_HELP}` };
}

export type ValueResult =
  | { kind: 'value'; value: number; approximate: boolean }
  | { kind: 'missing'; note: string }
  | { kind: 'error'; message: string };

/** Marks that statistics sources use for a value that is missing or withheld. */
const MISSING_MARKS = new Set(['.', '..', '...', '-', '–', '—', '*', '×', 'x']);

/**
 * Reads a value as Swedish files write it: decimal comma or point, spaces (also no-break) as
 * thousands separators, a trailing "%", a leading "~" for a rounded value (kept, marked approximate)
 * and the minus sign U+2212. "." / ".." / "–" / "*" mean that the source has no value or withholds it
 * (for example too few pupils): not an error, the row is skipped with a note.
 */
export function parseMeasureValue(input: string): ValueResult {
  const text = input.trim();
  if (text === '') return { kind: 'missing', note: 'Värdet saknas.' };
  if (MISSING_MARKS.has(text.toLowerCase())) {
    return { kind: 'missing', note: `Källan har inget värde ("${text}"): saknas eller sekretessmarkerat.` };
  }
  let rest = text.replace(/\u2212/g, '-');
  let approximate = false;
  if (rest.startsWith('~') || rest.startsWith('≈') || rest.toLowerCase().startsWith('ca ')) {
    approximate = true;
    rest = rest.replace(/^(~|≈|ca )\s*/i, '');
  }
  rest = rest.replace(/\s*%$/, '').replace(/[\s\u00a0\u202f]/g, '');
  if (/^-?\d+,\d+$/.test(rest)) rest = rest.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(rest)) {
    return { kind: 'error', message: `Värdet "${text}" är inte ett tal. Skriv till exempel 92,3.` };
  }
  return { kind: 'value', value: Number(rest), approximate };
}

export type CountResult = { ok: true; n: number | null } | { ok: false; message: string };

/** The optional n (pupils, answers) behind a value: empty, or a whole number ≥ 0. */
export function parseCount(input: string): CountResult {
  const text = input.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (text === '' || MISSING_MARKS.has(text)) return { ok: true, n: null };
  if (!/^\d+$/.test(text)) return { ok: false, message: `Antalet "${input.trim()}" är inte ett heltal.` };
  return { ok: true, n: Number(text) };
}

/** How names of units and measures are matched: case, extra spaces and a trailing period do not matter. */
export function matchKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLocaleLowerCase('sv-SE');
}

/** Unit codes are matched on their digits only ("1234 5678" = "12345678"). */
export function unitCodeKey(value: string): string {
  return value.replace(/\D/g, '');
}
