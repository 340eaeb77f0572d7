import { describe, expect, it } from 'vitest';
import { schoolYearLabel, schoolYearMonths, schoolYearStart, schoolYearsOf, timelineSpan } from './timeline.ts';

describe('schoolYearStart', () => {
  it.each([
    ['2026-08-01', 2026],
    ['2026-12-31', 2026],
    ['2027-06-30', 2026],
    ['2027-07-31', 2026],
    ['2027-08-01', 2027],
  ])('%s → %i', (date, year) => expect(schoolYearStart(date)).toBe(year));
});

describe('schoolYearMonths', () => {
  it('runs August to June', () => {
    const months = schoolYearMonths(2026);
    expect(months).toHaveLength(11);
    expect(months[0]).toEqual({ key: '2026-08', label: 'aug' });
    expect(months[4]).toEqual({ key: '2026-12', label: 'dec' });
    expect(months[5]).toEqual({ key: '2027-01', label: 'jan' });
    expect(months[10]).toEqual({ key: '2027-06', label: 'jun' });
    expect(schoolYearLabel(2026)).toBe('2026/27');
    expect(schoolYearLabel(2099)).toBe('2099/00');
  });
});

describe('timelineSpan', () => {
  it.each([
    ['inside', '2026-09-10', '2026-11-20', 2026, { from: 1, to: 3, continuesBefore: false, continuesAfter: false }],
    ['one month', '2027-03-01', '2027-03-31', 2026, { from: 7, to: 7, continuesBefore: false, continuesAfter: false }],
    ['starts the year before', '2026-05-01', '2026-09-01', 2026, { from: 0, to: 1, continuesBefore: true, continuesAfter: false }],
    ['runs past June', '2027-05-01', '2027-09-01', 2026, { from: 9, to: 10, continuesBefore: false, continuesAfter: true }],
    ['all before', '2026-01-01', '2026-06-30', 2026, null],
    ['only July after', '2027-07-01', '2027-07-31', 2026, null],
    ['end before start', '2026-10-01', '2026-09-01', 2026, null],
  ])('%s', (_name, start, end, year, span) => expect(timelineSpan(start, end, year)).toEqual(span));
});

describe('schoolYearsOf', () => {
  it('lists the school years the activities touch, or the fallback', () => {
    expect(schoolYearsOf([], '2026-11-23')).toEqual([2026]);
    expect(
      schoolYearsOf(
        [
          { startsOn: '2026-09-01', endsOn: '2026-10-01' },
          { startsOn: '2027-05-01', endsOn: '2027-09-01' },
        ],
        '2020-01-01',
      ),
    ).toEqual([2026, 2027]);
  });
});
