import type { IndicatorDescription } from '../statistics/describe.ts';
import { normalQuantile } from '../statistics/quantiles.ts';

/** How the answers to one indicator spread, and which disagreement rule they meet. */
export type Spread = {
  /** Sample standard deviation. */
  sd: number;
  /** Share of the scored answers in the lower half of the scale (steps 1–2 on a four-step scale). */
  lowShare: number;
  /** Share of the scored answers in the upper half of the scale (steps 3–4 on a four-step scale). */
  highShare: number;
  /** The standard deviation reaches the threshold. */
  bySd: boolean;
  /** The answers are split between the two halves of the scale. */
  bySplit: boolean;
};

/** The larger side may hold at most this many times the smaller side's share for a split ("neither side dominates"). */
export const SPLIT_MAX_RATIO = 2;

/** Float slack so that a share or sd exactly at a threshold counts as reaching it. */
const EPSILON = 1e-9;

/**
 * Shares in the lower and upper half of the scale. On an odd scale the middle step belongs to neither
 * half (on five steps: 1–2 against 4–5).
 */
export function halves(distribution: readonly number[], steps: number): { lowShare: number; highShare: number } {
  const lowEnd = Math.floor(steps / 2);
  const highStart = Math.ceil(steps / 2) + 1;
  let lowShare = 0;
  let highShare = 0;
  distribution.forEach((share, i) => {
    const step = i + 1;
    if (step <= lowEnd) lowShare += share;
    else if (step >= highStart) highShare += share;
  });
  return { lowShare, highShare };
}

/** The spread of one indicator's answers; null when there is no standard deviation (n < 2). */
export function assessSpread(
  description: IndicatorDescription,
  steps: number,
  thresholds: { disagreementSd: number; splitShare: number },
): Spread | null {
  const { sd } = description;
  if (sd === null) return null;
  const { lowShare, highShare } = halves(description.distribution, steps);
  const minority = Math.min(lowShare, highShare);
  const majority = Math.max(lowShare, highShare);
  return {
    sd,
    lowShare,
    highShare,
    bySd: sd >= thresholds.disagreementSd - EPSILON,
    bySplit: minority >= thresholds.splitShare - EPSILON && majority <= SPLIT_MAX_RATIO * minority + EPSILON,
  };
}

/**
 * Approximate upper quantile of the chi-square distribution (Wilson–Hilferty, within about 0.2 % for
 * df ≥ 4). Used only to rank disagreements, where that accuracy is plenty.
 */
export function chiSquareQuantileApprox(p: number, df: number): number {
  const c = 2 / (9 * df);
  return df * (1 - c + normalQuantile(p) * Math.sqrt(c)) ** 3;
}

/**
 * Ranking score of a disagreement: how far the 95% lower confidence bound of the standard deviation
 * lies above the spread of a group that agrees within one step ((steps − 1) / 6, i.e. 0.5 on a
 * four-step scale: the largest standard deviation answers on two adjacent steps can have), as a share
 * of the scale's range. 0 when that bound does not reach above it.
 */
export function disagreementScore(sd: number, n: number, steps: number): number {
  if (n < 2) return 0;
  const sdLower = sd * Math.sqrt((n - 1) / chiSquareQuantileApprox(0.975, n - 1));
  const ordinarySpread = (steps - 1) / 6;
  return Math.max(0, sdLower - ordinarySpread) / (steps - 1);
}
