// Core-scaling charts from an experiment: speedup (with Amdahl fits), efficiency, runtime vs N.
import type { EChartsOption, LineSeriesOption } from 'echarts';
import { hasCeiling, singleCopyWorkers } from '../ceiling.ts';
import type { ExperimentCell, ExperimentResult, RuntimeModel } from '../types.ts';
import { axisStyle, baseOption, formatCount, legendBlock, titleBlock, uniqueSorted, type ChartCommonOptions } from './common.ts';
import { chartTheme, seriesColor } from './palette.ts';

export interface ScalingChartOptions extends ChartCommonOptions {
  /** Only cells with this k; default: every k (series are then named with k too). */
  k?: number;
}

/** Amdahl's law: speedup on P workers when a fraction p of the work parallelises perfectly. */
export function amdahlSpeedup(parallelFraction: number, workers: number): number {
  return 1 / (1 - parallelFraction + parallelFraction / workers);
}

/** Runtime model value t(n) in ms: linear a·n + b, power a·n^b. */
export function runtimeModelAt(model: RuntimeModel, n: number): number {
  return model.kind === 'linear' ? model.a * n + model.b : model.a * n ** model.b;
}

/** Legend name of the machine ceiling's lines (one entry for every N: they share its colours). */
export const CEILING_SERIES_NAME = 'machine ceiling';

interface Group {
  n: number;
  k: number;
  cells: ExperimentCell[];
}

