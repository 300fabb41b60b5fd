// k-means convergence: inertia (left axis) and the fraction of points that changed cluster (right axis).
import type { EChartsOption, LineSeriesOption } from 'echarts';
import type { IterationRecord } from '../types.ts';
import { axisStyle, baseOption, legendBlock, titleBlock, type ChartCommonOptions } from './common.ts';
import { chartTheme, seriesColor } from './palette.ts';

export interface ConvergenceOptions extends ChartCommonOptions {
  /** Stop threshold on the changed fraction (seed paper: 0.01); drawn as a dashed line. */
  changedFractionThreshold?: number;
}

export function convergence(history: IterationRecord[], opts: ConvergenceOptions = {}): EChartsOption {
  const theme = chartTheme(opts.dark);
  // One line per measure, each on its own y axis and in that axis' palette colour.
  const line = (name: string, axis: number, value: (h: IterationRecord) => number): LineSeriesOption => ({
    type: 'line',
    name,
    yAxisIndex: axis,
    data: history.map((h) => [h.iteration, value(h)]),
    symbolSize: 5,
    itemStyle: { color: seriesColor(axis) },
  });
  const inertia = line('inertia', 0, (h) => h.inertia);
  const threshold = opts.changedFractionThreshold;
  const changed: LineSeriesOption = {
    ...line('changed fraction', 1, (h) => h.changedFraction),
    ...(threshold !== undefined
      ? {
          markLine: {
            silent: true,
            symbol: 'none',
            lineStyle: { type: 'dashed', color: seriesColor(3) },
            label: { formatter: `stop threshold ${threshold}`, position: 'insideEndTop', color: theme.text },
            data: [{ yAxis: threshold }],
          },
        }
      : {}),
  };
  return {
    ...baseOption(theme),
    title: titleBlock(opts.title ?? 'Convergence', `${history.length} iteration${history.length === 1 ? '' : 's'}`, theme),
    tooltip: { trigger: 'axis' },
    legend: legendBlock(theme),
    grid: { left: 70, right: 70, top: 70, bottom: 60, containLabel: true },
    xAxis: { type: 'value', name: 'iteration', nameLocation: 'middle', nameGap: 28, minInterval: 1, min: 'dataMin', ...axisStyle(theme) },
    yAxis: [
      { type: 'value', name: 'inertia', scale: true, ...axisStyle(theme) },
      { type: 'value', name: 'changed fraction', min: 0, ...axisStyle(theme), splitLine: { show: false } },
    ],
    series: [inertia, changed],
  };
}
