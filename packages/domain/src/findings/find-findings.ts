import { describe, type IndicatorDescription } from '../statistics/describe.ts';
import { type Interval, satterthwaiteInterval, welchInterval } from '../statistics/intervals.ts';
import { type IndicatorTotals, subtractTotals } from '../statistics/totals.ts';
import { differenceReason, splitReason, spreadReason } from './reasons.ts';
import { assessSpread, disagreementScore, type Spread } from './spread.ts';

export type FindingKind = 'strength' | 'weakness' | 'disagreement';
export type FindingReference = 'own-average' | 'organizer' | 'previous-round';

/** One thing worth looking at for one indicator, with the numbers and the Swedish sentence behind it. */
export type Finding = {
  kind: FindingKind;
  /** What a strength or weakness was compared with; null for a disagreement. */
  reference: FindingReference | null;
  indicatorKey: string;
  areaKey: string;
  /** The indicator's mean in this group and round. */
  value: number;
  /** The reference mean; null for a disagreement. */
  referenceValue: number | null;
  /** value − referenceValue; null for a disagreement. */
  difference: number | null;
  /** 95% confidence interval of the difference; null for a disagreement. */
  interval: Interval | null;
  /** Scored answers for the indicator in this group and round. */
  n: number;
  /** Scored answers behind the reference (organizer or previous round); null for own-average and disagreement. */
  referenceN: number | null;
  /** The spread behind a disagreement; null for a strength or weakness. */
  spread: Spread | null;
  /** Ranking score, 0–1 (see docs/findings-method.md). Higher first. */
  score: number;
  /** One Swedish sentence saying why this was flagged. */
  reason: string;
};

export type FindingsOptions = {
  /** Smallest difference in scale steps that counts. Default (steps − 1) / 10: 0.3 on a four-step scale, one index point. */
  minDifference?: number;
  /** Smallest number of scored answers, in the group and in a reference, to flag anything. Default 5. */
  minN?: number;
  /** Standard deviation from which the spread counts as large. Default 0.3 × (steps − 1): 0.9 on a four-step scale. */
  disagreementSd?: number;
  /** Smallest share on each half of the scale for a split. Default 0.25. */
  splitShare?: number;
  /**
   * Whether the organizer totals include this group's own answers (true when the group is a unit or team of
   * that organizer, the normal case). The comparison is then made against the rest of the organizer. Default true.
   */
  organizerIncludesGroup?: boolean;
};

export type FindingsInput = {
  indicators: ReadonlyArray<{ indicatorKey: string; areaKey: string; totals: IndicatorTotals }>;
  steps: number;
  /** The organizer's totals per indicator key in the same round. */
  organizer?: ReadonlyMap<string, IndicatorTotals>;
  /** The same group's totals per indicator key in the previous round. */
  previous?: ReadonlyMap<string, IndicatorTotals>;
  /** How the organizer's result is named in sentences, e.g. "kommunens snitt" or "huvudmannens snitt". */
  organizerLabel: string;
  /** How the group's own average is named in sentences. Default "enhetens egen nivå" (e.g. "arbetslagets egen nivå"). */
  ownAverageLabel?: string;
  options?: FindingsOptions;
};

/** Own-average comparisons need at least this many indicators with n ≥ minN. */
export const MIN_INDICATORS_FOR_OWN_AVERAGE = 3;
export const DEFAULT_OWN_AVERAGE_LABEL = 'enhetens egen nivå';
export const PREVIOUS_ROUND_LABEL = 'förra omgången';

/** Float slack so that a difference exactly at minDifference (e.g. 3.3 − 3.0) counts as reaching it. */
const EPSILON = 1e-9;

type Resolved = Required<FindingsOptions>;

function resolveOptions(steps: number, options: FindingsOptions = {}): Resolved {
  const resolved: Resolved = {
    minDifference: options.minDifference ?? (steps - 1) / 10,
    minN: options.minN ?? 5,
    disagreementSd: options.disagreementSd ?? 0.3 * (steps - 1),
    splitShare: options.splitShare ?? 0.25,
    organizerIncludesGroup: options.organizerIncludesGroup ?? true,
  };
  if (!(resolved.minDifference >= 0)) throw new RangeError('minDifference must be ≥ 0');
  if (!Number.isInteger(resolved.minN) || resolved.minN < 2) throw new RangeError('minN must be an integer ≥ 2');
  if (!(resolved.disagreementSd > 0)) throw new RangeError('disagreementSd must be > 0');
  if (!(resolved.splitShare > 0 && resolved.splitShare <= 0.5)) throw new RangeError('splitShare must be in (0, 0.5]');
  return resolved;
}

