// Hand-built, realistic records for chart and report tests (the real engines are tested elsewhere).
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import type { Dataset } from '../../src/main/engine/dataset/dataset.ts';
import { createRng } from '../../src/main/engine/random.ts';
import type {
  ExperimentCell,
  ExperimentRecord,
  ExperimentResult,
  IterationRecord,
  MachineFacts,
  RunRecord,
  RuntimeModel,
  StoredEkmResult,
  TreeNodeTiming,
} from '../../src/shared/types.ts';

export const MACHINE: MachineFacts = {
  cpuModel: 'Test CPU @ 3.0GHz',
  logicalCores: 16,
  totalMemoryBytes: 32 * 2 ** 30,
  os: 'Linux 6.1 x64',
  node: '20.20.0',
  v8: '11.3',
  electron: null,
  appVersion: '0.1.0',
};

export function sqDist(values: ArrayLike<number>, i: number, d: number, c: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += (values[i * d + j] - c[j]) ** 2;
  return s;
}

/** A tiny, plain Lloyd loop (seed paper stop rule: < 1% of points change). */
export function tinyLloyd(ds: Dataset, k: number, maxIterations = 50) {
  const { n, d, values } = ds;
  const centroids = Array.from({ length: k }, (_, c) => Array.from(values.subarray(c * d, c * d + d)));
  const labels = new Array<number>(n).fill(-1);
  const history: IterationRecord[] = [];
  for (let it = 1; it <= maxIterations; it++) {
    let changed = 0;
    let inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const dd = sqDist(values, i, d, centroids[c]);
        if (dd < bestD) {
          bestD = dd;
          best = c;
        }
      }
      if (labels[i] !== best) changed++;
      labels[i] = best;
      inertia += bestD;
    }
    const sums = Array.from({ length: k }, () => new Array<number>(d).fill(0));
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      counts[labels[i]]++;
      for (let j = 0; j < d; j++) sums[labels[i]][j] += values[i * d + j];
    }
    for (let c = 0; c < k; c++) if (counts[c] > 0) centroids[c] = sums[c].map((s) => s / counts[c]);
    history.push({ iteration: it, changed, changedFraction: changed / n, inertia, elapsedMs: it * 1.5 });
    if (changed / n < 0.01) break;
  }
  return { labels, centroids, history };
}

export function kmeansFixture(opts: { n?: number; d?: number; k?: number; name?: string; features?: string[] } = {}) {
  const { n = 600, d = 2, k = 4 } = opts;
  const blobs = makeBlobs({ n, centers: k, d, seed: 7 });
  const ds = blobs.dataset;
  if (opts.features) ds.columns = opts.features;
  const fit = tinyLloyd(ds, k);
  const last = fit.history[fit.history.length - 1];
  const record: RunRecord = {
    schemaVersion: 1,
    id: 'run-kmeans-1',
    createdAt: '2025-01-02T03:04:05.000Z',
    title: `k-means k=${k} on blobs`,
    dataset: { name: opts.name ?? 'blobs.csv', path: '/data/blobs.csv', hash: 'ab'.repeat(32), rows: n, d, features: ds.columns, scaling: 'none' },
    machine: MACHINE,
    kind: 'run',
    result: {
      algorithm: 'kmeans',
      params: { k, init: 'kmeans++', nInit: 1, seed: 42, changedFraction: 0.01, tolerance: 1e-4, maxIterations: 50, workers: 2 },
      labels: fit.labels,
      centroids: fit.centroids,
      inertia: last.inertia,
      iterations: fit.history.length,
      stopReason: 'changed-fraction',
      history: fit.history,
      workers: 2,
      timings: { totalMs: 12.5, initMs: 1.25, iterateMs: 11.25, perIterationMs: 11.25 / fit.history.length },
      bestRestart: 0,
      warnings: [],
    },
  };
  return { record, dataset: ds, fit };
}

