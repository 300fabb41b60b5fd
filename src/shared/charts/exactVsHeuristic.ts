// Exact EKM vs a heuristic (PAM): cost and time side by side, the optimality gap in the title.
import type { BarSeriesOption, EChartsOption } from 'echarts';
import { axisStyle, baseOption, formatMs, legendBlock, titleBlock, type ChartCommonOptions } from './common.ts';
import { chartTheme, METHOD_COLORS } from './palette.ts';

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

/**
 * Two panels (cost, time), one bar per method in each. The methods are series with a legend and
 * their own colours (METHOD_COLORS), so no colour means something else elsewhere on the screen.
 */
export function exactVsHeuristic(input: ExactVsHeuristicInput): EChartsOption {
  const theme = chartTheme(input.dark);
  const names = [input.exactName ?? 'exact (EKM)', input.heuristicName ?? 'heuristic (PAM)'] as const;
  const gap = optimalityGapPercent(input.exactCost, input.heuristicCost);
  const gapText = gap === null ? 'optimality gap: undefined (exact cost is 0)' : `optimality gap ${gap.toFixed(2)}%`;
  const colors = [METHOD_COLORS.exact, METHOD_COLORS.heuristic];
  const bar = (method: 0 | 1, value: number, axis: number, fmt: (v: number) => string): BarSeriesOption => ({
    type: 'bar',
    name: names[method],
    xAxisIndex: axis,
    yAxisIndex: axis,
    data: [value],
    itemStyle: { color: colors[method] },
    barMaxWidth: 60,
    label: { show: true, position: 'top', color: theme.text, formatter: (p: unknown) => fmt((p as { value: number }).value) },
  });
  const cost = (v: number) => v.toPrecision(6);
  return {
    ...baseOption(theme),
    title: [
      titleBlock(input.title ?? `Exact vs heuristic — ${gapText}`, `exact time ${formatMs(input.exactMs)} · heuristic time ${formatMs(input.heuristicMs)}`, theme),
    ],
    tooltip: { trigger: 'item' },
    legend: legendBlock(theme, { data: [...names] }),
    grid: [
      { left: '7%', width: '38%', top: 100, bottom: 50, containLabel: true },
      { left: '55%', width: '38%', top: 100, bottom: 50, containLabel: true },
    ],
    xAxis: [
      { type: 'category', gridIndex: 0, data: ['cost'], ...axisStyle(theme) },
      { type: 'category', gridIndex: 1, data: ['time'], ...axisStyle(theme) },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: 'cost', ...axisStyle(theme) },
      { type: 'value', gridIndex: 1, name: 'time (ms)', ...axisStyle(theme) },
    ],
    series: [bar(0, input.exactCost, 0, cost), bar(1, input.heuristicCost, 0, cost), bar(0, input.exactMs, 1, formatMs), bar(1, input.heuristicMs, 1, formatMs)],
  };
}