type Described = { indicatorKey: string; areaKey: string; totals: IndicatorTotals; d: IndicatorDescription };
/** An indicator with enough answers: mean and sd are present. */
type Eligible = Described & { mean: number; sd: number };

type Comparison = {
  reference: FindingReference;
  referenceValue: number;
  interval: Interval | null;
  referenceN: number | null;
  label: string;
};

const KIND_ORDER: Record<FindingKind, number> = { strength: 0, weakness: 1, disagreement: 2 };
const REFERENCE_ORDER: Record<FindingReference, number> = { 'own-average': 0, organizer: 1, 'previous-round': 2 };

function compareFindings(a: Finding, b: Finding): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.indicatorKey !== b.indicatorKey) return a.indicatorKey < b.indicatorKey ? -1 : 1;
  if (a.kind !== b.kind) return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
  const ra = a.reference === null ? 3 : REFERENCE_ORDER[a.reference];
  const rb = b.reference === null ? 3 : REFERENCE_ORDER[b.reference];
  return ra - rb;
}

function scaleInterval(interval: Interval, factor: number): Interval {
  return { lower: interval.lower * factor, upper: interval.upper * factor };
}

/**
 * Own-average comparison for every eligible indicator. The reference is the group's own level A, the
 * unweighted mean of its k eligible indicator means. Because A contains the indicator itself,
 * x̄ᵢ − A = (k − 1)/k · (x̄ᵢ − B) where B is the mean of the other k − 1 indicator means; the interval of
 * x̄ᵢ − B treats each indicator's answers as an independent sample (Welch–Satterthwaite over k terms).
 */
function ownAverageComparisons(eligible: readonly Eligible[], label: string): Map<string, Comparison> {
  const result = new Map<string, Comparison>();
  const k = eligible.length;
  if (k < MIN_INDICATORS_FOR_OWN_AVERAGE) return result;
  const ownAverage = eligible.reduce((a, e) => a + e.mean, 0) / k;
  for (const indicator of eligible) {
    const others = eligible.filter((e) => e !== indicator);
    const othersMean = others.reduce((a, e) => a + e.mean, 0) / (k - 1);
    const terms = [
      { variance: (indicator.sd * indicator.sd) / indicator.d.n, df: indicator.d.n - 1 },
      ...others.map((e) => ({ variance: (e.sd * e.sd) / e.d.n / ((k - 1) * (k - 1)), df: e.d.n - 1 })),
    ];
    const { interval } = satterthwaiteInterval(indicator.mean - othersMean, terms);
    result.set(indicator.indicatorKey, {
      reference: 'own-average',
      referenceValue: ownAverage,
      interval: scaleInterval(interval, (k - 1) / k),
      referenceN: null,
      label,
    });
  }
  return result;
}

/**
 * Comparison with the organizer's result for the same indicator. When the organizer includes the group,
 * x̄ − x̄_org = (n_rest / n_org) · (x̄ − x̄_rest), so the interval is Welch's interval against the rest of the
 * organizer, scaled by n_rest / n_org; the two samples in Welch's interval are then truly disjoint.
 */
function organizerComparison(
  indicator: Eligible,
  organizerTotals: IndicatorTotals | undefined,
  steps: number,
  options: Resolved,
  label: string,
): Comparison | null {
  if (organizerTotals === undefined) return null;
  const org = describe(organizerTotals, steps);
  if (org.n < options.minN || org.mean === null) return null;
  let interval: Interval | null;
  if (options.organizerIncludesGroup) {
    const rest = describe(subtractTotals(organizerTotals, indicator.totals), steps);
    const welch = welchInterval(indicator.d, rest);
    interval = welch === null ? null : scaleInterval(welch.interval, rest.n / org.n);
  } else {
    interval = welchInterval(indicator.d, org)?.interval ?? null;
  }
  return { reference: 'organizer', referenceValue: org.mean, interval, referenceN: org.n, label };
}

