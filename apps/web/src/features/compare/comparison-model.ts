import type { Outputs } from '../../lib/router-types.ts';

export type Comparison = Outputs['results']['compare'];

export interface Column {
  key: string;
  label: string;
  /** Indicator indexes that make up the column (one for an indicator, several for an area). */
  indicatorIndexes: number[];
}

export interface Cell {
  mean: number | null;
  n: number | null;
  /** Why the cell is hidden, or null. */
  reason: string | null;
}

/** Columns for the heatmap: one per area (the mean of its shown indicators) or one per indicator. */
export function columnsOf(comparison: Comparison, level: 'areas' | 'indicators', areaTitles: Map<string, string>): Column[] {
  if (level === 'indicators') {
    return comparison.indicators.map((indicator, i) => ({ key: indicator.key, label: indicator.statement, indicatorIndexes: [i] }));
  }
  const byArea = new Map<string, number[]>();
  comparison.indicators.forEach((indicator, i) => {
    byArea.set(indicator.areaKey, [...(byArea.get(indicator.areaKey) ?? []), i]);
  });
  return [...byArea.entries()].map(([key, indexes]) => ({ key, label: areaTitles.get(key) ?? key, indicatorIndexes: indexes }));
}

/**
 * A unit's value for a column. For an area: the unweighted mean of its shown indicators' means and
 * the largest n among them; hidden indicators are left out, so no hidden value can be recovered.
 */
export function cellOf(comparison: Comparison, unitIndex: number, column: Column): Cell {
  const count = comparison.indicators.length;
  const means: number[] = [];
  let n = 0;
  let reason: string | null = null;
  for (const i of column.indicatorIndexes) {
    const at = unitIndex * count + i;
    const hidden = comparison.cells.suppressed[at];
    const mean = comparison.cells.mean[at];
    if (hidden) {
      reason = comparison.explanations[hidden] ?? 'Visas inte.';
      continue;
    }
    if (mean !== null && mean !== undefined) {
      means.push(mean);
      n = Math.max(n, comparison.cells.n[at] ?? 0);
    }
  }
  if (means.length === 0) return { mean: null, n: null, reason: reason ?? 'Inga svar.' };
  return { mean: means.reduce((a, b) => a + b, 0) / means.length, n, reason: null };
}

/** The organizer's value for a column, computed the same way. */
export function organizerValueOf(comparison: Comparison, column: Column): number | null {
  const means = column.indicatorIndexes.map((i) => comparison.organizer.mean[i]).filter((m): m is number => typeof m === 'number');
  return means.length ? means.reduce((a, b) => a + b, 0) / means.length : null;
}
