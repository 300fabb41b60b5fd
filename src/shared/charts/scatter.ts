// Cluster scatter: one series per cluster (legend toggles clusters), centres drawn on top.
import type { EChartsOption, ScatterSeriesOption } from 'echarts';
import { axisStyle, baseOption, legendBlock, titleBlock } from './common.ts';
import { packedSeriesFields, packPoints } from './packed-points.ts';
import { chartTheme, clusterColor, clusterSymbol } from './palette.ts';
import { pca2, projectPoint } from './pca.ts';
import { sampleForDisplay } from './sample.ts';

/** More clusters than this and the legend would page: the plot labels the centres instead. */
export const LEGEND_MAX_CLUSTERS = 12;

export interface ClusterCenterPoint {
  x: number;
  y: number;
  label: number;
}

export interface ClusterScatterInput {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Cluster of each point, 0..k-1. */
  labels: ArrayLike<number>;
  centers: ClusterCenterPoint[];
  centerKind: 'centroid' | 'medoid';
  xName: string;
  yName: string;
  k: number;
  /** Points in the full dataset when x/y hold a display sample. */
  sampledFrom?: number;
  title?: string;
  dark?: boolean;
}

/** ECharts switches a scatter series to one batched path above this many points. */
export const LARGE_THRESHOLD = 2000;
/** Symbols that tell centroids (means) from medoids (real data points) apart at a glance. */
export const CENTER_SYMBOL = { centroid: 'diamond', medoid: 'triangle' } as const;

export function clusterSeriesName(label: number): string {
  return `cluster ${label}`;
}

/** Positions of each cluster's points, ascending (labels must be integers in 0..k-1). */
export function clusterPositions(labels: ArrayLike<number>, k: number): Int32Array[] {
  const counts = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= k) throw new RangeError(`clusterScatter: label ${c} of point ${i} is outside 0..${k - 1}`);
    counts[c]++;
  }
  const out = Array.from(counts, (m) => new Int32Array(m));
  const filled = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) out[labels[i]][filled[labels[i]]++] = i;
  return out;
}

export function clusterScatter(input: ClusterScatterInput): EChartsOption {
  const { x, y, labels, centers, centerKind, k } = input;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`clusterScatter: k must be a positive integer, got ${k}`);
  if (x.length !== y.length || x.length !== labels.length) {
    throw new RangeError(`clusterScatter: x, y and labels must have the same length (got ${x.length}, ${y.length}, ${labels.length})`);
  }
  const theme = chartTheme(input.dark);
  // Packed [x, y, position in the input] per cluster: the position lets a tooltip or selection find the point's row.
  const perCluster = clusterPositions(labels, k).map((positions) => packPoints(x, y, positions));
  const shown = x.length;
  const subtext =
    input.sampledFrom !== undefined && input.sampledFrom > shown
      ? `showing ${shown.toLocaleString('en-US')} of ${input.sampledFrom.toLocaleString('en-US')} points (sampled)`
      : `${shown.toLocaleString('en-US')} points`;
  const legendNote = k > LEGEND_MAX_CLUSTERS ? ' · cluster numbers at their centres' : '';

  const pointSeries: ScatterSeriesOption[] = perCluster.map((data, c) => ({
    type: 'scatter',
    name: clusterSeriesName(c),
    ...packedSeriesFields(data),
    symbol: clusterSymbol(c),
    symbolSize: shown > 20000 ? 3 : shown > LARGE_THRESHOLD ? 4 : 6,
    itemStyle: { color: clusterColor(c), opacity: 0.75 },
    large: true,
    largeThreshold: LARGE_THRESHOLD,
    // Progressive chunks can band or drop points in large scatters; draw everything in one pass.
    progressive: 0,
    emphasis: { disabled: true },
  }));

  const centerName = centerKind === 'centroid' ? 'centroids' : 'medoids';
  const centerSeries: ScatterSeriesOption = {
    type: 'scatter',
    name: centerName,
    data: centers.map((p) => ({
      value: [p.x, p.y],
      name: k > LEGEND_MAX_CLUSTERS ? String(p.label) : `${centerKind} of ${clusterSeriesName(p.label)}`,
      itemStyle: { color: clusterColor(p.label) },
    })),
    symbol: CENTER_SYMBOL[centerKind],
    symbolSize: 18,
    // The cluster number beside its centre: with many clusters this replaces the legend.
    label: { show: k > LEGEND_MAX_CLUSTERS, position: 'right', color: theme.text, fontSize: 11, formatter: '{b}' },
    itemStyle: { borderColor: theme.markerBorder, borderWidth: 2, color: theme.markerBorder },
    z: 10,
  };

  return {
    ...baseOption(theme),
    // No transitions: the points share one canvas layer with the axes, legend and centres, so any
    // animated element repaints all 20,000 points every frame (measured: ~20 full repaints, 4e5
    // rect calls, after each new result, the page's longest frame gap while k-means ran).
    animation: false,
    title: titleBlock(input.title ?? `Clusters (k = ${k})`, subtext + legendNote, theme),
    tooltip: { trigger: 'item' },
    // Up to 12 clusters the legend wraps onto a second line rather than paging ("1/2") in a narrow window.
    legend: k > LEGEND_MAX_CLUSTERS ? { show: false } : legendBlock(theme, { type: 'plain' }),
    grid: { left: 60, right: 30, top: 70, bottom: k > LEGEND_MAX_CLUSTERS ? 30 : k > 5 ? 80 : 60, containLabel: true },
    // Axes at the plot edges, not through 0, so they never cut through a cluster.
    xAxis: { type: 'value', name: input.xName, nameLocation: 'middle', nameGap: 28, scale: true, ...axisStyle(theme), axisLine: { onZero: false, lineStyle: { color: theme.axisLine } } },
    yAxis: { type: 'value', name: input.yName, nameLocation: 'middle', nameGap: 40, scale: true, ...axisStyle(theme), axisLine: { onZero: false, lineStyle: { color: theme.axisLine } } },
    series: [...pointSeries, centerSeries],
  };
}

