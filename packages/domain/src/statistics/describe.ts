import { type Interval, meanInterval, wilsonInterval } from './intervals.ts';
import { type IndicatorTotals, mean, standardDeviation } from './totals.ts';

/** The statistics shown for one indicator (or area) in one group and round. */
export type IndicatorDescription = {
  /** Scored answers. */
  n: number;
  /** "Vet ej / ej aktuellt" answers, not part of n. */
  dontKnow: number;
  mean: number | null;
  /** Sample standard deviation (n − 1); null when n < 2. */
  sd: number | null;
  /** Share of the scored answers per step (index 0 = step 1); all 0 when n = 0. */
  distribution: number[];
  /** 95% Student t-interval of the mean, clamped to the scale 1…steps; null when n < 2. */
  meanInterval: Interval | null;
  /** Share of the scored answers at step 3 or above; null when n = 0. */
  shareAtLeast3: number | null;
  /** 95% Wilson interval of shareAtLeast3; null when n = 0. */
  shareInterval: Interval | null;
  /** The mean on a 0–10 index, (mean − 1) / (steps − 1) × 10; null when n = 0. */
  index: number | null;
};

/** The mean on a 0–10 index: (mean − 1) / (steps − 1) × 10, so step 1 → 0 and the top step → 10. */
export function toIndex(mean: number, steps: number): number {
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`A scale needs an integer number of steps ≥ 2, got ${steps}`);
  return ((mean - 1) / (steps - 1)) * 10;
}

/** All the statistics for one set of totals on a scale with `steps` steps. */
export function describe(totals: IndicatorTotals, steps: number): IndicatorDescription {
  if (totals.counts.length !== steps) throw new RangeError(`The totals have ${totals.counts.length} steps but the scale has ${steps}`);
  const { n, dontKnow } = totals;
  const m = mean(totals);
  const sd = standardDeviation(totals);
  const raw = meanInterval(m, sd, n);
  // The true mean cannot lie outside the scale, so the interval is cut at 1 and at the top step.
  const interval = raw === null ? null : { lower: Math.max(1, raw.lower), upper: Math.min(steps, raw.upper) };
  const atLeast3 = totals.counts.slice(2).reduce((a, c) => a + c, 0);
  return {
    n,
    dontKnow,
    mean: m,
    sd,
    distribution: totals.counts.map((c) => (n === 0 ? 0 : c / n)),
    meanInterval: interval,
    shareAtLeast3: n === 0 ? null : atLeast3 / n,
    shareInterval: n === 0 ? null : wilsonInterval(atLeast3, n),
    index: m === null ? null : toIndex(m, steps),
  };
}