/** Comparison with the same group in the previous round (Welch; answers are anonymous, so rounds are unpaired). */
function previousComparison(
  indicator: Eligible,
  previousTotals: IndicatorTotals | undefined,
  steps: number,
  minN: number,
): Comparison | null {
  if (previousTotals === undefined) return null;
  const prev = describe(previousTotals, steps);
  if (prev.n < minN || prev.mean === null) return null;
  const interval = welchInterval(indicator.d, prev)?.interval ?? null;
  return { reference: 'previous-round', referenceValue: prev.mean, interval, referenceN: prev.n, label: PREVIOUS_ROUND_LABEL };
}

function toDifferenceFinding(indicator: Eligible, comparison: Comparison, steps: number, minDifference: number): Finding | null {
  const { interval } = comparison;
  if (interval === null) return null;
  const difference = indicator.mean - comparison.referenceValue;
  const excludesZero = interval.lower > 0 || interval.upper < 0;
  if (Math.abs(difference) < minDifference - EPSILON || !excludesZero) return null;
  const higher = difference > 0;
  const nearestBound = Math.min(Math.abs(interval.lower), Math.abs(interval.upper));
  return {
    kind: higher ? 'strength' : 'weakness',
    reference: comparison.reference,
    indicatorKey: indicator.indicatorKey,
    areaKey: indicator.areaKey,
    value: indicator.mean,
    referenceValue: comparison.referenceValue,
    difference,
    interval,
    n: indicator.d.n,
    referenceN: comparison.referenceN,
    spread: null,
    score: nearestBound / (steps - 1),
    reason: differenceReason(
      higher ? 'higher' : 'lower',
      comparison.label,
      indicator.mean,
      comparison.referenceValue,
      indicator.d.n,
      comparison.reference === 'previous-round' ? (comparison.referenceN ?? undefined) : undefined,
    ),
  };
}

function toDisagreementFinding(indicator: Eligible, steps: number, options: Resolved): Finding | null {
  const spread = assessSpread(indicator.d, steps, options);
  if (spread === null || !(spread.bySd || spread.bySplit)) return null;
  const { n } = indicator.d;
  return {
    kind: 'disagreement',
    reference: null,
    indicatorKey: indicator.indicatorKey,
    areaKey: indicator.areaKey,
    value: indicator.mean,
    referenceValue: null,
    difference: null,
    interval: null,
    n,
    referenceN: null,
    spread,
    score: disagreementScore(spread.sd, n, steps),
    reason: spread.bySplit ? splitReason(spread.lowShare, spread.highShare, steps, n) : spreadReason(spread.sd, n),
  };
}

/**
 * Strengths, weaknesses and disagreements for one group (a unit, a team or the organizer) in one round,
 * ranked by score (highest first; ties by indicator key, then kind, then reference).
 *
 * A strength or weakness needs both |difference| ≥ minDifference and a 95% interval of the difference that
 * excludes zero. Indicators with fewer than minN scored answers are never flagged, and neither is a
 * comparison with a reference of fewer than minN answers. One indicator can give several findings.
 */
export function findFindings(input: FindingsInput): Finding[] {
  const { steps } = input;
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`A scale needs an integer number of steps ≥ 2, got ${steps}`);
  const options = resolveOptions(steps, input.options);
  const seen = new Set<string>();
  for (const { indicatorKey } of input.indicators) {
    if (seen.has(indicatorKey)) throw new RangeError(`Indicator ${indicatorKey} appears more than once`);
    seen.add(indicatorKey);
  }

  const eligible: Eligible[] = [];
  for (const indicator of input.indicators) {
    const d = describe(indicator.totals, steps);
    if (d.n >= options.minN && d.mean !== null && d.sd !== null) eligible.push({ ...indicator, d, mean: d.mean, sd: d.sd });
  }

  const own = ownAverageComparisons(eligible, input.ownAverageLabel ?? DEFAULT_OWN_AVERAGE_LABEL);
  const findings: Finding[] = [];
  for (const indicator of eligible) {
    const comparisons = [
      own.get(indicator.indicatorKey) ?? null,
      organizerComparison(indicator, input.organizer?.get(indicator.indicatorKey), steps, options, input.organizerLabel),
      previousComparison(indicator, input.previous?.get(indicator.indicatorKey), steps, options.minN),
    ];
    for (const comparison of comparisons) {
      if (comparison === null) continue;
      const finding = toDifferenceFinding(indicator, comparison, steps, options.minDifference);
      if (finding !== null) findings.push(finding);
    }
    const disagreement = toDisagreementFinding(indicator, steps, options);
    if (disagreement !== null) findings.push(disagreement);
  }
  return findings.sort(compareFindings);
}
