import { describe, expect, it } from 'vitest';
import { describe as describeTotals } from '../statistics/describe.ts';
import type { IndicatorTotals } from '../statistics/totals.ts';
import { assessSpread, chiSquareQuantileApprox, disagreementScore, halves } from './spread.ts';

const fromCounts = (counts: number[]): IndicatorTotals => ({
  n: counts.reduce((a, c) => a + c, 0),
  sum: counts.reduce((a, c, i) => a + c * (i + 1), 0),
  sumSquares: counts.reduce((a, c, i) => a + c * (i + 1) ** 2, 0),
  counts,
  dontKnow: 0,
});

const thresholds = { disagreementSd: 0.9, splitShare: 0.25 };

describe('halves', () => {
  it.each([
    [[0.1, 0.3, 0.4, 0.2], 4, 0.4, 0.6],
    [[0.2, 0.2, 0.2, 0.2, 0.2], 5, 0.4, 0.4],
    [[0.1, 0.1, 0.1, 0.2, 0.2, 0.3], 6, 0.3, 0.7],
  ])('%o on %i steps → %f low, %f high', (distribution, steps, low, high) => {
    const actual = halves(distribution, steps);
    expect(actual.lowShare).toBeCloseTo(low, 12);
    expect(actual.highShare).toBeCloseTo(high, 12);
  });
});

describe('assessSpread', () => {
  it.each([
    // counts, bySd, bySplit
    ['sd 1,22 without a split (20 % low)', [3, 0, 2, 10], true, false],
    ['a 40/60 split with sd 0,51', [0, 6, 9, 0], false, true],
    ['a one-third/two-thirds split counts (the larger side is exactly twice the smaller)', [0, 5, 10, 0], false, true],
    ['a 25/75 split is dominated by one side', [0, 5, 15, 0], false, false],
    ['both rules', [6, 0, 0, 9], true, true],
    ['agreement', [0, 1, 12, 2], false, false],
  ])('%s', (_name, counts, bySd, bySplit) => {
    const spread = assessSpread(describeTotals(fromCounts(counts), 4), 4, thresholds);
    expect(spread?.bySd).toBe(bySd);
    expect(spread?.bySplit).toBe(bySplit);
  });

  it('has nothing to say below n = 2', () => {
    expect(assessSpread(describeTotals(fromCounts([0, 0, 1, 0]), 4), 4, thresholds)).toBeNull();
  });
});

describe('disagreementScore', () => {
  it.each([
    // χ²(0.975, df) exact: 4 → 11.1433, 14 → 26.1189, 29 → 45.7223
    [4, 11.1433],
    [14, 26.1189],
    [29, 45.7223],
  ])('the chi-square approximation is within 0.2 %% for df = %i', (df, exact) => {
    expect(Math.abs(chiSquareQuantileApprox(0.975, df) / exact - 1)).toBeLessThan(0.002);
  });

  it.each([
    // sd, n, steps, score: (sd·√((n−1)/χ²) − (steps−1)/6) / (steps−1)
    [1.2227992865708153, 15, 4, 0.131745],
    [1.5212776585113, 15, 4, 0.204585],
    [0.50709255283711, 15, 4, 0],
  ])('sd %f, n = %i', (sd, n, steps, expected) => {
    expect(disagreementScore(sd, n, steps)).toBeCloseTo(expected, 5);
  });
});
