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
  const inertia: LineSeriesOption = {
    type: 'line',
    name: 'inertia',
    yAxisIndex: 0,
    data: history.map((h) => [h.iteration, h.inertia]),
    symbolSize: 5,
    itemStyle: { color: seriesColor(0) },
  };
  const threshold = opts.changedFractionThreshold;
  const changed: LineSeriesOption = {
    type: 'line',
    name: 'changed fraction',
    yAxisIndex: 1,
    data: history.map((h) => [h.iteration, h.changedFraction]),
    symbolSize: 5,
    itemStyle: { color: seriesColor(1) },
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
