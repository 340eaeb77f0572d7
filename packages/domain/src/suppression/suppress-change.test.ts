import { describe, expect, it } from 'vitest';
import { type RoundGroup, suppressChange } from './suppress-change.ts';
import type { Visibility } from './suppressed-value.ts';

const shown: Visibility = { visible: true, reason: null };
const secondary: Visibility = { visible: false, reason: 'secondary' };

describe('suppressChange', () => {
  it.each<{ name: string; current: RoundGroup; previous: RoundGroup; threshold: number; expected: Visibility }>([
    { name: 'both rounds at the threshold', current: { n: 5 }, previous: { n: 5 }, threshold: 5, expected: shown },
    {
      name: 'both rounds large',
      current: { n: 20, visibility: shown },
      previous: { n: 12, visibility: shown },
      threshold: 5,
      expected: shown,
    },
    {
      name: 'current round one under',
      current: { n: 4 },
      previous: { n: 12 },
      threshold: 5,
      expected: { visible: false, reason: 'below-threshold' },
    },
    {
      name: 'previous round one under',
      current: { n: 12 },
      previous: { n: 4 },
      threshold: 5,
      expected: { visible: false, reason: 'previous-round-hidden' },
    },
    {
      name: 'no previous answers',
      current: { n: 12 },
      previous: { n: 0 },
      threshold: 5,
      expected: { visible: false, reason: 'previous-round-hidden' },
    },
    { name: 'no current answers', current: { n: 0 }, previous: { n: 12 }, threshold: 5, expected: { visible: false, reason: 'no-data' } },
    {
      name: 'current round hidden by secondary suppression',
      current: { n: 12, visibility: secondary },
      previous: { n: 12, visibility: shown },
      threshold: 5,
      expected: { visible: false, reason: 'secondary' },
    },
    {
      name: 'previous round hidden by secondary suppression',
      current: { n: 12, visibility: shown },
      previous: { n: 12, visibility: secondary },
      threshold: 5,
      expected: { visible: false, reason: 'previous-round-hidden' },
    },
    {
      name: 'a visibility that claims visible cannot override a small n',
      current: { n: 3, visibility: shown },
      previous: { n: 12 },
      threshold: 5,
      expected: { visible: false, reason: 'below-threshold' },
    },
    { name: 'threshold 3: 3 and 3', current: { n: 3 }, previous: { n: 3 }, threshold: 3, expected: shown },
    {
      name: 'threshold 10: 10 and 9',
      current: { n: 10 },
      previous: { n: 9 },
      threshold: 10,
      expected: { visible: false, reason: 'previous-round-hidden' },
    },
  ])('$name', ({ current, previous, threshold, expected }) => {
    expect(suppressChange(current, previous, threshold)).toEqual(expected);
  });

  it('refuses an invalid threshold or n', () => {
    expect(() => suppressChange({ n: 5 }, { n: 5 }, 2)).toThrow(RangeError);
    expect(() => suppressChange({ n: -1 }, { n: 5 }, 5)).toThrow(RangeError);
    expect(() => suppressChange({ n: 5 }, { n: 2.5 }, 5)).toThrow(RangeError);
  });
});