/** Parallel cells (workers ≥ 1) grouped by (n, k), sorted by n then k, each sorted by workers. */
function parallelGroups(result: ExperimentResult, k: number | undefined): Group[] {
  const groups = new Map<string, Group>();
  for (const c of result.cells) {
    if (c.workers < 1 || (k !== undefined && c.k !== k)) continue;
    const key = `${c.n}/${c.k}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { n: c.n, k: c.k, cells: [] }));
    g.cells.push(c);
  }
  const out = [...groups.values()].sort((a, b) => a.n - b.n || a.k - b.k);
  for (const g of out) g.cells.sort((a, b) => a.workers - b.workers);
  return out;
}

function groupName(g: Group, showK: boolean): string {
  return showK ? `N=${formatCount(g.n)}, k=${g.k}` : `N=${formatCount(g.n)}`;
}

function shownKs(result: ExperimentResult, k: number | undefined): number[] {
  return k !== undefined ? [k] : uniqueSorted(result.cells.map((c) => c.k));
}

function subtitleFor(result: ExperimentResult, k: number | undefined, extra: string): string {
  const ks = shownKs(result, k);
  const kText = ks.length === 1 ? `k = ${ks[0]}` : `k ∈ {${ks.join(', ')}}`;
  return `${result.spec.algorithm} · ${kText} · ${extra}`;
}

/** Points of a smooth curve f over [from, to]: every integer plus evenly spaced points in between. */
function curve(from: number, to: number, f: (x: number) => number, steps = 60): [number, number][] {
  const xs = new Set<number>();
  for (let i = 0; i <= steps; i++) xs.add(from + ((to - from) * i) / steps);
  for (let v = Math.ceil(from); v <= to; v++) xs.add(v);
  return [...xs].sort((a, b) => a - b).map((x) => [x, f(x)]);
}

/**
 * The measured machine ceiling of a group (null when not measured), dashed with triangles in the
 * group's colour. At P = 1 it starts from the speedup of one copy alone (ceiling.ts): the serial
 * cell's 1 for k-means, the 1-worker cell's speedup for EKM (its copies are 1-worker pool runs).
 */
function ceilingSeries(result: ExperimentResult, g: Group, color: string): LineSeriesOption | null {
  const points = g.cells.flatMap((c) => (c.ceilingSpeedup === undefined ? [] : [[c.workers, c.ceilingSpeedup] as [number, number]]));
  if (!points.length) return null;
  const oneCopy = result.cells.find((c) => c.n === g.n && c.k === g.k && c.workers === singleCopyWorkers(result.spec.algorithm));
  return {
    type: 'line',
    name: CEILING_SERIES_NAME,
    data: [...(oneCopy ? [[1, oneCopy.speedup] as [number, number]] : []), ...points],
    symbol: 'triangle',
    symbolSize: 8,
    lineStyle: { type: 'dashed', width: 2, color },
    itemStyle: { color },
  };
}

export function speedupChart(result: ExperimentResult, opts: ScalingChartOptions = {}): EChartsOption {
  const theme = chartTheme(opts.dark);
  const groups = parallelGroups(result, opts.k);
  const showK = shownKs(result, opts.k).length > 1;
  const maxP = Math.max(1, ...groups.flatMap((g) => g.cells.map((c) => c.workers)));
  const series: LineSeriesOption[] = [];
  groups.forEach((g, i) => {
    const color = seriesColor(i);
    series.push({
      type: 'line',
      name: groupName(g, showK),
      data: g.cells.map((c) => [c.workers, c.speedup]),
      itemStyle: { color },
      symbolSize: 7,
    });
    const fit = result.fits.find((f) => f.n === g.n && f.k === g.k)?.amdahl;
    if (fit) {
      series.push({
        type: 'line',
        name: `Amdahl ${groupName(g, showK)} (p = ${fit.parallelFraction.toFixed(3)})`,
        data: curve(1, maxP, (p) => amdahlSpeedup(fit.parallelFraction, p)),
        showSymbol: false,
        smooth: false,
        lineStyle: { type: 'dashed', width: 1.5, color },
        itemStyle: { color },
      });
    }
    const ceiling = ceilingSeries(result, g, color);
    if (ceiling) series.push(ceiling);
  });
  series.push({
    type: 'line',
    name: 'ideal (S = P)',
    data: [
      [1, 1],
      [maxP, maxP],
    ],
    showSymbol: false,
    lineStyle: { type: 'dotted', color: theme.axisLine },
    itemStyle: { color: theme.axisLine },
  });
  // With a ceiling the key needs a second subtitle line, and the legend wraps instead of scrolling.
  const ceiling = hasCeiling(result);
  // Two short lines: one long line was cut off in a half-width card at 1280 px.
  const key = `speedup = serial / parallel median\ndashed: Amdahl fit${ceiling ? ' · dashed ▲: machine ceiling' : ''}`;
  return {
    ...baseOption(theme),
    title: titleBlock(opts.title ?? 'Speedup vs workers', subtitleFor(result, opts.k, key), theme),
    tooltip: { trigger: 'item' },
    // Fitted curves share their measurement's colour; listing them too would crowd the legend.
    legend: legendBlock(theme, {
      data: [...new Set(series.filter((s) => !String(s.name).startsWith('Amdahl')).map((s) => String(s.name)))],
      ...(ceiling ? { type: 'plain' } : {}),
    }),
    grid: { left: 60, right: 30, top: 90, bottom: ceiling ? 90 : 70, containLabel: true },
    xAxis: { type: 'value', name: 'workers (processes)', nameLocation: 'middle', nameGap: 28, min: 1, max: maxP, minInterval: 1, ...axisStyle(theme) },
    yAxis: { type: 'value', name: 'speedup', min: 0, ...axisStyle(theme) },
    series,
  };
}

export function efficiencyChart(result: ExperimentResult, opts: ScalingChartOptions = {}): EChartsOption {
  const theme = chartTheme(opts.dark);
  const groups = parallelGroups(result, opts.k);
  const showK = shownKs(result, opts.k).length > 1;
  const maxP = Math.max(1, ...groups.flatMap((g) => g.cells.map((c) => c.workers)));
  const series: LineSeriesOption[] = groups.map((g, i) => ({
    type: 'line',
    name: groupName(g, showK),
    data: g.cells.map((c) => [c.workers, c.efficiency]),
    itemStyle: { color: seriesColor(i) },
    symbolSize: 7,
  }));
  series.push({
    type: 'line',
    name: 'ideal (E = 1)',
    data: [
      [1, 1],
      [maxP, 1],
    ],
    showSymbol: false,
    lineStyle: { type: 'dotted', color: theme.axisLine },
    itemStyle: { color: theme.axisLine },
  });
  return {
    ...baseOption(theme),
    title: titleBlock(opts.title ?? 'Parallel efficiency', subtitleFor(result, opts.k, 'efficiency = speedup / workers'), theme),
    tooltip: { trigger: 'item' },
    legend: legendBlock(theme),
    grid: { left: 60, right: 30, top: 70, bottom: 70, containLabel: true },
    xAxis: { type: 'value', name: 'workers (processes)', nameLocation: 'middle', nameGap: 28, min: 1, max: maxP, minInterval: 1, ...axisStyle(theme) },
    yAxis: { type: 'value', name: 'efficiency', min: 0, ...axisStyle(theme) },
    series,
  };
}

export function workersName(workers: number): string {
  return workers === 0 ? 'serial' : `${workers} worker${workers === 1 ? '' : 's'}`;
}

/** Median runtime against N, one line per worker count, with the fitted linear and power models dashed/dotted. */
export function runtimeVsN(result: ExperimentResult, opts: ScalingChartOptions = {}): EChartsOption {
  const theme = chartTheme(opts.dark);
  const ks = shownKs(result, opts.k);
  const showK = ks.length > 1;
  const cells = result.cells.filter((c) => ks.includes(c.k));
  const ns = uniqueSorted(cells.map((c) => c.n));
  const minN = ns[0] ?? 1;
  const maxN = ns[ns.length - 1] ?? 1;
  const positive = cells.every((c) => c.n > 0 && c.medianMs > 0);
  const logScale = positive && maxN / minN >= 20;
  const keys = uniqueSorted(cells.map((c) => c.workers));
  const series: LineSeriesOption[] = [];
  const measuredNames: string[] = [];
  let colorIndex = 0;
  for (const k of ks) {
    for (const w of keys) {
      const own = cells.filter((c) => c.k === k && c.workers === w).sort((a, b) => a.n - b.n);
      if (own.length === 0) continue;
      const color = seriesColor(colorIndex++);
      const name = showK ? `${workersName(w)}, k=${k}` : workersName(w);
      series.push({ type: 'line', name, data: own.map((c) => [c.n, c.medianMs]), itemStyle: { color }, symbolSize: 7 });
      measuredNames.push(name);
      const models = result.runtimeModels.find((m) => m.k === k && m.workers === w);
      for (const model of [models?.linear, models?.power]) {
        if (!model) continue;
        // Sample in log space so the curve is smooth on a log axis; drop non-positive values there.
        const data = curve(Math.log(minN), Math.log(maxN), (t) => runtimeModelAt(model, Math.exp(t)), 40)
          .map(([t, v]) => [Math.exp(t), v] as [number, number])
          .filter(([, v]) => Number.isFinite(v) && (!logScale || v > 0));
        series.push({
          type: 'line',
          name: `${name} ${model.kind} fit (R² = ${model.r2.toFixed(3)})`,
          data,
          showSymbol: false,
          lineStyle: { type: model.kind === 'linear' ? 'dashed' : 'dotted', width: 1.5, color },
          itemStyle: { color },
        });
      }
    }
  }
  const axisType = logScale ? ('log' as const) : ('value' as const);
  return {
    ...baseOption(theme),
    title: titleBlock(opts.title ?? 'Runtime vs N', subtitleFor(result, opts.k, 'median wall time; fits: linear t = a·N + b (dashed), power t = a·N^b (dotted)'), theme),
    tooltip: { trigger: 'item' },
    legend: legendBlock(theme, { data: measuredNames }),
    grid: { left: 70, right: 30, top: 70, bottom: 80, containLabel: true },
    xAxis: { type: axisType, name: 'N (points)', nameLocation: 'middle', nameGap: 28, ...axisStyle(theme) },
    yAxis: { type: axisType, name: 'median time (ms)', ...axisStyle(theme) },
    series,
  };
}

export interface SpeedupTable {
  k: number;
  /** Row headers: worker (process) counts ≥ 1. */
  workers: number[];
  /** Column headers: dataset sizes. */
  sizes: number[];
  /** speedups[row][col]; null where the cell was not measured. */
  speedups: (number | null)[][];
}

/** The seed paper's table layout: rows = processes, columns = N, one table per k. */
export function speedupTables(result: ExperimentResult): SpeedupTable[] {
  return shownKs(result, undefined).map((k) => {
    const cells = result.cells.filter((c) => c.k === k && c.workers >= 1);
    const workers = uniqueSorted(cells.map((c) => c.workers));
    const sizes = uniqueSorted(cells.map((c) => c.n));
    const speedups = workers.map((w) => sizes.map((n) => cells.find((c) => c.workers === w && c.n === n)?.speedup ?? null));
    return { k, workers, sizes, speedups };
  });
}
