/** ISO calendar dates (YYYY-MM-DD) computed in UTC, so the time zone never shifts a day. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Parses an ISO date; throws on anything else (also on 2026-02-30). */
export function parseIsoDate(iso: string): Date {
  const match = ISO_DATE.exec(iso);
  if (match) {
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    if (toIsoDate(date) === iso) return date;
  }
  throw new Error(`Ogiltigt datum: "${iso}" (förväntat ÅÅÅÅ-MM-DD)`);
}

export function toIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return toIsoDate(new Date(parseIsoDate(iso).getTime() + days * DAY_MS));
}

/** Adds calendar months; the day is clamped to the target month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const date = parseIsoDate(iso);
  const firstOfTarget = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return toIsoDate(firstOfTarget);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(iso: string): number {
  const day = parseIsoDate(iso).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isWeekday(iso: string): boolean {
  return isoWeekday(iso) <= 5;
}

/** The Monday on or after the date. */
export function mondayOnOrAfter(iso: string): string {
  const weekday = isoWeekday(iso);
  return weekday === 1 ? iso : addDays(iso, 8 - weekday);
}

/** Monday–Friday dates from `from` to `to`, both inclusive. */
export function weekdaysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) if (isWeekday(day)) days.push(day);
  return days;
}

export interface Term {
  /** "Hösten" (July–December) or "Våren" (January–June). */
  label: 'Hösten' | 'Våren';
  /** "ht" or "vt", for keys. */
  code: 'ht' | 'vt';
  year: number;
}

export function termOf(iso: string): Term {
  const date = parseIsoDate(iso);
  const autumn = date.getUTCMonth() >= 6;
  return { label: autumn ? 'Hösten' : 'Våren', code: autumn ? 'ht' : 'vt', year: date.getUTCFullYear() };
}
