// k sweep charts: the elbow (cost vs k) and each quality score vs k, the best k marked.
import type { EChartsOption } from 'echarts';
import type { SweepPoint } from '../analysis.ts';
import { axisStyle, baseOption, titleBlock, type ChartCommonOptions } from './common.ts';
import { chartTheme, seriesColor } from './palette.ts';

export type SweepMeasure = 'cost' | 'silhouette' | 'daviesBouldin' | 'calinskiHarabasz';

export const SWEEP_MEASURE_NAMES: Readonly<Record<SweepMeasure, string>> = {
  cost: 'cost',
  silhouette: 'silhouette (higher is better)',
  daviesBouldin: 'Davies–Bouldin (lower is better)',
  calinskiHarabasz: 'Calinski–Harabasz (higher is better)',
};

export interface SweepChartOptions extends ChartCommonOptions {
  /** The k to mark, and what to call it ("best", "elbow (heuristic)"). */
  markK?: number | null;
  markName?: string;
  /** Axis name of the cost ("inertia" for k-means). */
  costName?: string;
}

export function sweepChart(points: readonly SweepPoint[], measure: SweepMeasure, opts: SweepChartOptions = {}): EChartsOption {
  const theme = chartTheme(opts.dark);
  const name = measure === 'cost' ? (opts.costName ?? 'cost') : SWEEP_MEASURE_NAMES[measure];
  const color = seriesColor(['cost', 'silhouette', 'daviesBouldin', 'calinskiHarabasz'].indexOf(measure));
  const marked = points.find((p) => p.k === opts.markK);
  const markLabel = `${opts.markName ?? 'best'}: k = ${opts.markK}`;
  return {
    ...baseOption(theme),
    title: titleBlock(opts.title ?? (measure === 'cost' ? `Elbow: ${name} vs k` : `${name} vs k`), marked ? markLabel : undefined, theme),
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 30, top: 70, bottom: 50, containLabel: true },
    xAxis: { type: 'value', name: 'k', nameLocation: 'middle', nameGap: 28, minInterval: 1, min: 'dataMin', max: 'dataMax', ...axisStyle(theme) },
    yAxis: { type: 'value', name, scale: true, ...axisStyle(theme) },
    series: [
      {
        type: 'line',
        name,
        data: points.map((p) => [p.k, p[measure]]),
        symbolSize: 6,
        itemStyle: { color },
        ...(marked
          ? {
              markPoint: {
                symbol: 'pin',
                symbolSize: 44,
                itemStyle: { color: theme.text },
                label: { formatter: String(marked.k), color: theme.background },
                data: [{ name: markLabel, coord: [marked.k, marked[measure]] }],
              },
            }
          : {}),
      },
    ],
  };
}
