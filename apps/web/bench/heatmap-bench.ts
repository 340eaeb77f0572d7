/**
 * Renders the product's heatmap (the same option builder as the comparison page) for 200 units ×
 * 80 indicators with deterministic data, and reports how long ECharts takes until the chart has
 * finished rendering. Driven by tests/bench/heatmap-render.ts in Chromium.
 */
import { HeatmapChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Cell, Column } from '../src/features/compare/comparison-model.ts';
import { type HeatmapRow, heatmapOption } from '../src/features/compare/heatmap-option.ts';

echarts.use([HeatmapChart, AriaComponent, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNITS = 200;
const INDICATORS = 80;
const random = mulberry32(20261123);
const columns: Column[] = Array.from({ length: INDICATORS }, (_, i) => ({
  key: `i${i}`,
  label: `Indikator ${i + 1}`,
  indicatorIndexes: [i],
}));
const rows: HeatmapRow[] = Array.from({ length: UNITS }, (_, u) => ({
  unit: { id: `u${u}`, name: `Enhet ${u + 1}` },
  cells: columns.map(
    (): Cell =>
      random() < 0.03
        ? { mean: null, n: null, reason: 'Visas inte: färre än 5 svar.' }
        : { mean: 1.5 + random() * 2.2, n: 5 + Math.floor(random() * 40), reason: null },
  ),
}));
const orgValues = columns.map(() => 2.2 + random() * 0.8);

declare global {
  interface Window {
    renderHeatmap: () => Promise<number>;
  }
}

window.renderHeatmap = () =>
  new Promise<number>((resolve) => {
    const element = document.getElementById('chart') as HTMLDivElement;
    echarts.dispose(element);
    const chart = echarts.init(element, null, { renderer: 'canvas' });
    const start = performance.now();
    chart.on('finished', () => resolve(performance.now() - start));
    chart.setOption({ animation: false, aria: { enabled: true }, ...heatmapOption(rows, columns, orgValues) });
  });