export interface PrepareScatterInput {
  /** Row-major n×d data. */
  values: ArrayLike<number>;
  n: number;
  d: number;
  /** Feature names (length d), used as axis names when d ≤ 2. */
  columns: string[];
  labels: ArrayLike<number>;
  /** Centre coordinates in data space (centroids or medoid rows), k×d. */
  centers: number[][];
  centerKind: 'centroid' | 'medoid';
  /** Display at most this many points (default 20 000), sampled deterministically. */
  maxPoints?: number;
  seed?: number;
  title?: string;
  dark?: boolean;
}

/**
 * Turns data + clustering into a scatter input: the two features when d ≤ 2, otherwise the first
 * two principal components (centres projected with the same axes), sampled for display.
 */
export function prepareClusterScatter(input: PrepareScatterInput): ClusterScatterInput {
  const { values, n, d, labels, centers } = input;
  if (labels.length !== n) throw new RangeError(`prepareClusterScatter: ${labels.length} labels for ${n} rows`);
  const k = centers.length;
  const picked = sampleForDisplay(n, input.maxPoints ?? 20000, input.seed ?? 1);
  const x = new Float64Array(picked.length);
  const y = new Float64Array(picked.length);
  const shownLabels = new Int32Array(picked.length);
  let place: (point: ArrayLike<number>) => { x: number; y: number };
  let xName: string;
  let yName: string;
  if (d <= 2) {
    place = (p) => ({ x: p[0], y: d === 2 ? p[1] : 0 });
    xName = input.columns[0] ?? 'x1';
    yName = d === 2 ? (input.columns[1] ?? 'x2') : '';
    for (let r = 0; r < picked.length; r++) {
      const i = picked[r];
      x[r] = values[i * d];
      y[r] = d === 2 ? values[i * d + 1] : 0;
    }
  } else {
    // Fit the axes on the displayed sample: the same picture, a fraction of the cost on big data.
    const sample = new Float64Array(picked.length * d);
    for (let r = 0; r < picked.length; r++) for (let j = 0; j < d; j++) sample[r * d + j] = values[picked[r] * d + j];
    const proj = pca2(sample, picked.length, d);
    x.set(proj.x);
    y.set(proj.y);
    place = (p) => projectPoint(proj, p);
    xName = `PC1 (${(proj.explained[0] * 100).toFixed(1)}% of variance)`;
    yName = `PC2 (${(proj.explained[1] * 100).toFixed(1)}% of variance)`;
  }
  for (let r = 0; r < picked.length; r++) shownLabels[r] = labels[picked[r]];
  return {
    x,
    y,
    labels: shownLabels,
    centers: centers.map((c, label) => ({ ...place(c), label })),
    centerKind: input.centerKind,
    xName,
    yName,
    k,
    sampledFrom: n > picked.length ? n : undefined,
    title: input.title,
    dark: input.dark,
  };
}
