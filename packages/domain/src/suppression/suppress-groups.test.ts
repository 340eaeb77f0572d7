import { describe, expect, it } from 'vitest';
import { type AnonymityGroup, suppressGroups } from './suppress-groups.ts';

type Outcome = 'visible' | 'no-data' | 'below-threshold' | 'secondary' | 'parent-hidden';

/** Shorthand: [id, parentId, n]. */
type Row = readonly [string, string | null, number];

const toGroups = (rows: readonly Row[]): AnonymityGroup[] => rows.map(([id, parentId, n]) => ({ id, parentId, n }));

function outcomes(rows: readonly Row[], threshold: number): Record<string, Outcome> {
  const result: Record<string, Outcome> = {};
  for (const [id, decision] of suppressGroups(toGroups(rows), threshold)) {
    result[id] = decision.visible ? 'visible' : decision.reason;
  }
  return result;
}

interface Case {
  readonly name: string;
  readonly threshold: number;
  readonly rows: readonly Row[];
  readonly expected: Record<string, Outcome>;
}

const cases: readonly Case[] = [
  // Primary suppression on a single group.
  { name: 'exactly at the threshold is shown', threshold: 5, rows: [['u', null, 5]], expected: { u: 'visible' } },
  { name: 'one under the threshold is hidden', threshold: 5, rows: [['u', null, 4]], expected: { u: 'below-threshold' } },
  { name: 'a single respondent is hidden', threshold: 5, rows: [['u', null, 1]], expected: { u: 'below-threshold' } },
  { name: 'n = 0 is hidden as no data', threshold: 5, rows: [['u', null, 0]], expected: { u: 'no-data' } },
  { name: 'threshold 3: 3 shown', threshold: 3, rows: [['u', null, 3]], expected: { u: 'visible' } },
  { name: 'threshold 3: 2 hidden', threshold: 3, rows: [['u', null, 2]], expected: { u: 'below-threshold' } },
  { name: 'threshold 10: 10 shown', threshold: 10, rows: [['u', null, 10]], expected: { u: 'visible' } },
  { name: 'threshold 10: 9 hidden', threshold: 10, rows: [['u', null, 9]], expected: { u: 'below-threshold' } },

  // One level: a unit and its teams.
  {
    name: 'teams and remainder all large enough: nothing hidden',
    threshold: 5,
    rows: [
      ['u', null, 20],
      ['a', 'u', 5],
      ['b', 'u', 10],
    ],
    expected: { u: 'visible', a: 'visible', b: 'visible' },
  },
  {
    name: 'one small team: the smallest visible sibling is hidden too',
    threshold: 5,
    rows: [
      ['u', null, 20],
      ['a', 'u', 8],
      ['b', 'u', 9],
      ['c', 'u', 3],
    ],
    expected: { u: 'visible', a: 'secondary', b: 'visible', c: 'below-threshold' },
  },
  {
    name: 'two small teams whose sum reaches the threshold protect each other',
    threshold: 5,
    rows: [
      ['u', null, 20],
      ['a', 'u', 3],
      ['b', 'u', 3],
      ['c', 'u', 14],
    ],
    expected: { u: 'visible', a: 'below-threshold', b: 'below-threshold', c: 'visible' },
  },
  {
    name: 'two small teams whose sum stays under the threshold',
    threshold: 5,
    rows: [
      ['u', null, 24],
      ['a', 'u', 2],
      ['b', 'u', 2],
      ['c', 'u', 14],
      ['d', 'u', 6],
    ],
    expected: { u: 'visible', a: 'below-threshold', b: 'below-threshold', c: 'visible', d: 'secondary' },
  },
  {
    name: 'a unit with one team and a remainder of 2: the team is hidden, the unit shown',
    threshold: 5,
    rows: [
      ['u', null, 7],
      ['a', 'u', 5],
    ],
    expected: { u: 'visible', a: 'secondary' },
  },
  {
    name: 'a unit whose only team is the whole unit: both shown',
    threshold: 5,
    rows: [
      ['u', null, 7],
      ['a', 'u', 7],
    ],
    expected: { u: 'visible', a: 'visible' },
  },
  {
    name: 'ties between equally small siblings go to the smaller id',
    threshold: 5,
    rows: [
      ['u', null, 16],
      ['b', 'u', 6],
      ['a', 'u', 6],
    ],
    expected: { u: 'visible', a: 'secondary', b: 'visible' },
  },
  {
    name: 'a team with no answers reveals nothing and protects nothing',
    threshold: 5,
    rows: [
      ['u', null, 10],
      ['a', 'u', 0],
      ['b', 'u', 10],
    ],
    expected: { u: 'visible', a: 'no-data', b: 'visible' },
  },
  {
    name: 'a small unit hides its teams by the same rule',
    threshold: 5,
    rows: [
      ['u', null, 4],
      ['a', 'u', 3],
      ['b', 'u', 0],
    ],
    expected: { u: 'below-threshold', a: 'below-threshold', b: 'no-data' },
  },
  {
    name: 'threshold 3: a team of 3 is shown, a remainder of 2 hides one more',
    threshold: 3,
    rows: [
      ['u', null, 14],
      ['a', 'u', 3],
      ['b', 'u', 9],
    ],
    expected: { u: 'visible', a: 'secondary', b: 'visible' },
  },
  {
    name: 'threshold 10: the same forest hides both teams, which protect each other',
    threshold: 10,
    rows: [
      ['u', null, 14],
      ['a', 'u', 3],
      ['b', 'u', 9],
    ],
    expected: { u: 'visible', a: 'below-threshold', b: 'below-threshold' },
  },
  {
    name: 'threshold 10: one team at exactly 10 and a remainder of 9',
    threshold: 10,
    rows: [
      ['u', null, 19],
      ['a', 'u', 10],
    ],
    expected: { u: 'visible', a: 'secondary' },
  },

  // Three levels: organizer → unit → team.
  {
    name: 'three levels where every part is large enough',
    threshold: 5,
    rows: [
      ['o', null, 40],
      ['u1', 'o', 20],
      ['u2', 'o', 20],
      ['t1', 'u1', 10],
      ['t2', 'u1', 10],
      ['t3', 'u2', 8],
      ['t4', 'u2', 8],
    ],
    expected: { o: 'visible', u1: 'visible', u2: 'visible', t1: 'visible', t2: 'visible', t3: 'secondary', t4: 'visible' },
  },
  {
    name: 'a small unit: its larger sibling is hidden, and that unit’s teams must not add up to it',
    threshold: 5,
    rows: [
      ['o', null, 30],
      ['u1', 'o', 4],
      ['u2', 'o', 26],
      ['t1', 'u2', 10],
      ['t2', 'u2', 16],
    ],
    expected: { o: 'visible', u1: 'below-threshold', u2: 'secondary', t1: 'parent-hidden', t2: 'visible' },
  },
  {
    name: 'an organizer remainder of 4 under a unit fully split into teams',
    threshold: 5,
    rows: [
      ['o', null, 25],
      ['u', 'o', 21],
      ['t1', 'u', 10],
      ['t2', 'u', 11],
    ],
    expected: { o: 'visible', u: 'secondary', t1: 'parent-hidden', t2: 'visible' },
  },
  {
    name: 'a sibling that fixes the leak alone is preferred to a smaller one that does not',
    threshold: 5,
    rows: [
      ['o', null, 50],
      ['u1', 'o', 15],
      ['u2', 'o', 31],
      ['t1', 'u1', 8],
      ['t2', 'u1', 7],
    ],
    expected: { o: 'visible', u1: 'visible', u2: 'secondary', t1: 'visible', t2: 'visible' },
  },
  {
    name: 'unit-level secondary suppression inside a visible organizer',
    threshold: 5,
    rows: [
      ['o', null, 60],
      ['u1', 'o', 30],
      ['u2', 'o', 30],
      ['t1', 'u1', 12],
      ['t2', 'u1', 15],
      ['t3', 'u2', 30],
    ],
    expected: { o: 'visible', u1: 'visible', u2: 'visible', t1: 'secondary', t2: 'visible', t3: 'visible' },
  },
  {
    name: 'the organizer is shown even when every unit is small, if their total is large enough',
    threshold: 5,
    rows: [
      ['o', null, 9],
      ['u1', 'o', 4],
      ['u2', 'o', 3],
      ['u3', 'o', 2],
    ],
    expected: { o: 'visible', u1: 'below-threshold', u2: 'below-threshold', u3: 'below-threshold' },
  },
];

