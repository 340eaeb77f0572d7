import { describe, expect, it } from 'vitest';
import { hiddenValue, shownValue } from '../suppression/suppressed-value.ts';
import { type FollowUpFigure, followUpIndicator, type TargetStatus, targetText } from './follow-up.ts';

const fig = (mean: number | null, n: number): FollowUpFigure =>
  shownValue({ n, mean, meanInterval: mean === null ? null : { lower: mean - 0.2, upper: mean + 0.2 } });
const hidden = hiddenValue<never>('below-threshold', 5) as FollowUpFigure;

const cases: {
  name: string;
  baseline: FollowUpFigure;
  later: FollowUpFigure;
  target: number | null;
  status: TargetStatus;
  change: number | null;
  text: RegExp;
}[] = [
  {
    name: 'reached',
    baseline: fig(2.2, 20),
    later: fig(3.1, 18),
    target: 3,
    status: 'reached',
    change: 0.9,
    text: /^Målet är nått: medelvärdet 3,1 \(\+0,9 sedan utgångsläget\) når medelvärde minst 3,0\.$/,
  },
  {
    name: 'exactly at the target counts as reached',
    baseline: fig(2.5, 20),
    later: fig(3, 20),
    target: 3,
    status: 'reached',
    change: 0.5,
    text: /nått/,
  },
  {
    name: 'not reached',
    baseline: fig(2.2, 20),
    later: fig(2.6, 20),
    target: 3,
    status: 'not-reached',
    change: 0.4,
    text: /^Målet är inte nått: medelvärdet 2,6 .* under medelvärde minst 3,0\.$/,
  },
  {
    name: 'later round hidden',
    baseline: fig(2.2, 20),
    later: hidden,
    target: 3,
    status: 'cannot-tell',
    change: null,
    text: /^Går inte att avgöra: resultatet visas inte\. Visas inte: färre än 5 svar/,
  },
  {
    name: 'baseline hidden: no change, target still judged',
    baseline: hidden,
    later: fig(3.2, 12),
    target: 3,
    status: 'reached',
    change: null,
    text: /^Målet är nått: medelvärdet 3,2 når/,
  },
  {
    name: 'too few scored answers',
    baseline: fig(2.2, 20),
    later: fig(3.5, 4),
    target: 3,
    status: 'cannot-tell',
    change: 1.3,
    text: /för få svar \(färre än 5\)/,
  },
  {
    name: 'no mean (all vet ej)',
    baseline: fig(2.2, 20),
    later: fig(null, 0),
    target: 3,
    status: 'cannot-tell',
    change: null,
    text: /för få svar/,
  },
  {
    name: 'no target set',
    baseline: fig(2, 20),
    later: fig(2.5, 20),
    target: null,
    status: 'cannot-tell',
    change: 0.5,
    text: /^Ingen målnivå satt\. Medelvärdet är 2,5/,
  },
];

describe('followUpIndicator', () => {
  it.each(cases)('$name', ({ baseline, later, target, status, change, text }) => {
    const r = followUpIndicator(baseline, later, target);
    expect(r.status).toBe(status);
    if (change === null) expect(r.change).toBeNull();
    else expect(r.change).toBeCloseTo(change, 9);
    expect(r.statusText).toMatch(text);
  });

  it('never carries a hidden value into the result', () => {
    const r = followUpIndicator(fig(2, 20), hidden, 3);
    expect(r.later).toEqual(hidden);
    expect(r.later.value).toBeNull();
    expect(r.change).toBeNull();
  });

  it('writes the target in words', () => {
    expect(targetText(3)).toBe('medelvärde minst 3,0');
    expect(targetText(2.75)).toBe('medelvärde minst 2,8');
  });
});
