import { describe, expect, it } from 'vitest';
import { emptyTotals, type IndicatorTotals, mergeTotals } from '../statistics/totals.ts';
import { type Finding, type FindingsInput, findFindings } from './find-findings.ts';

const NBSP = '\u00a0';

/** Totals from counts per step (index 0 = step 1). */
const t = (counts: number[], dontKnow = 0): IndicatorTotals => ({
  n: counts.reduce((a, c) => a + c, 0),
  sum: counts.reduce((a, c, i) => a + c * (i + 1), 0),
  sumSquares: counts.reduce((a, c, i) => a + c * (i + 1) ** 2, 0),
  counts,
  dontKnow,
});

/** The rest of the municipality outside the group: n = 400, mean 2.7, sd 0.906. */
const REST = t([40, 120, 160, 80]);

const one = (totals: IndicatorTotals, key = 'gr.bedomning.aterkoppling') => ({ indicatorKey: key, areaKey: 'gr.bedomning', totals });

const run = (input: Partial<FindingsInput> & Pick<FindingsInput, 'indicators'>): Finding[] =>
  findFindings({ steps: 4, organizerLabel: 'kommunens snitt', ...input });

/** The parts of a finding that identify it, for comparing lists. */
const summary = (f: Finding) => `${f.indicatorKey} ${f.kind} ${f.reference ?? '-'}`;

const expectInterval = (f: Finding | undefined, lower: number, upper: number) => {
  expect(f?.interval?.lower).toBeCloseTo(lower, 5);
  expect(f?.interval?.upper).toBeCloseTo(upper, 5);
};

describe('comparison with the organizer', () => {
  // group n = 23, mean 78/23 = 3.391; organizer = group + REST: n = 423, mean 1158/423 = 2.738
  const group = t([0, 3, 8, 12]);
  const organizer = new Map([['gr.bedomning.aterkoppling', mergeTotals(group, REST)]]);

  it('flags a clear strength, with Welch against the rest of the organizer scaled by 400/423', () => {
    const [finding, ...others] = run({ indicators: [one(group)], organizer });
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'strength',
      reference: 'organizer',
      indicatorKey: 'gr.bedomning.aterkoppling',
      areaKey: 'gr.bedomning',
      n: 23,
      referenceN: 423,
      spread: null,
      reason: 'Tydligt högre än kommunens snitt: 3,4 mot 2,7 (n = 23)',
    });
    expect(finding?.value).toBeCloseTo(3.391304, 6);
    expect(finding?.referenceValue).toBeCloseTo(2.737589, 6);
    expect(finding?.difference).toBeCloseTo(0.653716, 6);
    expectInterval(finding, 0.348199, 0.959233);
    // nearest bound 0.3482 / (4 − 1)
    expect(finding?.score).toBeCloseTo(0.116066, 5);
  });

  it('uses the organizer as an independent sample when told it does not include the group', () => {
    const [finding] = run({ indicators: [one(group)], organizer, options: { organizerIncludesGroup: false } });
    expectInterval(finding, 0.33112, 0.976312);
  });

  it('uses the label it is given', () => {
    const [finding] = run({ indicators: [one(group)], organizer, organizerLabel: 'huvudmannens snitt' });
    expect(finding?.reason).toBe('Tydligt högre än huvudmannens snitt: 3,4 mot 2,7 (n = 23)');
  });

  it('does not flag a large but uncertain difference (n = 5, 3,2 mot 2,7, interval −1,10 to 2,09)', () => {
    const small = t([1, 0, 1, 3]);
    const findings = run({ indicators: [one(small)], organizer: new Map([['gr.bedomning.aterkoppling', mergeTotals(small, REST)]]) });
    // only the spread (sd 1,3) is worth a conversation
    expect(findings.map(summary)).toEqual(['gr.bedomning.aterkoppling disagreement -']);
  });

  it('does not flag a certain but tiny difference (0,25 steps, interval 0,16 to 0,34)', () => {
    const big = t([10, 50, 100, 40]);
    const organizerTotals = new Map([['gr.bedomning.aterkoppling', mergeTotals(big, t([60, 140, 150, 50]))]]);
    expect(run({ indicators: [one(big)], organizer: organizerTotals })).toEqual([]);
    // …but it is certain: with a lower practical threshold it is flagged
    const [finding] = run({ indicators: [one(big)], organizer: organizerTotals, options: { minDifference: 0.2 } });
    expect(finding?.difference).toBeCloseTo(0.25, 12);
    expectInterval(finding, 0.155913, 0.344087);
  });

  it('finds nothing when the group is the whole organizer', () => {
    expect(run({ indicators: [one(group)], organizer: new Map([['gr.bedomning.aterkoppling', group]]) })).toEqual([]);
  });

  it('refuses organizer totals that do not contain the group', () => {
    expect(() => run({ indicators: [one(group)], organizer: new Map([['gr.bedomning.aterkoppling', t([10, 0, 0, 0])]]) })).toThrow(
      RangeError,
    );
  });

  it('skips an organizer result with fewer than minN answers', () => {
    // organizer n = 4 < 5 when it is an independent sample
    const tinyOrganizer = new Map([['gr.bedomning.aterkoppling', t([4, 0, 0, 0])]]);
    expect(run({ indicators: [one(group)], organizer: tinyOrganizer, options: { organizerIncludesGroup: false } })).toEqual([]);
  });
});

