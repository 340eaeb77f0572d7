import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts/types/dist/shared';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { CSSProperties } from 'react';

echarts.use([
  BarChart,
  CustomChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

export type ChartOption = EChartsOption;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

/**
 * An ECharts chart with accessibility on (a generated description for screen readers),
 * no animation, the product's font, and a label. Every chart has a table view beside it.
 */
export function Chart({
  option,
  label,
  height = 360,
  style,
  onClick,
  patterns = true,
}: {
  option: ChartOption;
  /** Decal patterns on bars and areas, so no information rests on colour alone. Off where every cell carries its value as text. */
  patterns?: boolean;
  label: string;
  height?: number;
  style?: CSSProperties;
  onClick?: (params: { data?: unknown; dataIndex?: number; seriesIndex?: number; value?: unknown }) => void;
}) {
  const full: ChartOption = {
    animation: false,
    aria: { enabled: true, decal: { show: patterns } },
    textStyle: { fontFamily: FONT, fontSize: 14, color: '#1c2530' },
    ...option,
  };
  return (
    <figure className="chart" aria-label={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={full}
        notMerge
        style={{ height, width: '100%', ...style }}
        opts={{ renderer: 'canvas', locale: 'EN' }}
        onEvents={onClick ? { click: onClick } : undefined}
      />
    </figure>
  );
}
