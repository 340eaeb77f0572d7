import { z } from 'zod';
import { DONT_KNOW } from '../questionnaire/to-survey-json.ts';

/**
 * Sufficient statistics for one indicator in one group (unit, team or organizer) and round.
 * This is what the database keeps per group and indicator; every statistic in this folder
 * is computed from it, so no dashboard needs to scan individual answers.
 *
 * `n` counts scored answers only; "Vet ej / ej aktuellt" is counted in `dontKnow` and is not a score.
 */
export type IndicatorTotals = {
  /** Number of scored answers (steps 1…steps). */
  n: number;
  /** Sum of the scored values. */
  sum: number;
  /** Sum of the squared scored values. */
  sumSquares: number;
  /** Count per scale step; index 0 = step 1. Length equals the number of steps. */
  counts: number[];
  /** Number of "Vet ej / ej aktuellt" answers. */
  dontKnow: number;
};

const count = z.number().int().min(0);

/** Validates totals read from outside (for example a database row) and checks that they are consistent. */
export const indicatorTotalsSchema = z
  .object({ n: count, sum: count, sumSquares: count, counts: z.array(count).min(2), dontKnow: count })
  .superRefine((t, ctx) => {
    const n = t.counts.reduce((a, c) => a + c, 0);
    const sum = t.counts.reduce((a, c, i) => a + c * (i + 1), 0);
    const sumSquares = t.counts.reduce((a, c, i) => a + c * (i + 1) * (i + 1), 0);
    if (n !== t.n || sum !== t.sum || sumSquares !== t.sumSquares)
      ctx.addIssue({ code: 'custom', message: 'Summorna stämmer inte med antalet svar per steg' });
  });

/** A scored answer (1…steps) or "Vet ej / ej aktuellt". */
export type ScaleAnswer = number | typeof DONT_KNOW;

function assertSteps(steps: number): void {
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`A scale needs an integer number of steps ≥ 2, got ${steps}`);
}

/** Totals with no answers for a scale with `steps` steps. */
export function emptyTotals(steps: number): IndicatorTotals {
  assertSteps(steps);
  return { n: 0, sum: 0, sumSquares: 0, counts: new Array<number>(steps).fill(0), dontKnow: 0 };
}

/** Returns new totals with one more answer. Throws on a value outside the scale. */
export function addAnswer(totals: IndicatorTotals, value: ScaleAnswer): IndicatorTotals {
  if (value === DONT_KNOW) return { ...totals, counts: [...totals.counts], dontKnow: totals.dontKnow + 1 };
  if (!Number.isInteger(value) || value < 1 || value > totals.counts.length)
    throw new RangeError(`Answer ${String(value)} is outside the scale 1–${totals.counts.length}`);
  const counts = [...totals.counts];
  counts[value - 1] = (counts[value - 1] ?? 0) + 1;
  return {
    n: totals.n + 1,
    sum: totals.sum + value,
    sumSquares: totals.sumSquares + value * value,
    counts,
    dontKnow: totals.dontKnow,
  };
}

function assertSameScale(a: IndicatorTotals, b: IndicatorTotals): void {
  if (a.counts.length !== b.counts.length)
    throw new RangeError(`Totals on different scales (${a.counts.length} and ${b.counts.length} steps)`);
}

/** Totals of two disjoint sets of answers on the same scale (for example two teams into their unit). */
export function mergeTotals(a: IndicatorTotals, b: IndicatorTotals): IndicatorTotals {
  assertSameScale(a, b);
  return {
    n: a.n + b.n,
    sum: a.sum + b.sum,
    sumSquares: a.sumSquares + b.sumSquares,
    counts: a.counts.map((c, i) => c + (b.counts[i] ?? 0)),
    dontKnow: a.dontKnow + b.dontKnow,
  };
}

/**
 * The answers in `whole` that are not in `part` (for example the rest of the organizer outside one unit).
 * Throws when `part` is not contained in `whole`.
 */
export function subtractTotals(whole: IndicatorTotals, part: IndicatorTotals): IndicatorTotals {
  assertSameScale(whole, part);
  const counts = whole.counts.map((c, i) => c - (part.counts[i] ?? 0));
  const dontKnow = whole.dontKnow - part.dontKnow;
  if (counts.some((c) => c < 0) || dontKnow < 0) throw new RangeError('The part has answers that the whole does not have');
  return {
    n: whole.n - part.n,
    sum: whole.sum - part.sum,
    sumSquares: whole.sumSquares - part.sumSquares,
    counts,
    dontKnow,
  };
}

/** Mean of the scored answers; null when there are none. */
export function mean(totals: IndicatorTotals): number | null {
  return totals.n === 0 ? null : totals.sum / totals.n;
}

/** Sample standard deviation (divisor n − 1); null when n < 2. */
export function standardDeviation(totals: IndicatorTotals): number | null {
  const { n, sum, sumSquares } = totals;
  if (n < 2) return null;
  // n·Σx² − (Σx)² is computed in exact integer arithmetic (well below 2^53 for any realistic n),
  // so identical answers give exactly 0 and there is no cancellation error.
  const variance = (n * sumSquares - sum * sum) / (n * (n - 1));
  return Math.sqrt(Math.max(0, variance));
}
