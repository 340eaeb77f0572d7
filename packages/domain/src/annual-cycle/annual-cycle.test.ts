import { describe, expect, it } from 'vitest';
import {
  barSpan,
  cycleLabel,
  cyclePeriod,
  cycleStartYear,
  isoAddMonths,
  isoDaysBetween,
  type ReminderCandidate,
  roundShift,
  shiftDates,
  staffReminders,
  termRoundName,
} from './annual-cycle.ts';

describe('cyclePeriod', () => {
  it('a school year runs 1 August to 31 July', () => {
    const p = cyclePeriod('school-year', 2026);
    expect([p.from, p.to, p.months[0], p.months[11], p.months.length]).toEqual([
      '2026-08-01',
      '2027-07-31',
      '2026-08-01',
      '2027-07-01',
      12,
    ]);
  });
  it('a calendar year runs 1 January to 31 December', () => {
    const p = cyclePeriod('calendar-year', 2027);
    expect([p.from, p.to, p.months[1]]).toEqual(['2027-01-01', '2027-12-31', '2027-02-01']);
  });
  const starts: [Parameters<typeof cycleStartYear>[0], string, number][] = [
    ['school-year', '2026-11-23', 2026],
    ['school-year', '2026-07-31', 2025],
    ['school-year', '2026-08-01', 2026],
    ['calendar-year', '2026-01-01', 2026],
  ];
  for (const [kind, today, year] of starts)
    it(`${kind} containing ${today} starts in ${year}`, () => expect(cycleStartYear(kind, today)).toBe(year));
  it('labels', () => {
    expect(cycleLabel({ kind: 'school-year', startYear: 2026 })).toBe('2026/27');
    expect(cycleLabel({ kind: 'school-year', startYear: 2099 })).toBe('2099/00');
    expect(cycleLabel({ kind: 'calendar-year', startYear: 2026 })).toBe('2026');
  });
});

describe('barSpan', () => {
  const year = cyclePeriod('school-year', 2026);
  const cases: { name: string; opens: string; last: string; expected: ReturnType<typeof barSpan> }[] = [
    {
      name: 'a whole month',
      opens: '2026-09-01',
      last: '2026-09-30',
      expected: { start: 1, end: 2, clippedStart: false, clippedEnd: false },
    },
    {
      name: 'one day',
      opens: '2026-08-01',
      last: '2026-08-01',
      expected: { start: 0, end: 1 / 31, clippedStart: false, clippedEnd: false },
    },
    {
      name: 'across a month boundary',
      opens: '2026-11-16',
      last: '2026-12-15',
      expected: { start: 3 + 15 / 30, end: 4 + 15 / 31, clippedStart: false, clippedEnd: false },
    },
    {
      name: 'starts before the period',
      opens: '2026-07-20',
      last: '2026-08-31',
      expected: { start: 0, end: 1, clippedStart: true, clippedEnd: false },
    },
    {
      name: 'ends after the period',
      opens: '2027-07-01',
      last: '2027-08-15',
      expected: { start: 11, end: 12, clippedStart: false, clippedEnd: true },
    },
    { name: 'entirely before', opens: '2026-05-01', last: '2026-07-31', expected: null },
    { name: 'entirely after', opens: '2027-08-01', last: '2027-08-20', expected: null },
  ];
  for (const c of cases) it(c.name, () => expect(barSpan(year, c.opens, c.last)).toEqual(c.expected));
});

