import type { Visibility } from './suppressed-value.ts';
import { assertValidAnonymityThreshold } from './threshold.ts';

/** One round's figures for a group: its n and, when available, that round's decision from suppressGroups. */
export interface RoundGroup {
  readonly n: number;
  /**
   * The group's decision from suppressGroups for that round. Pass it whenever the group sits in
   * a tree of published groups: a change is a difference, and a difference between a hidden
   * figure and a shown one gives the hidden figure back. Without it only the n rule is applied.
   */
  readonly visibility?: Visibility;
}

/**
 * Whether the change between two rounds may be shown: only when the group is shown in both.
 * The current round's own reason wins; a group shown now but hidden in the previous round gets
 * 'previous-round-hidden'.
 */
export function suppressChange(current: RoundGroup, previous: RoundGroup, threshold: number): Visibility {
  assertValidAnonymityThreshold(threshold);
  const now = roundVisibility(current, threshold);
  if (!now.visible) return now;
  if (!roundVisibility(previous, threshold).visible) return { visible: false, reason: 'previous-round-hidden' };
  return { visible: true, reason: null };
}

function roundVisibility(group: RoundGroup, threshold: number): Visibility {
  if (!Number.isSafeInteger(group.n) || group.n < 0) {
    throw new RangeError(`n must be a non-negative integer, got ${String(group.n)}`);
  }
  if (group.n === 0) return { visible: false, reason: 'no-data' };
  if (group.n < threshold) return { visible: false, reason: 'below-threshold' };
  return group.visibility ?? { visible: true, reason: null };
}
