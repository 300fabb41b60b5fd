// Box plots of one feature by cluster, from a cluster profile (shared/profiles.ts): the whole data
// first, then each non-empty cluster in its cluster colour. Box Q1–Q3 with the median, Tukey
// whiskers (most extreme values within 1.5 × IQR), and the minimum and maximum as points when
// they lie beyond the whiskers (the profile keeps five numbers per group, not every outlier).
import type { BoxplotSeriesOption, EChartsOption, ScatterSeriesOption } from 'echarts';
import type { ClusterProfiles, ProfileStats } from '../profiles.ts';
import { axisStyle, baseOption, titleBlock, type ChartCommonOptions } from './common.ts';
import { chartTheme, clusterColor } from './palette.ts';

/** Most box plots a view or report draws (one per feature); the table has every feature. */
export const PROFILE_CHARTS_MAX = 12;

const num = (v: number) => String(Number(v.toPrecision(4)));

/** #rrggbb at `alpha`: a box fill that lets the grid show through on light and dark backgrounds. */
function translucent(hex: string, alpha: number): string {
  const v = parseInt(hex.slice(1), 16);
  return `rgba(${(v >> 16) & 255}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}

function statsText(s: ProfileStats, count: number): string {
  const beyond = s.outliersBelow + s.outliersAbove;
  return `(${count} rows): median ${num(s.median)}, box ${num(s.q1)} to ${num(s.q3)}, whiskers ${num(s.lowerWhisker)} to ${num(s.upperWhisker)}, min ${num(s.min)}, max ${num(s.max)}${beyond ? `, ${beyond} beyond the whiskers` : ''}`;
}

export interface BoxGroup {
  name: string;
  color: string;
  count: number;
  stats: ProfileStats;
}

/** Groups drawn for feature j: whole data, then the clusters that have rows. */
export function boxGroups(p: ClusterProfiles, j: number, dark = false): BoxGroup[] {
  const f = p.features[j];
  const groups: BoxGroup[] = [{ name: 'whole data', color: chartTheme(dark).subtext, count: p.n, stats: f.whole }];
  f.clusters.forEach((s, c) => {
    if (s) groups.push({ name: `cluster ${p.clusters[c].label}`, color: clusterColor(c), count: p.clusters[c].count, stats: s });
  });
  return groups;
}

/** A sentence per group, for the text alternative and tooltips. */
export function boxplotSentences(p: ClusterProfiles, j: number): string[] {
  return boxGroups(p, j).map((g) => `${g.name} ${statsText(g.stats, g.count)}.`);
}

export function profileBoxplot(p: ClusterProfiles, j: number, opts: ChartCommonOptions = {}): EChartsOption {
  const theme = chartTheme(opts.dark);
  const groups = boxGroups(p, j, opts.dark);
  const boxes: BoxplotSeriesOption = {
    type: 'boxplot',
    name: p.features[j].feature,
    data: groups.map((g) => ({
      name: g.name,
      value: [g.stats.lowerWhisker, g.stats.q1, g.stats.median, g.stats.q3, g.stats.upperWhisker],
      itemStyle: { color: translucent(g.color, 0.35), borderColor: g.color, borderWidth: 1.5 },
    })),
    tooltip: {
      formatter: (x: unknown) => {
        const g = groups[(x as { dataIndex: number }).dataIndex];
        return `${g.name}<br>${statsText(g.stats, g.count)}`;
      },
    },
  };
  const extremes: [number, number][] = [];
  groups.forEach((g, i) => {
    if (g.stats.min < g.stats.lowerWhisker) extremes.push([i, g.stats.min]);
    if (g.stats.max > g.stats.upperWhisker) extremes.push([i, g.stats.max]);
  });
  const points: ScatterSeriesOption = {
    type: 'scatter',
    name: 'min / max beyond the whiskers',
    data: extremes,
    symbolSize: 7,
    itemStyle: { color: theme.text },
    tooltip: {
      formatter: (x: unknown) => {
        const [i, v] = (x as { value: [number, number] }).value;
        return `${groups[i].name}: ${v === groups[i].stats.min ? 'min' : 'max'} ${num(v)}`;
      },
    },
  };
  return {
    ...baseOption(theme),
    title: titleBlock(opts.title ?? p.features[j].feature, 'original units; box Q1–Q3, line = median, whiskers ≤ 1.5 × IQR', theme),
    tooltip: { trigger: 'item', confine: true },
    grid: { left: 20, right: 20, top: 84, bottom: 30, containLabel: true },
    xAxis: { type: 'category', data: groups.map((g) => g.name), ...axisStyle(theme), splitLine: { show: false } },
    yAxis: { type: 'value', name: p.features[j].feature, scale: true, ...axisStyle(theme) },
    series: extremes.length ? [boxes, points] : [boxes],
  };
}
