// EKM tree timeline: a Gantt chart, one row per worker, one bar per tree node (gen / merge / eval).
import type { CustomSeriesOption, CustomSeriesRenderItem, EChartsOption } from 'echarts';
import type { TreeNodeTiming } from '../types.ts';
import { axisStyle, baseOption, formatMs, legendBlock, titleBlock, uniqueSorted, type ChartCommonOptions } from './common.ts';
import { chartTheme, NODE_KIND_COLORS } from './palette.ts';

export const NODE_KINDS = ['gen', 'merge', 'eval'] as const;

/** One bar: [row, startMs, endMs, node id, label] with times relative to the earliest start. */
export type GanttDatum = [row: number, startMs: number, endMs: number, id: number, label: string];

export function workerRowName(workerId: number): string {
  return `worker ${workerId}`;
}

// Pure: uses only the api ECharts passes in, so the same function draws in the browser and in SSR.
const renderBar: CustomSeriesRenderItem = (_params, api) => {
  const row = api.value(0) as number;
  const from = api.coord([api.value(1), row]);
  const to = api.coord([api.value(2), row]);
  const height = (api.size?.([0, 1]) as number[])[1] * 0.6;
  return {
    type: 'rect',
    shape: { x: from[0], y: from[1] - height / 2, width: Math.max(1, to[0] - from[0]), height },
    style: { fill: api.visual('color') as string, stroke: 'rgba(0,0,0,0.35)', lineWidth: 0.5 },
  };
};

/** Bars per node kind, rows = distinct worker ids in ascending order. */
export function ganttData(timeline: TreeNodeTiming[]): { workers: number[]; bars: Record<(typeof NODE_KINDS)[number], GanttDatum[]>; spanMs: number } {
  const workers = uniqueSorted(timeline.map((t) => t.workerId));
  const origin = timeline.length ? Math.min(...timeline.map((t) => t.startMs)) : 0;
  const bars = { gen: [] as GanttDatum[], merge: [] as GanttDatum[], eval: [] as GanttDatum[] };
  let spanMs = 0;
  for (const t of timeline) {
    if (!(t.endMs >= t.startMs)) throw new RangeError(`ekmTimeline: node ${t.id} ends (${t.endMs}) before it starts (${t.startMs})`);
    bars[t.kind].push([workers.indexOf(t.workerId), t.startMs - origin, t.endMs - origin, t.id, t.label]);
    spanMs = Math.max(spanMs, t.endMs - origin);
  }
  return { workers, bars, spanMs };
}

export function ekmTimeline(timeline: TreeNodeTiming[], opts: ChartCommonOptions = {}): EChartsOption {
  const theme = chartTheme(opts.dark);
  const { workers, bars, spanMs } = ganttData(timeline);
  const series: CustomSeriesOption[] = NODE_KINDS.map((kind) => ({
    type: 'custom',
    name: kind,
    renderItem: renderBar,
    itemStyle: { color: NODE_KIND_COLORS[kind] },
    encode: { x: [1, 2], y: 0 },
    data: bars[kind],
    tooltip: {
      formatter: (p: unknown) => {
        const v = (p as { value: GanttDatum }).value;
        return `${kind} node ${v[3]}: ${String(v[4]).replace(/[<>&]/g, '')}<br/>${formatMs(v[1])} → ${formatMs(v[2])} (${formatMs(v[2] - v[1])})`;
      },
    },
  }));
  return {
    ...baseOption(theme),
    title: titleBlock(opts.title ?? 'EKM tree timeline', `${timeline.length} nodes on ${workers.length} worker${workers.length === 1 ? '' : 's'} · span ${formatMs(spanMs)}`, theme),
    tooltip: { trigger: 'item' },
    legend: legendBlock(theme, { data: [...NODE_KINDS] }),
    grid: { left: 80, right: 30, top: 70, bottom: 60, containLabel: true },
    xAxis: { type: 'value', name: 'time since start (ms)', nameLocation: 'middle', nameGap: 28, min: 0, ...axisStyle(theme) },
    yAxis: { type: 'category', data: workers.map(workerRowName), inverse: true, ...axisStyle(theme) },
    series,
  };
}
