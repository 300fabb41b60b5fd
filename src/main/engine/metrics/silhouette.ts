// Silhouette of a clustering, exact up to SILHOUETTE_EXACT_LIMIT points, estimated above.
//
// Exact: every point's silhouette (O(n²·d)), points cut into blocks spread over the pool's
// workers; the mean is folded on the calling thread in point order, so it is the same number for
// every worker count. Estimated: a seeded uniform sample of points, each evaluated exactly against
// *all* n points (not sklearn's sample_size, which also shrinks the reference set and so biases
// the score), with a 95 % normal-approximation confidence interval (finite-population corrected).
import type { ClusterSilhouetteSummary, SilhouetteSummary } from '../../../shared/analysis.ts';
import { datasetHandle, type Dataset } from '../dataset/dataset.ts';
import { CancelledError, type CancelToken } from '../pool/cancel.ts';
import type { WorkerPool } from '../pool/pool.ts';
import { createRng, sampleDistinct } from '../random.ts';
import type { SilhouetteBlockPayload } from './handlers.ts';
import { clusterCodes, type ClusterCodes } from './cluster-codes.ts';
import type { Labels } from './labels.ts';
import { silhouetteOfPoints } from './silhouette-kernel.ts';

/** Largest n computed exactly by default: n² = 4·10⁸ distances, a few seconds on one core. */
export const SILHOUETTE_EXACT_LIMIT = 20_000;
/** Distance evaluations an estimate may spend by default (sample size × n). */
const SAMPLE_BUDGET = 4e8;
const MIN_SAMPLE = 1_000;
const Z95 = 1.959963984540054;

export interface SilhouetteOptions {
  /** Pool to spread the blocks over; omitted or workers = 0: the calling thread. */
  pool?: WorkerPool;
  workers?: number;
  firstSlot?: number;
  token?: CancelToken;
  /** Compute exactly when n ≤ this (default SILHOUETTE_EXACT_LIMIT). */
  exactLimit?: number;
  /** Points to evaluate when estimating (default: max(1000, 4·10⁸ / n), at most n). */
  sampleSize?: number;
  /** Seed of the sample (default 0). */
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

/** One cluster's silhouette: the same shape records carry (shared/analysis.ts). */
export type ClusterSilhouette = ClusterSilhouetteSummary;

/** The summary records carry, with the per-point values instead of the thinned plot profile. */
export interface SilhouetteResult extends Omit<SilhouetteSummary, 'profile'> {
  /** Indices of the evaluated points, ascending (all rows when exact). */
  points: Int32Array;
  /** Silhouette of each evaluated point, in `points` order. */
  values: Float64Array;
}

export async function silhouette(ds: Dataset, labels: Labels, opts: SilhouetteOptions = {}): Promise<SilhouetteResult> {
  const t0 = performance.now();
  const cc = clusterCodes(ds, labels);
  const exactLimit = opts.exactLimit ?? SILHOUETTE_EXACT_LIMIT;
  const exact = opts.sampleSize === undefined ? ds.n <= exactLimit : opts.sampleSize >= ds.n;
  const points = exact ? Int32Array.from({ length: ds.n }, (_, i) => i) : samplePoints(ds.n, opts);
  const workers = opts.pool ? Math.max(0, opts.workers ?? opts.pool.size) : 0;
  const values = workers === 0 ? inThread(ds, cc, points, opts) : await onPool(ds, cc, points, workers, opts);
  return { ...summarise(cc, points, values, exact, opts), n: ds.n, workers, ms: performance.now() - t0 };
}

function samplePoints(n: number, opts: SilhouetteOptions): Int32Array {
  const size = opts.sampleSize ?? Math.min(n, Math.max(MIN_SAMPLE, Math.floor(SAMPLE_BUDGET / n)));
  if (!Number.isInteger(size) || size < 2) throw new RangeError(`silhouette sample size must be an integer ≥ 2, got ${size}`);
  const picked = sampleDistinct(createRng(opts.seed ?? 0), n, size);
  return Int32Array.from(picked).sort();
}

function inThread(ds: Dataset, cc: ClusterCodes, points: Int32Array, opts: SilhouetteOptions): Float64Array {
  const cancel = opts.token ? new Int32Array(opts.token.buffer) : undefined;
  const input = { values: ds.values, n: ds.n, d: ds.d, codes: cc.codes, sizes: cc.sizes };
  const out = new Float64Array(points.length);
  const step = Math.max(1, Math.ceil(points.length / 20));
  for (let s = 0; s < points.length; s += step) {
    out.set(silhouetteOfPoints(input, points.subarray(s, s + step), cancel), s);
    opts.onProgress?.(Math.min(points.length, s + step), points.length);
  }
  return out;
}

async function onPool(ds: Dataset, cc: ClusterCodes, points: Int32Array, workers: number, opts: SilhouetteOptions): Promise<Float64Array> {
  const pool = opts.pool!;
  const firstSlot = opts.firstSlot ?? 0;
  pool.reserveSlots(firstSlot, workers);
  pool.shareDataset(datasetHandle(ds));
  const codes = new SharedArrayBuffer(Math.max(4, ds.n * 4));
  new Int32Array(codes, 0, ds.n).set(cc.codes);
  // Several blocks per worker so a slow worker does not hold up the end; values do not depend on it.
  const blocks = Math.min(points.length, workers * 8);
  const per = Math.ceil(points.length / blocks);
  const out = new Float64Array(points.length);
  let done = 0;
  const tasks: Promise<void>[] = [];
  for (let b = 0, s = 0; s < points.length; b++, s += per) {
    const block = points.slice(s, s + per);
    const payload: SilhouetteBlockPayload = { datasetId: ds.id, codes, sizes: Array.from(cc.sizes), points: block, cancel: opts.token?.buffer };
    tasks.push(
      pool.runOn<Float64Array>(firstSlot + (b % workers), 'metrics:silhouette-block', payload).then((v) => {
        out.set(v, s);
        done += v.length;
        opts.onProgress?.(done, points.length);
      }),
    );
  }
  const settled = await Promise.allSettled(tasks);
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw opts.token?.cancelled ? new CancelledError(opts.token.reason) : failure.reason;
  return out;
}

function summarise(cc: ClusterCodes, points: Int32Array, values: Float64Array, exact: boolean, opts: SilhouetteOptions) {
  const k = cc.sizes.length;
  const sums = new Float64Array(k);
  const counts = new Int32Array(k);
  let total = 0;
  for (let q = 0; q < points.length; q++) {
    const c = cc.codes[points[q]];
    sums[c] += values[q];
    counts[c]++;
    total += values[q];
  }
  const m = points.length;
  const mean = total / m;
  const perCluster = cc.labels.map((label, c) => ({ label, size: cc.sizes[c], evaluated: counts[c], mean: counts[c] ? sums[c] / counts[c] : NaN }));
  if (exact) return { mean, exact, sampleSize: m, perCluster, points, values };
  let sq = 0;
  for (let q = 0; q < m; q++) sq += (values[q] - mean) ** 2;
  const n = cc.codes.length;
  const se = Math.sqrt(sq / (m - 1) / m) * Math.sqrt((n - m) / (n - 1));
  const ci95: [number, number] = [mean - Z95 * se, mean + Z95 * se];
  return { mean, exact, sampleSize: m, seed: opts.seed ?? 0, ci95, perCluster, points, values };
}

