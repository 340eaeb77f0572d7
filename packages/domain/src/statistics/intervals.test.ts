import { describe, expect, it } from 'vitest';
import { changeBetween, type Interval, meanInterval, satterthwaiteInterval, welchInterval, wilsonInterval } from './intervals.ts';

const expectInterval = (actual: Interval | null, expected: Interval, digits = 4) => {
  expect(actual).not.toBeNull();
  expect(actual?.lower).toBeCloseTo(expected.lower, digits);
  expect(actual?.upper).toBeCloseTo(expected.upper, digits);
};

describe('wilsonInterval', () => {
  it.each([
    [0, 10, 0.95, { lower: 0, upper: 0.27753 }],
    [5, 10, 0.95, { lower: 0.23659, upper: 0.76341 }],
    [10, 10, 0.95, { lower: 0.72247, upper: 1 }],
    [1, 1, 0.95, { lower: 0.20655, upper: 1 }],
    [7, 20, 0.95, { lower: 0.18119, upper: 0.56715 }],
    [5, 10, 0.9, { lower: 0.26927, upper: 0.73073 }],
  ])('%i of %i at %f', (k, n, confidence, expected) => {
    expectInterval(wilsonInterval(k, n, confidence), expected);
  });

  it('is exactly 0 and 1 at the edges', () => {
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonInterval(10, 10).upper).toBe(1);
  });

  it('knows nothing when n = 0', () => {
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });

  it.each([
    [11, 10],
    [-1, 10],
    [1.5, 10],
  ])('rejects %f of %i', (k, n) => {
    expect(() => wilsonInterval(k, n)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it.each<[string, number | null, number | null, number, Interval | null]>([
    ['n = 0', null, null, 0, null],
    ['n = 1', 3, null, 1, null],
    ['sd = 0', 3, 0, 5, { lower: 3, upper: 3 }],
    // 2.6667 ± 2.5706 · 1.2111 / √6
    ['n = 6', 16 / 6, Math.sqrt(22 / 15), 6, { lower: 1.395737, upper: 3.937596 }],
    // 2.5 ± 12.706 · 2.1213 / √2, not clamped here
    ['n = 2', 2.5, 3 / Math.SQRT2, 2, { lower: -16.559307, upper: 21.559307 }],
  ])('%s', (_name, m, sd, n, expected) => {
    const actual = meanInterval(m, sd, n);
    if (expected === null) expect(actual).toBeNull();
    else expectInterval(actual, expected, 5);
  });

  it('rejects a confidence outside 0–1', () => {
    expect(() => meanInterval(3, 1, 10, 95)).toThrow(RangeError);
  });
});

describe('welchInterval and changeBetween', () => {
  it.each([
    // current, previous, expected difference, df, interval
    [{ mean: 3.1, sd: 0.6, n: 18 }, { mean: 2.5, sd: 0.7, n: 20 }, 0.6, 35.925172, { lower: 0.172142, upper: 1.027858 }],
    // one side without spread: df = n − 1 of the other
    [{ mean: 3, sd: 0, n: 5 }, { mean: 2, sd: 0.5, n: 10 }, 1, 9, { lower: 0.642322, upper: 1.357678 }],
    // raw answers [2,3,3,4,4,4] and [1,2,2,3,3]
    [
      { mean: 20 / 6, sd: Math.sqrt(10 / 15), n: 6 },
      { mean: 11 / 5, sd: Math.sqrt(0.7), n: 5 },
      1.133333,
      8.556877,
      { lower: -0.009268, upper: 2.275935 },
    ],
  ])('%o − %o', (current, previous, difference, df, interval) => {
    const welch = welchInterval(current, previous);
    expect(welch?.estimate).toBeCloseTo(difference, 6);
    expect(welch?.df).toBeCloseTo(df, 5);
    expectInterval(welch?.interval ?? null, interval, 6);
    const change = changeBetween(current, previous);
    expect(change.difference).toBeCloseTo(difference, 6);
    expectInterval(change.interval, interval, 6);
  });

  it.each([
    ['current n = 1', { mean: 3, sd: null, n: 1 }, { mean: 2, sd: 0.5, n: 10 }, 1],
    ['previous n = 0', { mean: 3, sd: 0.5, n: 10 }, { mean: null, sd: null, n: 0 }, null],
  ])('has no interval when %s', (_name, current, previous, difference) => {
    expect(welchInterval(current, previous)).toBeNull();
    expect(changeBetween(current, previous)).toEqual({ difference, interval: null });
  });

  it('is the point itself when neither round has any spread', () => {
    expect(changeBetween({ mean: 3, sd: 0, n: 5 }, { mean: 2, sd: 0, n: 6 })).toEqual({
      difference: 1,
      interval: { lower: 1, upper: 1 },
    });
  });
});

describe('satterthwaiteInterval', () => {
  it('with one term is the one-sample t-interval', () => {
    // 0.5 ± t(0.975, 9) · 0.3 = 0.5 ± 2.262157 · 0.3
    const result = satterthwaiteInterval(0.5, [{ variance: 0.09, df: 9 }]);
    expect(result.df).toBeCloseTo(9, 12);
    expectInterval(result.interval, { lower: 0.5 - 0.678647, upper: 0.5 + 0.678647 }, 6);
  });

  it('rejects a negative variance', () => {
    expect(() => satterthwaiteInterval(0, [{ variance: -1, df: 3 }])).toThrow(RangeError);
  });
});