describe('suppressGroups', () => {
  it.each(cases)('$name', ({ rows, threshold, expected }) => {
    expect(outcomes(rows, threshold)).toEqual(expected);
  });

  it.each([1, 2, 3, 4])('hides one more team when the implicit remainder is %i', (remainder) => {
    const rows: Row[] = [
      ['u', null, 11 + remainder],
      ['a', 'u', 6],
      ['b', 'u', 5],
    ];
    expect(outcomes(rows, 5)).toEqual({ u: 'visible', a: 'visible', b: 'secondary' });
  });

  it.each([0, 5, 6])('hides nothing when the implicit remainder is %i', (remainder) => {
    const rows: Row[] = [
      ['u', null, 11 + remainder],
      ['a', 'u', 6],
      ['b', 'u', 5],
    ];
    expect(outcomes(rows, 5)).toEqual({ u: 'visible', a: 'visible', b: 'visible' });
  });

  it('returns one decision per group, in input order', () => {
    const rows: Row[] = [
      ['t2', 'u', 6],
      ['u', null, 12],
      ['t1', 'u', 6],
    ];
    expect([...suppressGroups(toGroups(rows), 5).keys()]).toEqual(['t2', 'u', 't1']);
  });

  it('does not depend on the input order', () => {
    const rows: Row[] = [
      ['u', null, 16],
      ['b', 'u', 6],
      ['a', 'u', 6],
    ];
    const reversed = [...rows].reverse();
    expect(outcomes(reversed, 5)).toEqual(outcomes(rows, 5));
  });

  it('returns an empty map for no groups', () => {
    expect(suppressGroups([], 5).size).toBe(0);
  });

  it.each([
    { name: 'threshold 2', rows: [['u', null, 5]] as Row[], threshold: 2, error: RangeError },
    { name: 'threshold 11', rows: [['u', null, 5]] as Row[], threshold: 11, error: RangeError },
    { name: 'threshold 4.5', rows: [['u', null, 5]] as Row[], threshold: 4.5, error: RangeError },
    { name: 'negative n', rows: [['u', null, -1]] as Row[], threshold: 5, error: RangeError },
    { name: 'fractional n', rows: [['u', null, 5.5]] as Row[], threshold: 5, error: RangeError },
    { name: 'NaN n', rows: [['u', null, Number.NaN]] as Row[], threshold: 5, error: RangeError },
    {
      name: 'children larger than the parent',
      rows: [
        ['u', null, 5],
        ['a', 'u', 3],
        ['b', 'u', 3],
      ] as Row[],
      threshold: 5,
      error: RangeError,
    },
    {
      name: 'duplicate id',
      rows: [
        ['u', null, 5],
        ['u', null, 6],
      ] as Row[],
      threshold: 5,
      error: Error,
    },
    { name: 'unknown parent', rows: [['a', 'missing', 5]] as Row[], threshold: 5, error: Error },
    { name: 'a group that is its own parent', rows: [['a', 'a', 5]] as Row[], threshold: 5, error: Error },
    {
      name: 'a cycle',
      rows: [
        ['a', 'b', 5],
        ['b', 'a', 5],
      ] as Row[],
      threshold: 5,
      error: Error,
    },
  ])('refuses invalid input: $name', ({ rows, threshold, error }) => {
    expect(() => suppressGroups(toGroups(rows), threshold)).toThrow(error);
  });
});
