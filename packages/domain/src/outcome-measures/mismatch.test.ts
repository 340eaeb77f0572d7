import { describe, expect, it } from 'vitest';
import { judgeMismatch, type MismatchPoint, organizerValue } from './mismatch.ts';

const point = (name: string, selfRating: number | null, outcome: number | null): MismatchPoint => ({
  unitId: name,
  unitName: name,
  selfRating,
  outcome,
});

const base = {
  ratingLabel: 'Trygghet och studiero',
  measureName: 'Skolenkäten: trygghet, index',
  direction: 'higher-is-better' as const,
  organizerPossessive: 'kommunens',
};

const typical = [point('B', 2.9, 7.4), point('C', 2.8, 7.6), point('D', 3.0, 7.2), point('E', 2.9, 7.5)];

describe('judgeMismatch', () => {
  it('flags a unit that rates itself high but has the lowest outcome, in one sentence', () => {
    const r = judgeMismatch({ ...base, unitId: 'Ekbackens skola', points: [point('Ekbackens skola', 3.4, 6.1), ...typical] });
    expect(r).toMatchObject({ kind: 'judged', mismatch: true });
    if (r.kind === 'judged') {
      expect(r.sentence).toBe(
        'Ekbackens skola skattar Trygghet och studiero högre än kommunens övriga enheter (3,4 mot 2,9) men har lägst värde på Skolenkäten: trygghet, index (6,1 mot 7,4).',
      );
    }
  });

  it.each([
    ['low self, high outcome', 2.4, 8.4, true],
    ['high self, high outcome (agree)', 3.4, 8.4, false],
    ['ordinary self, low outcome', 2.9, 6.1, false],
    ['high self, ordinary outcome', 3.4, 7.4, false],
  ])('%s → mismatch %s', (_label, self, outcome, expected) => {
    const r = judgeMismatch({ ...base, unitId: 'A', points: [point('A', self, outcome), ...typical] });
    expect(r.kind).toBe('judged');
    if (r.kind === 'judged') expect(r.mismatch).toBe(expected);
  });

  it('turns the outcome round when lower is better', () => {
    const points = [point('A', 3.4, 12), point('B', 2.9, 4), point('C', 2.8, 5), point('D', 3.0, 3), point('E', 2.9, 4)];
    const r = judgeMismatch({ ...base, measureName: 'Antal klagomål', direction: 'lower-is-better', unitId: 'A', points });
    expect(r).toMatchObject({ kind: 'judged', mismatch: true });
    if (r.kind === 'judged') expect(r.sentence).toContain('högst värde på Antal klagomål (12 mot 4, där lägre är bättre)');
  });

  it('does not flag a trivial self-rating difference even when the spread is tiny', () => {
    const points = [point('A', 3.05, 6.1), point('B', 3.0, 7.4), point('C', 3.0, 7.6), point('D', 3.01, 7.2)];
    const r = judgeMismatch({ ...base, unitId: 'A', points });
    expect(r).toMatchObject({ kind: 'judged', mismatch: false });
  });

  it.each([
    ['own self-rating suppressed', [point('A', null, 6.1), ...typical], 'självskattning visas inte'],
    ['no outcome', [point('A', 3.4, null), ...typical], 'inget värde'],
    ['too few units', [point('A', 3.4, 6.1), point('B', 2.9, 7.4), point('C', 2.8, null), point('D', null, 7.2)], 'minst 4 enheter'],
  ])('no judgement: %s', (_label, points, reason) => {
    const r = judgeMismatch({ ...base, unitId: 'A', points });
    expect(r.kind).toBe('no-judgement');
    if (r.kind === 'no-judgement') expect(r.reason).toContain(reason);
  });

  it('a suppressed unit does not count towards the minimum', () => {
    const points = [point('A', 3.4, 6.1), point('B', 2.9, 7.4), point('C', 2.8, 7.6), point('D', null, 7.2)];
    expect(judgeMismatch({ ...base, unitId: 'A', points }).kind).toBe('no-judgement');
  });
});

describe('organizerValue', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %s', (values, expected) => {
    expect(organizerValue(values)).toBe(expected);
  });
});
