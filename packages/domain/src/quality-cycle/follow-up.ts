/**
 * Hur blev det? The follow-up of a priority: how each linked indicator moved between the baseline
 * round (where the priority was set) and a later closed round, and whether the target level was
 * reached. Suppressed figures are never computed around: when either side is hidden, the change is
 * not given, and when the later figure is hidden or rests on too few answers the target status is
 * "cannot tell".
 */
import type { Interval } from '../statistics/intervals.ts';
import type { SuppressedValue } from '../suppression/suppressed-value.ts';

export type FollowUpFigures = { n: number; mean: number | null; meanInterval: Interval | null };
export type FollowUpFigure = SuppressedValue<FollowUpFigures>;
export type TargetStatus = 'reached' | 'not-reached' | 'cannot-tell';

export interface IndicatorFollowUp {
  baseline: FollowUpFigure;
  later: FollowUpFigure;
  /** later − baseline; null when either is hidden or has no mean. */
  change: number | null;
  /** The target mean, or null when the priority set none for this indicator. */
  targetMean: number | null;
  status: TargetStatus;
  /** One Swedish sentence saying why. */
  statusText: string;
}

/** Fewer scored answers than this and the follow-up does not judge the target. */
export const FOLLOW_UP_MIN_N = 5;

const one = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signed = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** 3 → "3,0" (sv-SE). */
export function formatScaleValue(value: number): string {
  return one.format(value);
}

/** The target level as words: "medelvärde minst 3,0". */
export function targetText(targetMean: number): string {
  return `medelvärde minst ${formatScaleValue(targetMean)}`;
}

const EPSILON = 1e-9;

export function followUpIndicator(
  baseline: FollowUpFigure,
  later: FollowUpFigure,
  targetMean: number | null,
  minN: number = FOLLOW_UP_MIN_N,
): IndicatorFollowUp {
  const b = baseline.suppressed ? null : baseline.value.mean;
  const l = later.suppressed ? null : later.value.mean;
  const change = b !== null && l !== null ? l - b : null;
  const base = { baseline, later, change, targetMean };
  if (later.suppressed) {
    return { ...base, status: 'cannot-tell', statusText: `Går inte att avgöra: resultatet visas inte. ${later.explanation}` };
  }
  if (l === null || later.value.n < minN) {
    return {
      ...base,
      status: 'cannot-tell',
      statusText: `Går inte att avgöra: för få svar (färre än ${minN}) för att bedöma målet.`,
    };
  }
  const changeText = change === null ? '' : ` (${signed.format(change)} sedan utgångsläget)`;
  if (targetMean === null) {
    return { ...base, status: 'cannot-tell', statusText: `Ingen målnivå satt. Medelvärdet är ${one.format(l)}${changeText}.` };
  }
  if (l + EPSILON >= targetMean) {
    return {
      ...base,
      status: 'reached',
      statusText: `Målet är nått: medelvärdet ${one.format(l)}${changeText} når ${targetText(targetMean)}.`,
    };
  }
  return {
    ...base,
    status: 'not-reached',
    statusText: `Målet är inte nått: medelvärdet ${one.format(l)}${changeText} är under ${targetText(targetMean)}.`,
  };
}

export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  reached: 'Målet nått',
  'not-reached': 'Målet inte nått',
  'cannot-tell': 'Går inte att avgöra',
};