describe('comparison with the own average', () => {
  // means 3,3 / 2,55 / 2,5 / 1,9 (n = 20 each); own level = 2,5625
  const indicators = [
    { indicatorKey: 'fs.a', areaKey: 'fs.normer', totals: t([0, 2, 10, 8]) },
    { indicatorKey: 'fs.b', areaKey: 'fs.normer', totals: t([1, 8, 10, 1]) },
    { indicatorKey: 'fs.c', areaKey: 'fs.omsorg', totals: t([1, 9, 9, 1]) },
    { indicatorKey: 'fs.d', areaKey: 'fs.omsorg', totals: t([6, 10, 4, 0]) },
  ];

  it('flags what stands out inside the unit, ranked by score', () => {
    const findings = run({ indicators });
    expect(findings.map(summary)).toEqual([
      'fs.a strength own-average',
      'fs.d weakness own-average',
      'fs.c disagreement -',
      'fs.b disagreement -',
    ]);
    const [a, d, c, b] = findings;
    expect(a?.reason).toBe('Tydligt högre än enhetens egen nivå: 3,3 mot 2,6 (n = 20)');
    expect(d?.reason).toBe('Tydligt lägre än enhetens egen nivå: 1,9 mot 2,6 (n = 20)');
    expect(c?.reason).toBe(`Stor spridning: 50${NBSP}% svarade 1–2 och 50${NBSP}% 3–4 (n = 20)`);
    expect(b?.reason).toBe(`Stor spridning: 45${NBSP}% svarade 1–2 och 55${NBSP}% 3–4 (n = 20)`);
    expect(a?.referenceValue).toBeCloseTo(2.5625, 12);
    expect(a?.difference).toBeCloseTo(0.7375, 12);
    expect(a?.referenceN).toBeNull();
    expectInterval(a, 0.474957, 1.000043);
    expectInterval(d, -0.942191, -0.382809);
    expect(a?.score).toBeCloseTo(0.158319, 5);
    expect(d?.score).toBeCloseTo(0.127603, 5);
    expect(c?.score).toBeCloseTo(0.007797, 4);
    expect(b?.score).toBeCloseTo(0.007312, 4);
  });

  it('uses the label it is given', () => {
    const [a] = run({ indicators, ownAverageLabel: 'arbetslagets egen nivå' });
    expect(a?.reason).toBe('Tydligt högre än arbetslagets egen nivå: 3,3 mot 2,6 (n = 20)');
  });

  it.each([
    ['n = 0', emptyTotals(4)],
    ['all "vet ej"', t([0, 0, 0, 0], 12)],
    ['n below minN', t([0, 0, 0, 4])],
  ])('leaves out an indicator with %s, from the findings and from the own average', (_name, totals) => {
    const findings = run({ indicators: [...indicators, { indicatorKey: 'fs.e', areaKey: 'fs.omsorg', totals }] });
    expect(findings.map(summary)).toEqual([
      'fs.a strength own-average',
      'fs.d weakness own-average',
      'fs.c disagreement -',
      'fs.b disagreement -',
    ]);
    expect(findings[0]?.referenceValue).toBeCloseTo(2.5625, 12);
  });

  it('needs at least three indicators with enough answers', () => {
    const two = [indicators[0], indicators[3]].filter((i) => i !== undefined);
    expect(run({ indicators: two })).toEqual([]);
  });
});

