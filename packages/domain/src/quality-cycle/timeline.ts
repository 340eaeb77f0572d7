/**
 * The school year (August–June) as months, and where an activity's bar sits on it: the
 * årshjul-like timeline of the development plan.
 */

export interface SchoolYearMonth {
  /** 'YYYY-MM' */
  key: string;
  /** Short Swedish month name: "aug", "sep" … */
  label: string;
}

const LABELS = ['jan', 'feb', 'mar', 'apr', 'maj', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
/** August to June: eleven months. */
export const SCHOOL_YEAR_MONTHS = 11;

/** The calendar year the school year of an ISO date starts in (August starts a new school year). */
export function schoolYearStart(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 8 ? year : year - 1;
}

/** "2026/27" */
export function schoolYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function schoolYearMonths(startYear: number): SchoolYearMonth[] {
  return Array.from({ length: SCHOOL_YEAR_MONTHS }, (_, i) => {
    const month0 = (7 + i) % 12;
    const year = startYear + (7 + i >= 12 ? 1 : 0);
    return { key: `${year}-${String(month0 + 1).padStart(2, '0')}`, label: LABELS[month0] as string };
  });
}

/** Months from August of the school year's start (August = 0, June = 10). */
function monthIndex(isoDate: string, startYear: number): number {
  return (Number(isoDate.slice(0, 4)) - startYear) * 12 + Number(isoDate.slice(5, 7)) - 8;
}

export interface TimelineSpan {
  /** First month column, 0 = August. */
  from: number;
  /** Last month column (inclusive), 10 = June. */
  to: number;
  /** The activity starts before August or ends after June of this school year. */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

/** Where an activity sits in a school year, or null when it does not touch it. */
export function timelineSpan(startsOn: string, endsOn: string, startYear: number): TimelineSpan | null {
  const from = monthIndex(startsOn, startYear);
  const to = monthIndex(endsOn, startYear);
  if (to < 0 || from > SCHOOL_YEAR_MONTHS - 1 || to < from) return null;
  return {
    from: Math.max(0, from),
    to: Math.min(SCHOOL_YEAR_MONTHS - 1, to),
    continuesBefore: from < 0,
    continuesAfter: to > SCHOOL_YEAR_MONTHS - 1,
  };
}

/** The school years the activities touch, oldest first; the fallback's year when there are none. */
export function schoolYearsOf(activities: readonly { startsOn: string; endsOn: string }[], fallbackDate: string): number[] {
  const years = new Set<number>();
  for (const a of activities) {
    if (a.endsOn < a.startsOn) continue;
    for (let y = schoolYearStart(a.startsOn); y <= schoolYearStart(a.endsOn); y++) years.add(y);
  }
  if (years.size === 0) years.add(schoolYearStart(fallbackDate));
  return [...years].sort((a, b) => a - b);
}
