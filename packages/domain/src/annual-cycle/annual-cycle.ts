import type { IsoDate, RoundState } from '../rounds/round-state.ts';

/**
 * The owner's annual calendar (årshjul): which period a year view covers, where a round sits
 * in it, how a round is repeated a year later, and which rounds a staff member is reminded of.
 * Dates are ISO calendar dates ('YYYY-MM-DD') computed in UTC, so no time zone shifts a day.
 */

/** A school year runs August–July; a calendar year January–December. */
export type CycleKind = 'school-year' | 'calendar-year';

const DAY_MS = 24 * 60 * 60 * 1000;

function parse(iso: IsoDate): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function format(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

export function isoAddDays(iso: IsoDate, days: number): IsoDate {
  return format(new Date(parse(iso).getTime() + days * DAY_MS));
}

/** Adds calendar months; the day is clamped to the target month (29 Feb + 12 months = 28 Feb). */
export function isoAddMonths(iso: IsoDate, months: number): IsoDate {
  const date = parse(iso);
  const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return format(first);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function isoDaysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((parse(to).getTime() - parse(from).getTime()) / DAY_MS);
}

export interface CyclePeriod {
  kind: CycleKind;
  /** The year the period starts in (a school year 2026/27 starts in 2026). */
  startYear: number;
  from: IsoDate;
  /** Inclusive. */
  to: IsoDate;
  /** First day of each of the twelve months, in order. */
  months: IsoDate[];
}

export function cyclePeriod(kind: CycleKind, startYear: number): CyclePeriod {
  const from = kind === 'school-year' ? `${startYear}-08-01` : `${startYear}-01-01`;
  const months = Array.from({ length: 12 }, (_, i) => isoAddMonths(from, i));
  return { kind, startYear, from, to: isoAddDays(isoAddMonths(from, 12), -1), months };
}

/** The start year of the period that contains `today`. */
export function cycleStartYear(kind: CycleKind, today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  if (kind === 'calendar-year') return year;
  return Number(today.slice(5, 7)) >= 8 ? year : year - 1;
}

/** "2026/27" for a school year, "2026" for a calendar year. */
export function cycleLabel(period: Pick<CyclePeriod, 'kind' | 'startYear'>): string {
  return period.kind === 'school-year'
    ? `${period.startYear}/${String((period.startYear + 1) % 100).padStart(2, '0')}`
    : String(period.startYear);
}

export interface BarSpan {
  /** Position of the first day in months from the period start (0 = first day of the first month). */
  start: number;
  /** Position just after the last day, in months (12 = the period's end). */
  end: number;
  /** The round starts before / ends after the period and is cut at its edge. */
  clippedStart: boolean;
  clippedEnd: boolean;
}

function monthPosition(period: CyclePeriod, iso: IsoDate, endOfDay: boolean): number {
  const index = period.months.findLastIndex((m) => m <= iso);
  if (index < 0) return 0;
  const monthStart = period.months[index] as IsoDate;
  const nextStart = isoAddMonths(monthStart, 1);
  const length = isoDaysBetween(monthStart, nextStart);
  const day = isoDaysBetween(monthStart, iso) + (endOfDay ? 1 : 0);
  return index + day / length;
}

/** Where a round (from opening to its last open day) sits in the period, or null when outside it. */
export function barSpan(period: CyclePeriod, opensOn: IsoDate, lastDay: IsoDate): BarSpan | null {
  if (lastDay < period.from || opensOn > period.to) return null;
  const clippedStart = opensOn < period.from;
  const clippedEnd = lastDay > period.to;
  return {
    start: clippedStart ? 0 : monthPosition(period, opensOn, false),
    end: clippedEnd ? 12 : monthPosition(period, lastDay, true),
    clippedStart,
    clippedEnd,
  };
}

/** How a new round is placed relative to a previous one. */
export type RoundShift = { kind: 'year' } | { kind: 'weeks'; weeks: number };

export const ROUND_SHIFTS = ['one-year', 'fifty-two-weeks', 'twenty-six-weeks'] as const;
export type RoundShiftName = (typeof ROUND_SHIFTS)[number];

export function roundShift(name: RoundShiftName): RoundShift {
  if (name === 'one-year') return { kind: 'year' };
  return { kind: 'weeks', weeks: name === 'fifty-two-weeks' ? 52 : 26 };
}

/** The dates of a new round: the same date a year later, or the same weekdays some weeks later. */
export function shiftDates(round: { opensOn: IsoDate; closesOn: IsoDate }, shift: RoundShift): { opensOn: IsoDate; closesOn: IsoDate } {
  if (shift.kind === 'year') return { opensOn: isoAddMonths(round.opensOn, 12), closesOn: isoAddMonths(round.closesOn, 12) };
  return { opensOn: isoAddDays(round.opensOn, shift.weeks * 7), closesOn: isoAddDays(round.closesOn, shift.weeks * 7) };
}

/** "Hösten 2027 · Grundskola": the term of the opening date (July–December is autumn) and the school form. */
export function termRoundName(opensOn: IsoDate, schoolFormLabel: string): string {
  const month = Number(opensOn.slice(5, 7));
  return `${month >= 7 ? 'Hösten' : 'Våren'} ${opensOn.slice(0, 4)} · ${schoolFormLabel}`;
}

export interface ReminderCandidate {
  roundId: string;
  schoolUnitId: string;
  name: string;
  state: RoundState;
  status: 'not-started' | 'draft' | 'submitted';
  closesOn: IsoDate;
  closedEarlyOn: IsoDate | null;
}

export interface Reminder {
  roundId: string;
  schoolUnitId: string;
  name: string;
  closesOn: IsoDate;
  /** 0 = closes today (today is its last open day). */
  daysLeft: number;
  hasDraft: boolean;
}

/** Open rounds this person has not submitted, soonest closing first. */
export function staffReminders(rounds: readonly ReminderCandidate[], today: IsoDate): Reminder[] {
  return rounds
    .filter((r) => r.state === 'open' && r.status !== 'submitted')
    .map((r) => ({
      roundId: r.roundId,
      schoolUnitId: r.schoolUnitId,
      name: r.name,
      closesOn: r.closesOn,
      daysLeft: Math.max(0, isoDaysBetween(today, r.closesOn)),
      hasDraft: r.status === 'draft',
    }))
    .sort((a, b) => a.daysLeft - b.daysLeft || a.name.localeCompare(b.name, 'sv'));
}