describe('comparison with the previous round', () => {
  // current n = 18, mean 56/18 = 3.111; previous n = 20, mean 2.5
  const current = t([0, 3, 10, 5]);
  const previous = new Map([['gr.bedomning.aterkoppling', t([2, 8, 8, 2])]]);

  it('flags a clear change with both sample sizes in the sentence', () => {
    const [finding, ...others] = run({ indicators: [one(current)], previous });
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'strength',
      reference: 'previous-round',
      n: 18,
      referenceN: 20,
      referenceValue: 2.5,
      reason: 'Tydligt högre än förra omgången: 3,1 mot 2,5 (n = 18 och 20)',
    });
    expectInterval(finding, 0.115728, 1.106494);
    expect(finding?.score).toBeCloseTo(0.038576, 5);
  });

  it('flags a decline as a weakness', () => {
    const findings = run({ indicators: [one(t([2, 8, 8, 2]))], previous: new Map([['gr.bedomning.aterkoppling', current]]) });
    // the 50/50 split of this round is also a question for the team, and ranks higher (0,043 against 0,039)
    expect(findings.map(summary)).toEqual([
      'gr.bedomning.aterkoppling disagreement -',
      'gr.bedomning.aterkoppling weakness previous-round',
    ]);
    const finding = findings[1];
    expect(finding?.difference).toBeCloseTo(-0.611111, 6);
    expectInterval(finding, -1.106494, -0.115728);
    expect(finding?.reason).toBe('Tydligt lägre än förra omgången: 2,5 mot 3,1 (n = 20 och 18)');
  });

  it('counts a difference of exactly minDifference despite floating point (3,3 − 3,0)', () => {
    const findings = run({ indicators: [one(t([0, 0, 14, 6]))], previous: new Map([['gr.bedomning.aterkoppling', t([0, 0, 20, 0])]]) });
    expect(findings.map(summary)).toEqual(['gr.bedomning.aterkoppling strength previous-round']);
    expectInterval(findings[0], 0.079957, 0.520043);
  });

  it('skips a previous round with fewer than minN answers', () => {
    expect(run({ indicators: [one(current)], previous: new Map([['gr.bedomning.aterkoppling', t([4, 0, 0, 0], 9)]]) })).toEqual([]);
  });

  it('scales the default minDifference with the scale: 0,5 on six steps', () => {
    const sixStep = {
      steps: 6,
      indicators: [one(t([0, 0, 0, 20, 20, 0]))],
      previous: new Map([['gr.bedomning.aterkoppling', t([0, 0, 0, 32, 8, 0])]]),
    };
    expect(run(sixStep)).toEqual([]);
    const [finding] = run({ ...sixStep, options: { minDifference: 0.3 } });
    expect(finding?.reason).toBe('Tydligt högre än förra omgången: 4,5 mot 4,2 (n = 40 och 40)');
  });
});