/** Brute-force exact k-medoids on a tiny dataset (an oracle, not the engine). */
export function bruteForceMedoids(ds: Dataset, k: number): { medoids: number[]; cost: number; labels: number[] } {
  const { n, d, values } = ds;
  let best = { medoids: [] as number[], cost: Infinity, labels: [] as number[] };
  const combo: number[] = [];
  const visit = (start: number) => {
    if (combo.length === k) {
      let cost = 0;
      const labels: number[] = [];
      for (let i = 0; i < n; i++) {
        let bd = Infinity;
        let bl = 0;
        combo.forEach((m, c) => {
          const dd = sqDist(values, i, d, values.subarray(m * d, m * d + d));
          if (dd < bd) {
            bd = dd;
            bl = c;
          }
        });
        cost += bd;
        labels.push(bl);
      }
      if (cost < best.cost) best = { medoids: [...combo], cost, labels };
      return;
    }
    for (let m = start; m < n; m++) {
      combo.push(m);
      visit(m + 1);
      combo.pop();
    }
  };
  visit(0);
  return best;
}

export function ekmTimelineFixture(): TreeNodeTiming[] {
  return [
    { id: 0, kind: 'gen', label: 'gen [0..6)', workerId: 0, startMs: 100, endMs: 104, children: [] },
    { id: 1, kind: 'gen', label: 'gen [6..12)', workerId: 1, startMs: 100.5, endMs: 105, children: [] },
    { id: 2, kind: 'eval', label: 'eval left', workerId: 0, startMs: 104, endMs: 110, children: [] },
    { id: 3, kind: 'eval', label: 'eval right', workerId: 1, startMs: 105, endMs: 109, children: [] },
    { id: 4, kind: 'merge', label: 'merge <root>', workerId: 0, startMs: 110, endMs: 111, children: [2, 3] },
  ];
}

export function ekmFixture() {
  const k = 3;
  const ds = makeBlobs({ n: 12, centers: k, d: 3, seed: 3 }).dataset;
  const exact = bruteForceMedoids(ds, k);
  const medoidCoordinates = exact.medoids.map((m) => Array.from(ds.values.subarray(m * ds.d, m * ds.d + ds.d)));
  const result: StoredEkmResult = {
    algorithm: 'ekm',
    params: { k, variant: 'tree', distance: 'sqeuclidean', workers: 2, leafLength: 6 },
    medoids: exact.medoids,
    medoidCoordinates,
    labels: exact.labels,
    cost: exact.cost,
    combinationsEvaluated: 220,
    timings: { totalMs: 11 },
    timeline: ekmTimelineFixture(),
  };
  const heuristic: StoredEkmResult = {
    ...result,
    algorithm: 'pam',
    params: { ...result.params, variant: 'sequential', workers: 1 },
    cost: exact.cost * 1.05,
    combinationsEvaluated: 40,
    timings: { totalMs: 0.8 },
    timeline: [],
  };
  const record: RunRecord = {
    schemaVersion: 1,
    id: 'run-ekm-1',
    createdAt: '2025-01-02T03:04:05.000Z',
    title: 'EKM k=3',
    dataset: { name: 'tiny.csv', path: '/data/tiny.csv', hash: 'cd'.repeat(32), rows: 12, d: 3, features: ['a', 'b', 'c'], scaling: 'zscore' },
    machine: MACHINE,
    kind: 'run',
    result,
    heuristic,
  };
  return { record, dataset: ds, exact };
}

const TRUE_P = 0.9;

