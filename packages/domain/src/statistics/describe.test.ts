import { expect, describe as group, it } from 'vitest';
import { describe, type IndicatorDescription, toIndex } from './describe.ts';
import { addAnswer, emptyTotals, type ScaleAnswer } from './totals.ts';

const describeAnswers = (steps: number, answers: ScaleAnswer[]) => describe(answers.reduce(addAnswer, emptyTotals(steps)), steps);

const nothing = { mean: null, sd: null, meanInterval: null, shareAtLeast3: null, shareInterval: null, index: null };

group('describe', () => {
  it.each<[string, ScaleAnswer[], IndicatorDescription]>([
    ['n = 0', [], { n: 0, dontKnow: 0, distribution: [0, 0, 0, 0], ...nothing }],
    ['all "vet ej"', ['vet-ej', 'vet-ej', 'vet-ej'], { n: 0, dontKnow: 3, distribution: [0, 0, 0, 0], ...nothing }],
  ])('%s has no statistics', (_name, answers, expected) => {
    expect(describeAnswers(4, answers)).toEqual(expected);
  });

  it.each<[string, number, ScaleAnswer[], Omit<IndicatorDescription, 'meanInterval' | 'shareInterval'>]>([
    ['n = 1', 4, [3, 'vet-ej'], { n: 1, dontKnow: 1, mean: 3, sd: null, distribution: [0, 0, 1, 0], shareAtLeast3: 1, index: 20 / 3 }],
    ['sd = 0', 4, [3, 3, 3, 3, 3], { n: 5, dontKnow: 0, mean: 3, sd: 0, distribution: [0, 0, 1, 0], shareAtLeast3: 1, index: 20 / 3 }],
    [
      'ties across steps',
      4,
      [1, 2, 2, 3, 4, 4],
      {
        n: 6,
        dontKnow: 0,
        mean: 16 / 6,
        sd: Math.sqrt(22 / 15),
        distribution: [1 / 6, 2 / 6, 1 / 6, 2 / 6],
        shareAtLeast3: 0.5,
        index: 50 / 9,
      },
    ],
    [
      'a six-step scale',
      6,
      [2, 5, 6, 6, 4],
      { n: 5, dontKnow: 0, mean: 4.6, sd: 1.6733200530681511, distribution: [0, 0.2, 0, 0.2, 0.2, 0.4], shareAtLeast3: 0.8, index: 7.2 },
    ],
  ])('%s', (_name, steps, answers, expected) => {
    const actual = describeAnswers(steps, answers);
    expect(actual.n).toBe(expected.n);
    expect(actual.dontKnow).toBe(expected.dontKnow);
    expect(actual.mean).toBeCloseTo(expected.mean ?? Number.NaN, 12);
    if (expected.sd === null) expect(actual.sd).toBeNull();
    else expect(actual.sd).toBeCloseTo(expected.sd, 12);
    for (const [i, share] of actual.distribution.entries()) expect(share).toBeCloseTo(expected.distribution[i] ?? Number.NaN, 12);
    expect(actual.distribution).toHaveLength(steps);
    expect(actual.shareAtLeast3).toBeCloseTo(expected.shareAtLeast3 ?? Number.NaN, 12);
    expect(actual.index).toBeCloseTo(expected.index ?? Number.NaN, 12);
  });

  it.each<[string, number, ScaleAnswer[], { lower: number; upper: number } | null, { lower: number; upper: number }]>([
    ['n = 1', 4, [3], null, { lower: 0.20655, upper: 1 }],
    ['sd = 0', 4, [3, 3, 3, 3, 3], { lower: 3, upper: 3 }, { lower: 0.56552, upper: 1 }],
    ['ties across steps', 4, [1, 2, 2, 3, 4, 4], { lower: 1.39574, upper: 3.9376 }, { lower: 0.18762, upper: 0.81238 }],
    // raw t-interval 2.5 ± 19.06 is cut to the scale
    ['two extremes (clamped)', 4, [1, 4], { lower: 1, upper: 4 }, { lower: 0.09453, upper: 0.90547 }],
    ['a six-step scale (clamped at the top)', 6, [2, 5, 6, 6, 4], { lower: 2.5223, upper: 6 }, { lower: 0.37553, upper: 0.96378 }],
  ])('%s: intervals', (_name, steps, answers, expectedMean, expectedShare) => {
    const actual = describeAnswers(steps, answers);
    if (expectedMean === null) expect(actual.meanInterval).toBeNull();
    else {
      expect(actual.meanInterval?.lower).toBeCloseTo(expectedMean.lower, 4);
      expect(actual.meanInterval?.upper).toBeCloseTo(expectedMean.upper, 4);
    }
    expect(actual.shareInterval?.lower).toBeCloseTo(expectedShare.lower, 4);
    expect(actual.shareInterval?.upper).toBeCloseTo(expectedShare.upper, 4);
  });

  it('rejects totals on another scale', () => {
    expect(() => describe(emptyTotals(4), 6)).toThrow(RangeError);
  });
});

group('toIndex', () => {
  it.each([
    [1, 4, 0],
    [4, 4, 10],
    [2.5, 4, 5],
    [3.4, 4, 8],
    [1, 6, 0],
    [3.5, 6, 5],
  ])('mean %f on %i steps → %f', (m, steps, expected) => {
    expect(toIndex(m, steps)).toBeCloseTo(expected, 12);
  });
});