describe('all three references at once', () => {
  const high = t([0, 1, 6, 13]); // mean 3.6, n = 20
  const indicators = [
    { indicatorKey: 'k.high', areaKey: 'k', totals: high },
    { indicatorKey: 'k.mid1', areaKey: 'k', totals: t([2, 10, 8, 0]) },
    { indicatorKey: 'k.mid2', areaKey: 'k', totals: t([3, 9, 8, 0]) },
  ];

  it('gives one finding per reference for the same indicator', () => {
    const findings = run({
      indicators,
      organizer: new Map([['k.high', mergeTotals(high, REST)]]),
      previous: new Map([['k.high', t([2, 8, 8, 2])]]),
    }).filter((f) => f.indicatorKey === 'k.high');
    expect(findings.map((f) => f.reference).sort()).toEqual(['organizer', 'own-average', 'previous-round']);
    expect(findings.every((f) => f.kind === 'strength')).toBe(true);
    expect(findings.map((f) => f.reason).sort()).toEqual([
      'Tydligt högre än enhetens egen nivå: 3,6 mot 2,7 (n = 20)',
      'Tydligt högre än förra omgången: 3,6 mot 2,5 (n = 20 och 20)',
      'Tydligt högre än kommunens snitt: 3,6 mot 2,7 (n = 20)',
    ]);
    for (let i = 1; i < findings.length; i++) expect(findings[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(findings[i]?.score ?? 0);
  });
});

describe('disagreement', () => {
  it.each([
    ['by standard deviation (sd 1,22, only 20 % low)', t([3, 0, 2, 10]), true, false, 'Stor spridning: standardavvikelsen är 1,2 (n = 15)'],
    ['by a split (40/60, sd 0,51)', t([0, 6, 9, 0]), false, true, `Stor spridning: 40${NBSP}% svarade 1–2 och 60${NBSP}% 3–4 (n = 15)`],
    ['by both (the split is named)', t([6, 0, 0, 9]), true, true, `Stor spridning: 40${NBSP}% svarade 1–2 och 60${NBSP}% 3–4 (n = 15)`],
  ])('%s', (_name, totals, bySd, bySplit, reason) => {
    const findings = run({ indicators: [one(totals)] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      kind: 'disagreement',
      reference: null,
      referenceValue: null,
      difference: null,
      interval: null,
      n: 15,
      spread: { bySd, bySplit },
      reason,
    });
  });

  it.each([
    ['a 25/75 split where one side dominates', t([0, 5, 15, 0])],
    ['agreement', t([0, 1, 12, 2])],
    ['a wide spread in a group below minN', t([2, 0, 0, 2])],
  ])('is not flagged for %s', (_name, totals) => {
    expect(run({ indicators: [one(totals)] })).toEqual([]);
  });

  it('ranks a stronger disagreement first', () => {
    const findings = run({ indicators: [one(t([3, 0, 2, 10]), 'x.a'), one(t([6, 0, 0, 9]), 'x.b'), one(t([0, 6, 9, 0]), 'x.c')] });
    expect(findings.map((f) => f.indicatorKey)).toEqual(['x.b', 'x.a', 'x.c']);
    expect(findings.map((f) => Number(f.score.toFixed(4)))).toEqual([0.2046, 0.1317, 0]);
  });
});

describe('edge cases and ranking', () => {
  it.each([
    ['n = 0', emptyTotals(4)],
    ['all "vet ej"', t([0, 0, 0, 0], 23)],
  ])('finds nothing for %s, even with references', (_name, totals) => {
    expect(
      run({
        indicators: [one(totals)],
        organizer: new Map([['gr.bedomning.aterkoppling', REST]]),
        previous: new Map([['gr.bedomning.aterkoppling', REST]]),
        options: { organizerIncludesGroup: false },
      }),
    ).toEqual([]);
  });

  it('finds nothing without indicators', () => {
    expect(run({ indicators: [] })).toEqual([]);
  });

  it('never flags a group under minN, but does with a lower minN', () => {
    const tiny = t([0, 0, 1, 3]); // n = 4, mean 3,75
    const organizer = new Map([['gr.bedomning.aterkoppling', mergeTotals(tiny, REST)]]);
    expect(run({ indicators: [one(tiny)], organizer })).toEqual([]);
    expect(run({ indicators: [one(tiny)], organizer, options: { minN: 3 } }).map(summary)).toEqual([
      'gr.bedomning.aterkoppling strength organizer',
    ]);
  });

  it('breaks ties in score by indicator key, whatever the input order', () => {
    const previous = new Map([
      ['x.b', t([2, 8, 8, 2])],
      ['x.a', t([2, 8, 8, 2])],
    ]);
    const indicators = [one(t([0, 3, 10, 5]), 'x.b'), one(t([0, 3, 10, 5]), 'x.a')];
    const findings = run({ indicators, previous });
    expect(findings.map((f) => f.indicatorKey)).toEqual(['x.a', 'x.b']);
    expect(findings[0]?.score).toBe(findings[1]?.score);
    expect(run({ indicators: [...indicators].reverse(), previous })).toEqual(findings);
  });

  it('returns scores in descending order', () => {
    const findings = run({
      indicators: [
        { indicatorKey: 'fs.a', areaKey: 'fs', totals: t([0, 2, 10, 8]) },
        { indicatorKey: 'fs.b', areaKey: 'fs', totals: t([1, 8, 10, 1]) },
        { indicatorKey: 'fs.c', areaKey: 'fs', totals: t([6, 0, 0, 9]) },
        { indicatorKey: 'fs.d', areaKey: 'fs', totals: t([6, 10, 4, 0]) },
      ],
      previous: new Map([['fs.a', t([5, 5, 5, 5])]]),
    });
    expect(findings.length).toBeGreaterThanOrEqual(4);
    const scores = findings.map((f) => f.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it.each<[string, Partial<FindingsInput>]>([
    ['minN below 2', { options: { minN: 1 } }],
    ['a negative minDifference', { options: { minDifference: -0.1 } }],
    ['splitShare above one half', { options: { splitShare: 0.6 } }],
    ['a one-step scale', { steps: 1 }],
  ])('rejects %s', (_name, input) => {
    expect(() => run({ indicators: [], ...input })).toThrow(RangeError);
  });

  it('rejects an indicator listed twice', () => {
    expect(() => run({ indicators: [one(t([0, 3, 10, 5])), one(t([0, 3, 10, 5]))] })).toThrow(RangeError);
  });

  it('rejects totals on another scale', () => {
    expect(() => run({ indicators: [one(t([0, 3, 10, 5, 1]))] })).toThrow(RangeError);
  });
});