describe('shiftDates', () => {
  const cases: { name: string; shift: Parameters<typeof roundShift>[0]; opens: string; closes: string; expected: [string, string] }[] = [
    { name: 'one year: same dates', shift: 'one-year', opens: '2026-11-16', closes: '2026-12-15', expected: ['2027-11-16', '2027-12-15'] },
    {
      name: 'one year from a leap day',
      shift: 'one-year',
      opens: '2028-02-29',
      closes: '2028-03-10',
      expected: ['2029-02-28', '2029-03-10'],
    },
    {
      name: '52 weeks: same weekdays',
      shift: 'fifty-two-weeks',
      opens: '2026-11-16',
      closes: '2026-12-15',
      expected: ['2027-11-15', '2027-12-14'],
    },
    {
      name: '26 weeks: next term, same weekdays',
      shift: 'twenty-six-weeks',
      opens: '2026-11-16',
      closes: '2026-12-15',
      expected: ['2027-05-17', '2027-06-15'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const shifted = shiftDates({ opensOn: c.opens, closesOn: c.closes }, roundShift(c.shift));
      expect([shifted.opensOn, shifted.closesOn]).toEqual(c.expected);
    });
  }
  it('52 weeks keeps the weekday', () => {
    const { opensOn } = shiftDates({ opensOn: '2026-11-16', closesOn: '2026-11-20' }, roundShift('fifty-two-weeks'));
    expect(new Date(`${opensOn}T00:00:00Z`).getUTCDay()).toBe(new Date('2026-11-16T00:00:00Z').getUTCDay());
  });
});

describe('termRoundName', () => {
  const cases: [string, string][] = [
    ['2027-11-15', 'Hösten 2027 · Grundskola'],
    ['2027-07-01', 'Hösten 2027 · Grundskola'],
    ['2027-06-30', 'Våren 2027 · Grundskola'],
    ['2027-01-10', 'Våren 2027 · Grundskola'],
  ];
  for (const [opens, name] of cases) it(`${opens} → ${name}`, () => expect(termRoundName(opens, 'Grundskola')).toBe(name));
});

describe('dates', () => {
  it('isoAddMonths clamps the day', () => expect(isoAddMonths('2027-01-31', 1)).toBe('2027-02-28'));
  it('isoDaysBetween counts whole days, also across a DST change', () => {
    expect(isoDaysBetween('2026-11-23', '2026-11-28')).toBe(5);
    expect(isoDaysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(isoDaysBetween('2026-11-23', '2026-11-20')).toBe(-3);
  });
});

describe('staffReminders', () => {
  const base: ReminderCandidate = {
    roundId: 'r',
    schoolUnitId: 'u',
    name: 'Hösten 2026 · Grundskola',
    state: 'open',
    status: 'not-started',
    closesOn: '2026-11-28',
    closedEarlyOn: null,
  };
  const cases: { name: string; rounds: ReminderCandidate[]; expected: { name: string; daysLeft: number; hasDraft: boolean }[] }[] = [
    { name: 'nothing to remind of', rounds: [], expected: [] },
    { name: 'an open round not started', rounds: [base], expected: [{ name: base.name, daysLeft: 5, hasDraft: false }] },
    {
      name: 'a draft counts as not submitted',
      rounds: [{ ...base, status: 'draft' }],
      expected: [{ name: base.name, daysLeft: 5, hasDraft: true }],
    },
    { name: 'submitted: no reminder', rounds: [{ ...base, status: 'submitted' }], expected: [] },
    {
      name: 'upcoming or closed: no reminder',
      rounds: [
        { ...base, state: 'upcoming' },
        { ...base, state: 'closed' },
      ],
      expected: [],
    },
    {
      name: 'closes today: 0 days',
      rounds: [{ ...base, closesOn: '2026-11-23' }],
      expected: [{ name: base.name, daysLeft: 0, hasDraft: false }],
    },
    {
      name: 'soonest closing first',
      rounds: [
        { ...base, roundId: 'a', name: 'A', closesOn: '2026-12-10' },
        { ...base, roundId: 'b', name: 'B', closesOn: '2026-11-24' },
      ],
      expected: [
        { name: 'B', daysLeft: 1, hasDraft: false },
        { name: 'A', daysLeft: 17, hasDraft: false },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, () =>
      expect(staffReminders(c.rounds, '2026-11-23').map((r) => ({ name: r.name, daysLeft: r.daysLeft, hasDraft: r.hasDraft }))).toEqual(
        c.expected,
      ),
    );
  }
});
