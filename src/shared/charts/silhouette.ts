// The silhouette plot as Orange draws it: one horizontal bar per point, grouped by cluster, each
// cluster's bars sorted from high to low, with the mean silhouette as a dashed line.
import type { BarSeriesOption, EChartsOption } from 'echarts';
import type { SilhouetteSummary } from '../analysis.ts';
import { axisStyle, baseOption, legendBlock, titleBlock, type ChartCommonOptions } from './common.ts';
import { chartTheme, clusterColor } from './palette.ts';

export function silhouettePlot(s: SilhouetteSummary, opts: ChartCommonOptions = {}): EChartsOption {
  const theme = chartTheme(opts.dark);
  const total = s.profile.reduce((sum, c) => sum + c.values.length, 0);
  // One category per drawn bar; one series per cluster so the legend names the clusters.
  let at = 0;
  const series: BarSeriesOption[] = s.profile.map((c, i) => {
    const data: (number | null)[] = new Array<number | null>(total).fill(null);
    c.values.forEach((v, j) => (data[at + j] = v));
    at += c.values.length;
    return {
      type: 'bar',
      name: `cluster ${c.label}`,
      stack: 'all',
      data,
      barCategoryGap: 0,
      itemStyle: { color: clusterColor(i) },
      large: true,
    };
  });
  if (series.length > 0) {
    series[0].markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { type: 'dashed', color: theme.text },
      label: { formatter: `mean ${s.mean.toFixed(3)}`, color: theme.text },
      data: [{ xAxis: s.mean }],
    };
  }
  const how = s.exact ? `exact, ${s.n} rows` : `estimated from ${s.sampleSize} of ${s.n} rows, 95% CI ${s.ci95![0].toFixed(3)} to ${s.ci95![1].toFixed(3)}`;
  const drawn = total < s.sampleSize ? `; ${total} of ${s.sampleSize} evaluated rows drawn (evenly spaced ranks)` : '';
  return {
    ...baseOption(theme),
    title: titleBlock(opts.title ?? 'Silhouette plot', `mean ${s.mean.toFixed(3)} (${how}${drawn})`, theme),
    legend: legendBlock(theme),
    grid: { left: 40, right: 40, top: 70, bottom: 60, containLabel: true },
    xAxis: { type: 'value', name: 'silhouette', nameLocation: 'middle', nameGap: 28, min: -1, max: 1, ...axisStyle(theme) },
    yAxis: { type: 'category', inverse: true, data: Array.from({ length: total }, (_, i) => i), ...axisStyle(theme), axisLabel: { show: false }, axisTick: { show: false } },
    series,
  };
}