/** Least-squares line through (x, y). */
function leastSquares(xs: number[], ys: number[]): { a: number; b: number; r2: number } {
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const a = sxy / sxx;
  return { a, b: my - a * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

function fitLinear(cells: ExperimentCell[]): RuntimeModel {
  return { kind: 'linear', ...leastSquares(cells.map((c) => c.n), cells.map((c) => c.medianMs)) };
}

/** t = a·n^b by a line in log–log space. */
function fitPower(cells: ExperimentCell[]): RuntimeModel {
  const l = leastSquares(cells.map((c) => Math.log(c.n)), cells.map((c) => Math.log(c.medianMs)));
  return { kind: 'power', a: Math.exp(l.b), b: l.a, r2: l.r2 };
}

/** Amdahl parallel fraction by grid search (fine enough for a fixture). */
function fitAmdahl(cells: ExperimentCell[]): { parallelFraction: number; rmse: number } {
  let best = { parallelFraction: 0, rmse: Infinity };
  for (let i = 0; i <= 1000; i++) {
    const p = i / 1000;
    const err = cells.reduce((s, c) => s + (c.speedup - 1 / (1 - p + p / c.workers)) ** 2, 0);
    const rmse = Math.sqrt(err / cells.length);
    if (rmse < best.rmse) best = { parallelFraction: p, rmse };
  }
  return best;
}

/**
 * Plausible k-means scaling numbers: Amdahl with p = 0.9 plus overhead and seeded noise. With
 * `ceiling`, a measured machine ceiling of 0.81·P (P runs at once take 11.1/9 of the serial time).
 */
export function experimentFixture(opts: { ks?: number[]; mismatch?: boolean; ceiling?: boolean } = {}): ExperimentRecord {
  const ks = opts.ks ?? [10, 20];
  const sizes = [10_000, 100_000, 1_000_000];
  const workers = [0, 1, 2, 4, 8];
  const rng = createRng(5);
  const cells: ExperimentCell[] = [];
  for (const k of ks) {
    for (const n of sizes) {
      const serial = n * k * 2e-5; // ms
      for (const w of workers) {
        const ideal = w === 0 ? serial : serial * (1 - TRUE_P + TRUE_P / w) + 0.5 * w;
        const timesMs = [0, 1, 2].map(() => ideal * (1 + (rng() - 0.5) * 0.04));
        const sorted = [...timesMs].sort((a, b) => a - b);
        cells.push({ n, k, workers: w, timesMs, medianMs: sorted[1], minMs: sorted[0], maxMs: sorted[2], speedup: 0, efficiency: 0, answerMatches: true });
      }
    }
  }
  for (const c of cells) {
    const serial = cells.find((s) => s.n === c.n && s.k === c.k && s.workers === 0)!;
    c.speedup = serial.medianMs / c.medianMs;
    c.efficiency = c.speedup / Math.max(1, c.workers);
    // Keys in the order the engine and the JSON schema write them, so a round trip keeps the bytes.
    if (opts.ceiling && c.workers >= 2) {
      const together = [10, 11.1, 12].map((t) => (t * serial.medianMs) / 9);
      c.ceilingSpeedup = (c.workers * serial.medianMs) / together[1];
      c.ofCeiling = c.speedup / c.ceilingSpeedup;
      c.ceilingTimesMs = together;
    }
  }
  const mismatches: string[] = [];
  if (opts.mismatch) {
    const bad = cells.find((c) => c.workers === 4)!;
    bad.answerMatches = false;
    bad.answerNote = '3 labels differ from serial';
    mismatches.push(`N=${bad.n}, k=${bad.k}, 4 workers: 3 labels differ from serial`);
  }
  const result: ExperimentResult = {
    spec: {
      algorithm: 'kmeans',
      kmeans: { k: ks[0], init: 'kmeans++', nInit: 1, seed: 1, changedFraction: 0.01, tolerance: 0, maxIterations: 100, workers: 1 },
      workers,
      sizes,
      ks,
      repeats: 3,
      warmup: true,
      seed: 1,
      ...(opts.ceiling ? { ceiling: true } : {}),
    },
    cells,
    fits: ks.flatMap((k) => sizes.map((n) => ({ n, k, amdahl: fitAmdahl(cells.filter((c) => c.k === k && c.n === n && c.workers > 0)), gustafson: { serialFraction: 0.12, rmse: 0.05 } }))),
    runtimeModels: ks.flatMap((k) =>
      workers.map((w) => {
        const own = cells.filter((c) => c.k === k && c.workers === w);
        return { k, workers: w, linear: fitLinear(own), power: fitPower(own) };
      }),
    ),
    mismatches,
    totalMs: 45_000,
    cancelled: false,
  };
  return {
    schemaVersion: 1,
    id: 'exp-1',
    createdAt: '2025-01-02T03:04:05.000Z',
    title: 'k-means scaling',
    dataset: { name: 'blobs-1e6.csv', path: '/data/blobs-1e6.csv', hash: 'ef'.repeat(32), rows: 1_000_000, d: 2, features: ['x1', 'x2'], scaling: 'none' },
    machine: MACHINE,
    kind: 'experiment',
    experiment: result,
  };
}
