import { describe, expect, it } from 'vitest';
import { type NeedsInput, needsByUnit, needsScore } from './needs.ts';

const base: NeedsInput = {
  unitId: 'u1',
  areaKey: 'gr.bedomning',
  n: 20,
  mean: 2.9,
  meanInterval: { lower: 2.6, upper: 3.2 },
  reference: 2.9,
  change: null,
  disagreements: 0,
  indicators: 4,
};

describe('needsScore', () => {
  const cases: { name: string; input: Partial<NeedsInput>; kinds: string[]; score: number; reasons?: string[] }[] = [
    { name: 'nothing stands out at the organizer’s level', input: {}, kinds: [], score: 0 },
    {
      name: 'a level clearly below the organizer (0,6 steps, interval below)',
      input: { mean: 2.3, meanInterval: { lower: 2.0, upper: 2.6 } },
      kinds: ['low-level'],
      score: 0.2,
      reasons: ['Lägre än huvudmannens nivå: 2,3 mot 2,9 (n = 20)'],
    },
    {
      name: 'a low level whose interval reaches the organizer is not flagged',
      input: { mean: 2.3, meanInterval: { lower: 1.6, upper: 3.0 } },
      kinds: [],
      score: 0,
    },
    {
      name: 'a certain but small gap (0,2 steps) is not flagged',
      input: { mean: 2.7, meanInterval: { lower: 2.6, upper: 2.8 } },
      kinds: [],
      score: 0,
    },
    {
      name: 'a gap exactly at the practical size counts',
      input: { mean: 2.6, meanInterval: { lower: 2.4, upper: 2.8 } },
      kinds: ['low-level'],
      score: 0.1,
    },
    {
      name: 'a hidden unit value gives no level signal',
      input: { mean: null, n: null, meanInterval: null },
      kinds: [],
      score: 0,
    },
    {
      name: 'a clear fall since the previous round',
      input: { change: { difference: -0.45, interval: { lower: -0.8, upper: -0.1 }, previousMean: 3.35 } },
      kinds: ['falling'],
      score: 0.15,
      reasons: ['Sjunkit sedan förra omgången: −0,5 (från 3,4 till 2,9)'],
    },
    {
      name: 'an uncertain fall is not flagged',
      input: { change: { difference: -0.45, interval: { lower: -0.9, upper: 0.05 }, previousMean: 3.35 } },
      kinds: [],
      score: 0,
    },
    {
      name: 'a rise is not a need',
      input: { change: { difference: 0.6, interval: { lower: 0.3, upper: 0.9 }, previousMean: 2.3 } },
      kinds: [],
      score: 0,
    },
    {
      name: 'disagreement in half the indicators weighs 0,1',
      input: { disagreements: 2 },
      kinds: ['disagreement'],
      score: 0.1,
      reasons: ['Oenighet i 2 av 4 indikatorer – en fråga att samtala om'],
    },
    {
      name: 'all three signals add up',
      input: {
        mean: 2.0,
        meanInterval: { lower: 1.7, upper: 2.3 },
        change: { difference: -0.6, interval: { lower: -1.0, upper: -0.2 }, previousMean: 2.6 },
        disagreements: 4,
      },
      kinds: ['low-level', 'falling', 'disagreement'],
      score: 0.3 + 0.2 + 0.2,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = needsScore({ ...base, ...c.input });
      expect(result.signals.map((s) => s.kind)).toEqual(c.kinds);
      expect(result.score).toBeCloseTo(c.score, 9);
      if (c.reasons) expect(result.signals.map((s) => s.reason)).toEqual(c.reasons);
    });
  }

  it('uses the label and scale it is given', () => {
    const result = needsScore(
      { ...base, mean: 3, meanInterval: { lower: 2.5, upper: 3.5 }, reference: 4.5 },
      { steps: 6, organizerLabel: 'kommunens nivå' },
    );
    expect(result.signals[0]?.reason).toBe('Lägre än kommunens nivå: 3,0 mot 4,5 (n = 20)');
    expect(result.score).toBeCloseTo(1.5 / 5, 9);
  });
});

describe('needsByUnit', () => {
  const low = (unitId: string, areaKey: string, mean: number): NeedsInput => ({
    ...base,
    unitId,
    areaKey,
    mean,
    meanInterval: { lower: mean - 0.2, upper: mean + 0.2 },
  });

  it('lists units with signals, largest single-area need first, areas largest first, and leaves the rest out', () => {
    const result = needsByUnit([low('a', 'x', 2.5), low('a', 'y', 2.1), low('b', 'x', 2.2), { ...base, unitId: 'c' }]);
    expect(result.map((u) => u.unitId)).toEqual(['a', 'b']);
    expect(result[0]?.areas.map((a) => a.areaKey)).toEqual(['y', 'x']);
  });

  it('leaves out areas and units with disagreement only, and adds disagreement to a low level', () => {
    const result = needsByUnit([
      { ...base, unitId: 'a', disagreements: 4 },
      { ...low('b', 'x', 2.5), disagreements: 2 },
      { ...base, unitId: 'b', areaKey: 'y', disagreements: 4 },
    ]);
    expect(result.map((u) => u.unitId)).toEqual(['b']);
    expect(result[0]?.areas.map((a) => [a.areaKey, a.signals.map((s) => s.kind)])).toEqual([['x', ['low-level', 'disagreement']]]);
    expect(result[0]?.score).toBeCloseTo(0.4 / 3 + 0.1, 9);
  });

  it('keeps at most `limit` units', () => {
    expect(needsByUnit([low('a', 'x', 2.5), low('b', 'x', 2.1)], { limit: 1 }).map((u) => u.unitId)).toEqual(['b']);
  });
});
