import type { ChartOption } from '../../components/chart.tsx';
import { formatMean } from '../../lib/format.ts';
import type { Cell, Column } from './comparison-model.ts';

export interface HeatmapRow {
  unit: { id: string; name: string };
  cells: Cell[];
}

/**
 * The heatmap of units × columns: colour = difference from the organizer's value in the column
 * (diverging, centred on it), label = the unit's mean and n, hidden cells grey with "–".
 */
export function heatmapOption(rows: HeatmapRow[], columns: Column[], orgValues: (number | null)[]): ChartOption {
  const data = rows.flatMap((row, y) =>
    row.cells.map((cell, x) => ({
      value: [x, y, cell.mean !== null && orgValues[x] !== null ? cell.mean - (orgValues[x] as number) : '-'],
      text: cell.mean === null ? '–' : `${formatMean(cell.mean)}\nn = ${cell.n}`,
      reason: cell.reason,
      mean: cell.mean,
      n: cell.n,
    })),
  );
  return {
    grid: { left: 8, right: 16, top: 8, bottom: 90, containLabel: true },
    tooltip: {
      formatter: (p) => {
        const d = (p as unknown as { data: (typeof data)[number] }).data;
        const [x, y] = d.value as [number, number];
        const head = `${rows[y]?.unit.name} · ${columns[x]?.label}`;
        return d.mean === null
          ? `${head}<br/>– ${d.reason ?? ''}`
          : `${head}<br/>Medelvärde ${formatMean(d.mean)} (n = ${d.n}), huvudmannen ${formatMean(orgValues[x])}`;
      },
    },
    xAxis: {
      type: 'category',
      data: columns.map((c) => c.label),
      axisLabel: { interval: 0, rotate: columns.length > 10 ? 60 : 30, width: 160, overflow: 'truncate' },
      splitArea: { show: true },
    },
    yAxis: { type: 'category', data: rows.map((r) => r.unit.name), inverse: true },
    visualMap: {
      type: 'continuous',
      min: -1,
      max: 1,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      text: ['Högre än huvudmannens värde', 'Lägre'],
      inRange: { color: ['#b35c00', '#f2c28f', '#f7f7f7', '#9ecae1', '#1f5f8b'] },
      outOfRange: { color: '#d9dde2' },
    },
    series: [
      {
        type: 'heatmap',
        progressive: 2000,
        progressiveThreshold: 4000,
        data: data as never,
        label: {
          show: columns.length <= 12,
          formatter: (p) => (p.data as { text: string }).text,
          fontSize: 12,
          lineHeight: 16,
          color: '#1c2530',
        },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#1c2530', borderWidth: 2 } },
      },
    ],
  };
}

/** Tall enough to read each row; compact rows when there are many units (a whole municipality). */
export function heatmapHeight(rowCount: number): number {
  return rowCount > 40 ? rowCount * 16 + 200 : Math.max(320, rowCount * 44 + 160);
}
