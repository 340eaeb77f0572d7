import { describe, expect, it } from 'vitest';
import {
  addAnswer,
  emptyTotals,
  type IndicatorTotals,
  indicatorTotalsSchema,
  mean,
  mergeTotals,
  type ScaleAnswer,
  standardDeviation,
  subtractTotals,
} from './totals.ts';

const totalsOf = (steps: number, answers: ScaleAnswer[]): IndicatorTotals => answers.reduce(addAnswer, emptyTotals(steps));

describe('emptyTotals', () => {
  it.each([2, 4, 6])('has one zero count per step (%i steps)', (steps) => {
    expect(emptyTotals(steps)).toEqual({ n: 0, sum: 0, sumSquares: 0, counts: new Array(steps).fill(0), dontKnow: 0 });
  });

  it.each([0, 1, 2.5, Number.NaN])('rejects %s steps', (steps) => {
    expect(() => emptyTotals(steps)).toThrow(RangeError);
  });
});

describe('addAnswer', () => {
  it.each<[string, ScaleAnswer[], IndicatorTotals]>([
    ['no answers', [], { n: 0, sum: 0, sumSquares: 0, counts: [0, 0, 0, 0], dontKnow: 0 }],
    ['only "vet ej"', ['vet-ej', 'vet-ej'], { n: 0, sum: 0, sumSquares: 0, counts: [0, 0, 0, 0], dontKnow: 2 }],
    ['one answer', [3], { n: 1, sum: 3, sumSquares: 9, counts: [0, 0, 1, 0], dontKnow: 0 }],
    ['mixed', [1, 4, 'vet-ej', 4, 2], { n: 4, sum: 11, sumSquares: 37, counts: [1, 1, 0, 2], dontKnow: 1 }],
  ])('%s', (_name, answers, expected) => {
    expect(totalsOf(4, answers)).toEqual(expected);
  });

  it('does not change the totals it is given', () => {
    const before = totalsOf(4, [2]);
    addAnswer(before, 3);
    addAnswer(before, 'vet-ej');
    expect(before).toEqual({ n: 1, sum: 2, sumSquares: 4, counts: [0, 1, 0, 0], dontKnow: 0 });
  });

  it.each([0, 5, 2.5, -1])('rejects the value %s on a four-step scale', (value) => {
    expect(() => addAnswer(emptyTotals(4), value)).toThrow(RangeError);
  });
});

describe('mergeTotals and subtractTotals', () => {
  const a = totalsOf(4, [1, 2, 'vet-ej']);
  const b = totalsOf(4, [4, 4, 3]);

  it('merges as if the answers had been added one by one', () => {
    expect(mergeTotals(a, b)).toEqual(totalsOf(4, [1, 2, 'vet-ej', 4, 4, 3]));
  });

  it('subtracts a part to leave the rest', () => {
    expect(subtractTotals(mergeTotals(a, b), a)).toEqual(b);
  });

  it('refuses to subtract answers the whole does not have', () => {
    expect(() => subtractTotals(a, b)).toThrow(RangeError);
  });

  it('refuses totals on different scales', () => {
    expect(() => mergeTotals(emptyTotals(4), emptyTotals(6))).toThrow(RangeError);
  });
});

describe('mean and standardDeviation', () => {
  it.each<[string, ScaleAnswer[], number | null, number | null]>([
    ['n = 0', [], null, null],
    ['all "vet ej"', ['vet-ej', 'vet-ej', 'vet-ej'], null, null],
    ['n = 1', [3], 3, null],
    ['sd = 0', [3, 3, 3, 3, 3], 3, 0],
    // mean 16/6; Σ(x − m)² = 7.333…, / 5 = 1.4667, √ = 1.2111
    ['spread', [1, 2, 2, 3, 4, 4], 16 / 6, Math.sqrt(22 / 15)],
    // [1, 4]: mean 2.5, sd = 3/√2
    ['two extremes', [1, 4], 2.5, 3 / Math.SQRT2],
  ])('%s', (_name, answers, expectedMean, expectedSd) => {
    const totals = totalsOf(4, answers);
    expect(mean(totals)).toBe(expectedMean);
    const sd = standardDeviation(totals);
    if (expectedSd === null) expect(sd).toBeNull();
    else expect(sd).toBeCloseTo(expectedSd, 12);
  });
});

describe('indicatorTotalsSchema', () => {
  it('accepts consistent totals', () => {
    expect(indicatorTotalsSchema.safeParse(totalsOf(4, [1, 3, 3, 'vet-ej'])).success).toBe(true);
  });

  it('rejects totals whose sums do not match the counts', () => {
    expect(indicatorTotalsSchema.safeParse({ n: 2, sum: 5, sumSquares: 14, counts: [0, 1, 1, 0], dontKnow: 0 }).success).toBe(false);
  });
});
