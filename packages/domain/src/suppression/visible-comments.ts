import { type SuppressionReason, suppressionExplanation, type Visibility } from './suppressed-value.ts';
import { assertValidAnonymityThreshold } from './threshold.ts';

export type VisibleComments =
  | { comments: string[]; suppressed: false }
  | { comments: []; suppressed: true; reason: SuppressionReason; explanation: string };

const swedishOrder = new Intl.Collator('sv');

/**
 * The free-text comments of a group, or none. Comments are shown only when the group itself is
 * shown: n ≥ threshold and, when given, the group's decision from suppressGroups is visible.
 * Pass that decision whenever comments are shown at more than one level (unit and team):
 * comments can be subtracted too, since the unit's list minus the teams' lists is exactly what
 * the rest wrote.
 *
 * Shown comments are trimmed, blank ones dropped, and sorted alphabetically, so their order
 * says nothing about when or by whom they were written.
 */
export function visibleComments(comments: readonly string[], n: number, threshold: number, visibility?: Visibility): VisibleComments {
  assertValidAnonymityThreshold(threshold);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${String(n)}`);

  let reason: SuppressionReason | null = null;
  if (n === 0) reason = 'no-data';
  else if (n < threshold) reason = 'below-threshold';
  else if (visibility !== undefined && !visibility.visible) reason = visibility.reason;
  if (reason !== null) {
    return { comments: [], suppressed: true, reason, explanation: suppressionExplanation(reason, threshold) };
  }

  const shown = comments
    .map((text) => text.trim())
    .filter((text) => text.length > 0)
    .sort((a, b) => swedishOrder.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
  return { comments: shown, suppressed: false };
}
