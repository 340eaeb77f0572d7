import { describe, expect, it } from 'vitest';
import { normalQuantile, studentTCdf, tQuantile } from './quantiles.ts';
import { regularizedIncompleteBeta } from './special-functions.ts';

describe('tQuantile against printed t tables (0.975)', () => {
  it.each([
    [1, 12.706],
    [2, 4.303],
    [4, 2.776],
    [10, 2.228],
    [30, 2.042],
    [1000, 1.962],
  ])('df = %i → %f', (df, expected) => {
    expect(Math.abs(tQuantile(0.975, df) - expected)).toBeLessThan(5e-4);
  });
});

// Reference values to 10+ significant digits (scipy.stats.t.ppf).
describe('tQuantile to high precision', () => {
  it.each([
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 3, 3.1824463052837078],
    [0.975, 4, 2.7764451051977934],
    [0.975, 10, 2.228138851986274],
    [0.975, 30, 2.0422724563012378],
    [0.975, 1000, 1.9623390808264083],
    [0.995, 5, 4.032142983555228],
    [0.05, 10, -1.812461122811676],
    [0.975, 2.5, 3.5746548420036817],
    [0.975, 7.3, 2.345066736547703],
    [0.975, 0.5, 164.55767348048818],
    [1 - 1e-10, 3, 2225.7692232960744],
    [1e-8, 4.5, -86.63397656799835],
  ])('p = %f, df = %f', (p, df, expected) => {
    expect(tQuantile(p, df)).toBeCloseTo(expected, 8);
  });

  it('approaches the normal quantile for very large df', () => {
    expect(tQuantile(0.975, 1e9)).toBeCloseTo(1.959963984540054, 8);
  });

  it.each([
    [0, Number.NEGATIVE_INFINITY],
    [0.5, 0],
    [1, Number.POSITIVE_INFINITY],
  ])('p = %f → %f', (p, expected) => {
    expect(tQuantile(p, 7)).toBe(expected);
  });

  it.each([
    [-0.1, 5],
    [1.1, 5],
    [0.5, 0],
    [Number.NaN, 5],
  ])('rejects p = %f, df = %f', (p, df) => {
    expect(() => tQuantile(p, df)).toThrow(RangeError);
  });

  it.each([3, 8.5, 40])('inverts studentTCdf (df = %f)', (df) => {
    for (const p of [0.001, 0.2, 0.6, 0.99]) expect(studentTCdf(tQuantile(p, df), df)).toBeCloseTo(p, 12);
  });
});

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.7, 0.5244005127080407],
    [0.9, 1.2815515655446004],
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.999, 3.090232306167813],
    [1e-5, -4.264890793922825],
    [1e-12, -7.034483825301131],
    [1 - 1e-9, 5.997807019601637],
  ])('p = %f → %f', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 9);
  });
});

describe('regularizedIncompleteBeta', () => {
  it.each([
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b
    [0.3, 1, 1, 0.3],
    [0.5, 3, 1, 0.125],
    [0.2, 1, 4, 1 - 0.8 ** 4],
    [0, 2, 3, 0],
    [1, 2, 3, 1],
  ])('I_%f(%f, %f) = %f', (x, a, b, expected) => {
    expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(expected, 13);
  });
});
