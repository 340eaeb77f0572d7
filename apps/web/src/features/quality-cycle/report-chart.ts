/**
 * The area profile drawn by ECharts off screen, as a PNG data URL for the PDF. Loaded only when a
 * report is downloaded.
 */
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { formatMean } from '../../lib/format.ts';
import type { AreaRow } from './report-model.ts';

echarts.use([BarChart, AriaComponent, GridComponent, LegendComponent, CanvasRenderer]);

export function areaProfileOption(areas: AreaRow[], steps: number, roundName: string) {
  return {
    animation: false,
    aria: { enabled: true, decal: { show: false } },
    grid: { left: 8, right: 24, top: 16, bottom: 32, containLabel: true },
    xAxis: {
      type: 'value' as const,
      min: 1,
      max: steps,
      interval: 1,
      name: `Medelvärde (1–${steps})`,
      nameLocation: 'middle' as const,
      nameGap: 24,
    },
    yAxis: {
      type: 'category' as const,
      data: areas.map((a) => (a.mean === null ? `${a.title} (–)` : a.title)),
      inverse: true,
      axisLabel: { width: 200, overflow: 'break' as const },
    },
    series: [
      {
        name: roundName,
        type: 'bar' as const,
        data: areas.map((a) => a.mean),
        itemStyle: { color: '#1f5f8b' },
        barMaxWidth: 18,
        label: {
          show: true,
          position: 'insideRight' as const,
          color: '#ffffff',
          formatter: (p: { value: unknown }) => formatMean(p.value as number | null),
        },
      },
    ],
  };
}

export function areaProfilePng(areas: AreaRow[], steps: number, roundName: string): string {
  const host = document.createElement('div');
  host.style.cssText = 'position:absolute;left:-10000px;top:0;width:720px;height:380px';
  document.body.appendChild(host);
  const chart = echarts.init(host, undefined, { renderer: 'canvas', width: 720, height: 380 });
  try {
    chart.setOption({
      ...areaProfileOption(areas, steps, roundName),
      textStyle: { fontFamily: 'Roboto, Arial, sans-serif', fontSize: 13, color: '#1c2530' },
    });
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  } finally {
    chart.dispose();
    host.remove();
  }
}
