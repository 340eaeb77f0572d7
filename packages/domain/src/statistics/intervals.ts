import { normalQuantile, tQuantile } from './quantiles.ts';

/** A two-sided confidence interval. */
export type Interval = { lower: number; upper: number };

/** What an interval needs to know about one sample of answers (as returned by `describe`). */
export type SampleSummary = { mean: number | null; sd: number | null; n: number };

function assertConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`Confidence must be between 0 and 1, got ${confidence}`);
}

/**
 * Student t-interval for a mean: mean ± t(1 − α/2, n − 1) · sd / √n.
 * Null when n < 2 or the mean or sd is missing. Not clamped to the scale (see `describe`).
 */
export function meanInterval(mean: number | null, sd: number | null, n: number, confidence = 0.95): Interval | null {
  assertConfidence(confidence);
  if (mean === null || sd === null || n < 2) return null;
  const halfWidth = (tQuantile((1 + confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  return { lower: mean - halfWidth, upper: mean + halfWidth };
}

/**
 * Wilson score interval for a proportion, as proportions (0–1). Unlike the Wald interval it stays inside
 * 0–1 and behaves well at 0 of n and n of n. n = 0 → { lower: 0, upper: 1 } (nothing is known).
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  assertConfidence(confidence);
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n)
    throw new RangeError(`Need integers 0 ≤ successes ≤ n, got ${successes} of ${n}`);
  if (n === 0) return { lower: 0, upper: 1 };
  const z = normalQuantile((1 + confidence) / 2);
  const z2 = z * z;
  const p = successes / n;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return {
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === n ? 1 : Math.min(1, centre + halfWidth),
  };
}

/** One independent term of a linear combination of means: its variance contribution and its degrees of freedom. */
export type VarianceTerm = { variance: number; df: number };

/** An estimate with its interval, standard error and (Welch–Satterthwaite) degrees of freedom. */
export type EstimateInterval = {
  estimate: number;
  interval: Interval;
  standardError: number;
  /** Null when the standard error is 0 (every term has zero spread): the interval is then the point itself. */
  df: number | null;
};

/**
 * Interval for a linear combination of independent sample means, with the Welch–Satterthwaite
 * approximation of the degrees of freedom: df = (Σ vᵢ)² / Σ (vᵢ² / dfᵢ).
 * Welch's two-sample interval is the case with two terms, sd₁²/n₁ and sd₂²/n₂.
 */
export function satterthwaiteInterval(estimate: number, terms: readonly VarianceTerm[], confidence = 0.95): EstimateInterval {
  assertConfidence(confidence);
  if (terms.some((t) => !(t.variance >= 0) || !(t.df > 0))) throw new RangeError('Each term needs variance ≥ 0 and df > 0');
  const variance = terms.reduce((a, t) => a + t.variance, 0);
  if (variance === 0) return { estimate, interval: { lower: estimate, upper: estimate }, standardError: 0, df: null };
  const df = (variance * variance) / terms.reduce((a, t) => a + (t.variance * t.variance) / t.df, 0);
  const standardError = Math.sqrt(variance);
  const halfWidth = tQuantile((1 + confidence) / 2, df) * standardError;
  return { estimate, interval: { lower: estimate - halfWidth, upper: estimate + halfWidth }, standardError, df };
}

/** Welch's interval for mean(a) − mean(b) from two independent samples; null when either n < 2. */
export function welchInterval(a: SampleSummary, b: SampleSummary, confidence = 0.95): EstimateInterval | null {
  assertConfidence(confidence);
  if (a.mean === null || b.mean === null || a.sd === null || b.sd === null || a.n < 2 || b.n < 2) return null;
  return satterthwaiteInterval(
    a.mean - b.mean,
    [
      { variance: (a.sd * a.sd) / a.n, df: a.n - 1 },
      { variance: (b.sd * b.sd) / b.n, df: b.n - 1 },
    ],
    confidence,
  );
}

/**
 * Change of a mean between two rounds (current − previous) with Welch's interval.
 * `difference` is null when either mean is missing; `interval` is null when either n < 2.
 * The two rounds are treated as independent samples: answers are anonymous, so the same person
 * cannot be paired across rounds.
 */
export function changeBetween(
  current: SampleSummary,
  previous: SampleSummary,
  confidence = 0.95,
): { difference: number | null; interval: Interval | null } {
  const difference = current.mean === null || previous.mean === null ? null : current.mean - previous.mean;
  const welch = welchInterval(current, previous, confidence);
  return { difference, interval: welch === null ? null : welch.interval };
}
