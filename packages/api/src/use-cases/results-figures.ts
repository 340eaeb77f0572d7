/**
 * Figures as they leave the server: statistics from totals (the domain's describe), with the
 * visibility decision applied, so a hidden value never reaches a response. Pure functions.
 * See docs/results-engine.md for the area figures.
 */
import type { TotalsRow } from '@kvalitetshjulet/db';
import {
  changeBetween,
  describe,
  emptyTotals,
  hiddenValue,
  type IndicatorDescription,
  type IndicatorTotals,
  type Interval,
  mean,
  meanInterval,
  mergeTotals,
  type SuppressedValue,
  type SuppressionReason,
  shownValue,
  standardDeviation,
  suppressChange,
  type Visibility,
  wilsonInterval,
} from '@kvalitetshjulet/domain';
import { SHOWN } from './results-visibility.ts';

/** Totals of a row on a scale with `steps` steps (no row: no answers). */
export function totalsOf(row: TotalsRow | undefined, steps: number): IndicatorTotals {
  if (!row) return emptyTotals(steps);
  const counts = row.counts.slice(0, steps);
  return { n: row.n, sum: row.sum, sumSquares: row.sumSquares, counts, dontKnow: row.dontKnow };
}

/** One indicator's figures for a group, or only the reason why they are hidden. */
export function indicatorFigures(
  totals: IndicatorTotals,
  steps: number,
  visibility: Visibility,
  threshold: number,
): SuppressedValue<IndicatorDescription> {
  return visibility.visible ? shownValue(describe(totals, steps)) : hiddenValue(visibility.reason, threshold);
}

export interface ChangeFigures {
  /** The previous round's mean. */
  previousMean: number | null;
  /** Current mean − previous mean. */
  difference: number | null;
  /** 95% Welch interval of the difference (null when either n < 2). */
  interval: Interval | null;
}

/** Change since the previous round: shown only when the group is shown in both rounds. */
export function changeFigures(
  current: { totals: IndicatorTotals; visibility: Visibility; effectiveN?: number },
  previous: { totals: IndicatorTotals; visibility: Visibility; effectiveN?: number },
  threshold: number,
): SuppressedValue<ChangeFigures> {
  const visibility = suppressChange(
    { n: current.totals.n, visibility: current.visibility },
    { n: previous.totals.n, visibility: previous.visibility },
    threshold,
  );
  if (!visibility.visible) return hiddenValue(visibility.reason, threshold);
  const summary = (t: IndicatorTotals, effectiveN?: number) => ({ mean: mean(t), sd: standardDeviation(t), n: effectiveN ?? t.n });
  const change = changeBetween(summary(current.totals, current.effectiveN), summary(previous.totals, previous.effectiveN));
  return shownValue({ previousMean: mean(previous.totals), ...change });
}

/**
 * An area's figures: the answers to all its indicators pooled. Mean, sd, distribution and share
 * are those of the pooled answers. The pooled answers are not independent (one person answers
 * every indicator), so the intervals use a cautious effective sample size: the largest n of any
 * single indicator in the area, a lower bound for the respondents behind the area.
 */
export interface AreaDescription extends IndicatorDescription {
  /** Scored answers pooled over the area's indicators (n above is the same number). */
  answers: number;
  /** The sample size the intervals use: the largest n of the area's indicators. */
  effectiveN: number;
}

export interface AreaInput {
  /** Totals and the decision per indicator of the area, for one group and round. */
  indicators: readonly { totals: IndicatorTotals; visibility: Visibility }[];
}

/** Pooled totals and the effective n of an area. */
export function areaTotals(
  indicators: readonly { totals: IndicatorTotals }[],
  steps: number,
): { totals: IndicatorTotals; effectiveN: number } {
  let totals = emptyTotals(steps);
  let effectiveN = 0;
  for (const i of indicators) {
    totals = mergeTotals(totals, i.totals);
    effectiveN = Math.max(effectiveN, i.totals.n);
  }
  return { totals, effectiveN };
}

/**
 * Whether an area may be shown for a group: only when every indicator of the area is shown for it,
 * or has no answers at all. The pooled figures are then a sum of figures that are shown anyway,
 * so subtracting indicators from the area reveals nothing.
 */
export function areaVisibility(input: AreaInput): Visibility {
  let answered = false;
  for (const i of input.indicators) {
    if (i.totals.n === 0 && i.totals.dontKnow === 0) continue;
    answered = true;
    if (!i.visibility.visible) return i.visibility;
  }
  return answered ? SHOWN : { visible: false, reason: 'no-data' };
}

export function areaFigures(input: AreaInput, steps: number, threshold: number): SuppressedValue<AreaDescription> {
  const visibility = areaVisibility(input);
  if (!visibility.visible) return hiddenValue(visibility.reason, threshold);
  const { totals, effectiveN } = areaTotals(input.indicators, steps);
  const d = describe(totals, steps);
  const raw = meanInterval(d.mean, d.sd, effectiveN);
  const atLeast3 = totals.counts.slice(2).reduce((a, c) => a + c, 0);
  const share = totals.n === 0 ? null : atLeast3 / totals.n;
  const successes = share === null ? 0 : Math.round(share * effectiveN);
  return shownValue({
    ...d,
    answers: totals.n,
    effectiveN,
    meanInterval: raw === null ? null : { lower: Math.max(1, raw.lower), upper: Math.min(steps, raw.upper) },
    shareInterval: share === null || effectiveN === 0 ? null : wilsonInterval(successes, effectiveN),
  });
}

/** The explanation of every reason that occurs, once, for column arrays that carry only reason codes. */
export function explanationsFor(
  reasons: Iterable<SuppressionReason | null>,
  explain: (reason: SuppressionReason) => string,
): Partial<Record<SuppressionReason, string>> {
  const result: Partial<Record<SuppressionReason, string>> = {};
  for (const r of reasons) if (r !== null && result[r] === undefined) result[r] = explain(r);
  return result;
}
