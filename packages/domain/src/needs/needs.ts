import { formatDecimal, formatInteger } from '../findings/reasons.ts';
import type { Interval } from '../statistics/intervals.ts';

/**
 * Where support would matter most: a simple, explained needs score per unit and area from three
 * signals – a level clearly below the organizer's, a clear fall since the previous round, and
 * disagreement inside the unit. Pure; see docs/needs.md for the method and its limits.
 */

export type NeedsSignalKind = 'low-level' | 'falling' | 'disagreement';

/** One unit's figures for one area in one round, after suppression (hidden figures are null). */
export type NeedsInput = {
  unitId: string;
  areaKey: string;
  /** Scored answers behind the area (its effective n); null when hidden. */
  n: number | null;
  /** The unit's area mean; null when hidden or without answers. */
  mean: number | null;
  /** 95% interval of the unit's area mean; null when unknown. */
  meanInterval: Interval | null;
  /** The organizer's mean for the same area and round; null when hidden. */
  reference: number | null;
  /** Change since the previous round; null when there is none or it is hidden. */
  change: { difference: number; interval: Interval | null; previousMean: number | null } | null;
  /** Indicators of the area flagged for disagreement (large spread) in the unit. */
  disagreements: number;
  /** Indicators in the area. */
  indicators: number;
};

export type NeedsSignal = {
  kind: NeedsSignalKind;
  /** Contribution to the score, 0–1. */
  weight: number;
  /** One plain Swedish sentence with the numbers behind it. */
  reason: string;
};

export type NeedsAssessment = {
  unitId: string;
  areaKey: string;
  /** Sum of the signals' weights; only for ordering, never shown as a rank. */
  score: number;
  signals: NeedsSignal[];
};

export type NeedsOptions = {
  /** Scale steps. Default 4. */
  steps?: number;
  /** Smallest difference in scale steps that counts. Default (steps − 1) / 10: 0,3 on a four-step scale. */
  minDifference?: number;
  /** Weight of disagreement when every indicator of the area is flagged. Default 0.2. */
  disagreementWeight?: number;
  /** Label of the organizer's level in sentences. Default "huvudmannens nivå". */
  organizerLabel?: string;
};

const EPSILON = 1e-9;

/** The signals and score of one unit and area; score 0 and no signals when nothing stands out. */
export function needsScore(input: NeedsInput, options: NeedsOptions = {}): NeedsAssessment {
  const steps = options.steps ?? 4;
  const minDifference = options.minDifference ?? (steps - 1) / 10;
  const disagreementWeight = options.disagreementWeight ?? 0.2;
  const label = options.organizerLabel ?? 'huvudmannens nivå';
  const range = steps - 1;
  const signals: NeedsSignal[] = [];

  // Low level: the area mean is at least minDifference below the organizer's and its interval lies below it.
  if (input.mean !== null && input.reference !== null && input.n !== null) {
    const gap = input.reference - input.mean;
    const certain = input.meanInterval === null ? false : input.meanInterval.upper < input.reference;
    if (gap + EPSILON >= minDifference && certain) {
      signals.push({
        kind: 'low-level',
        weight: Math.min(1, gap / range),
        reason: `Lägre än ${label}: ${formatDecimal(input.mean)} mot ${formatDecimal(input.reference)} (n = ${formatInteger(input.n)})`,
      });
    }
  }

  // Falling: the change since the previous round is at least minDifference down and its interval lies below 0.
  if (input.change !== null) {
    const drop = -input.change.difference;
    const certain = input.change.interval === null ? false : input.change.interval.upper < 0;
    if (drop + EPSILON >= minDifference && certain) {
      const from = input.change.previousMean;
      const fromTo = from !== null && input.mean !== null ? ` (från ${formatDecimal(from)} till ${formatDecimal(input.mean)})` : '';
      signals.push({
        kind: 'falling',
        weight: Math.min(1, drop / range),
        reason: `Sjunkit sedan förra omgången: ${formatDecimal(input.change.difference)}${fromTo}`,
      });
    }
  }

  // Disagreement: a share of the area's indicators with a large spread; a question to discuss, weighted lower.
  if (input.disagreements > 0 && input.indicators > 0) {
    const share = Math.min(1, input.disagreements / input.indicators);
    signals.push({
      kind: 'disagreement',
      weight: share * disagreementWeight,
      reason: `Oenighet i ${formatInteger(input.disagreements)} av ${formatInteger(input.indicators)} indikatorer – en fråga att samtala om`,
    });
  }

  const score = signals.reduce((sum, s) => sum + s.weight, 0);
  return { unitId: input.unitId, areaKey: input.areaKey, score, signals };
}

export type UnitNeeds = {
  unitId: string;
  /** The largest area score of the unit; for ordering only. */
  score: number;
  /** The unit's areas with at least one signal, largest need first. */
  areas: NeedsAssessment[];
};

/**
 * The units where support would matter most: per unit its areas with a low level or a fall (a
 * disagreement adds weight and a reason, but alone it is a question for the team, not a need),
 * units with the largest single-area need first (ties keep the input's order). Units without such
 * an area are left out; at most `limit` units.
 */
export function needsByUnit(inputs: readonly NeedsInput[], options: NeedsOptions & { limit?: number } = {}): UnitNeeds[] {
  const byUnit = new Map<string, NeedsAssessment[]>();
  for (const input of inputs) {
    const assessment = needsScore(input, options);
    if (!assessment.signals.some((s) => s.kind !== 'disagreement')) continue;
    byUnit.set(input.unitId, [...(byUnit.get(input.unitId) ?? []), assessment]);
  }
  const units = [...byUnit.entries()].map(([unitId, areas]) => {
    const sorted = [...areas].sort((a, b) => b.score - a.score);
    return { unitId, score: sorted[0]?.score ?? 0, areas: sorted };
  });
  units.sort((a, b) => b.score - a.score);
  return units.slice(0, options.limit ?? units.length);
}
