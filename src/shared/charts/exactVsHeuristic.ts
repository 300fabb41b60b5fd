// Exact EKM vs a heuristic (PAM): cost and time side by side, the optimality gap in the title.
import type { BarSeriesOption, EChartsOption } from 'echarts';
import { axisStyle, baseOption, formatMs, titleBlock, type ChartCommonOptions } from './common.ts';
import { chartTheme, seriesColor } from './palette.ts';

export interface ExactVsHeuristicInput extends ChartCommonOptions {
  exactCost: number;
  heuristicCost: number;
  exactMs: number;
  heuristicMs: number;
  exactName?: string;
  heuristicName?: string;
}

/** (heuristic − exact) / exact × 100; 0 when both are 0, null when undefined (exact = 0 < heuristic). */
export function optimalityGapPercent(exactCost: number, heuristicCost: number): number | null {
  if (exactCost === 0) return heuristicCost === 0 ? 0 : null;
  return ((heuristicCost - exactCost) / Math.abs(exactCost)) * 100;
}

export function exactVsHeuristic(input: ExactVsHeuristicInput): EChartsOption {
  const theme = chartTheme(input.dark);
  const names = [input.exactName ?? 'exact (EKM)', input.heuristicName ?? 'heuristic (PAM)'];
  const gap = optimalityGapPercent(input.exactCost, input.heuristicCost);
  const gapText = gap === null ? 'optimality gap: undefined (exact cost is 0)' : `optimality gap ${gap.toFixed(2)}%`;
  const colors = [seriesColor(0), seriesColor(1)];
  const bars = (values: number[], axis: number, name: string, fmt: (v: number) => string): BarSeriesOption => ({
    type: 'bar',
    name,
    xAxisIndex: axis,
    yAxisIndex: axis,
    data: values.map((value, i) => ({ value, itemStyle: { color: colors[i] } })),
    barMaxWidth: 60,
    label: { show: true, position: 'top', color: theme.text, formatter: (p: unknown) => fmt((p as { value: number }).value) },
  });
  return {
    ...baseOption(theme),
    title: [
      titleBlock(input.title ?? `Exact vs heuristic — ${gapText}`, `exact time ${formatMs(input.exactMs)} · heuristic time ${formatMs(input.heuristicMs)}`, theme),
    ],
    tooltip: { trigger: 'item' },
    grid: [
      { left: '7%', width: '38%', top: 100, bottom: 40, containLabel: true },
      { left: '55%', width: '38%', top: 100, bottom: 40, containLabel: true },
    ],
    xAxis: [
      { type: 'category', gridIndex: 0, data: names, ...axisStyle(theme) },
      { type: 'category', gridIndex: 1, data: names, ...axisStyle(theme) },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: 'cost', ...axisStyle(theme) },
      { type: 'value', gridIndex: 1, name: 'time (ms)', ...axisStyle(theme) },
    ],
    series: [
      bars([input.exactCost, input.heuristicCost], 0, 'cost', (v) => v.toPrecision(6)),
      bars([input.exactMs, input.heuristicMs], 1, 'time (ms)', formatMs),
    ],
  };
}
