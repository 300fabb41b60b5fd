// Initial centroids: random rows (the seed paper), greedy k-means++ (as scikit-learn), or given.
import { createRng, sampleDistinct } from '../random.ts';

export interface InitData {
  values: Float64Array;
  n: number;
  d: number;
}

/** Independent, reproducible stream for restart r of a run with this seed. */
export function restartSeed(seed: number, restart: number): number {
  return (Math.imul(restart + 1, 0x9e3779b9) ^ seed) >>> 0;
}

/** k distinct rows chosen uniformly (distinct rows may still hold identical values). */
export function randomRowsInit(data: InitData, k: number, rng: () => number): Float64Array {
  const out = new Float64Array(k * data.d);
  sampleDistinct(rng, data.n, k).forEach((row, j) => copyRow(data, row, out, j));
  return out;
}

/**
 * Greedy k-means++ (Arthur & Vassilvitskii; scikit-learn's variant): each new centre is the best,
 * by resulting potential, of 2 + ⌊ln k⌋ candidates sampled with probability ∝ D(x)².
 * `shouldStop` is polled once per centre.
 */
export function kmeansPlusPlusInit(data: InitData, k: number, rng: () => number, shouldStop: () => boolean): Float64Array | null {
  const { values, n, d } = data;
  const out = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const closest = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const candidates = new Int32Array(trials);
  const potentials = new Float64Array(trials);

  copyRow(data, Math.min(n - 1, Math.floor(rng() * n)), out, 0);
  let potential = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDist(values, i * d, out, 0, d);
    potential += closest[i];
  }
  for (let c = 1; c < k; c++) {
    if (shouldStop()) return null;
    let run = 0;
    for (let i = 0; i < n; i++) cumulative[i] = run += closest[i];
    for (let t = 0; t < trials; t++) candidates[t] = searchSorted(cumulative, rng() * potential);
    potentials.fill(0);
    // One sweep over the data evaluates every candidate: each row is read once.
    for (let i = 0; i < n; i++) {
      const xi = i * d;
      for (let t = 0; t < trials; t++) {
        potentials[t] += Math.min(closest[i], sqDist(values, xi, values, candidates[t] * d, d));
      }
    }
    let best = 0;
    for (let t = 1; t < trials; t++) if (potentials[t] < potentials[best]) best = t;
    potential = potentials[best];
    const chosen = candidates[best] * d;
    for (let i = 0; i < n; i++) closest[i] = Math.min(closest[i], sqDist(values, i * d, values, chosen, d));
    copyRow(data, candidates[best], out, c);
  }
  return out;
}

export function givenInit(rows: number[][], k: number, d: number): Float64Array {
  if (rows.length !== k) throw new RangeError(`initial centroids: expected ${k} rows (k), got ${rows.length}`);
  const out = new Float64Array(k * d);
  rows.forEach((r, j) => {
    if (r.length !== d) throw new RangeError(`initial centroid ${j + 1} has ${r.length} values, the data has ${d} columns`);
    r.forEach((x, t) => {
      if (!Number.isFinite(x)) throw new RangeError(`initial centroid ${j + 1}, value ${t + 1} is not a finite number (${x})`);
      out[j * d + t] = x;
    });
  });
  return out;
}

/** Throws a readable error at the first non-finite value (NaN would poison every sum). */
export function assertFiniteData(data: InitData, columns?: string[]): void {
  const { values, n, d } = data;
  for (let i = 0; i < n * d; i++) {
    if (!Number.isFinite(values[i])) {
      const col = i % d;
      const name = columns?.[col] ? ` ("${columns[col]}")` : '';
      throw new RangeError(`row ${Math.floor(i / d) + 1}, column ${col + 1}${name} is not a finite number (${values[i]})`);
    }
  }
}

export function seededRng(seed: number, restart: number): () => number {
  return createRng(restartSeed(seed, restart));
}

function copyRow(data: InitData, row: number, out: Float64Array, j: number): void {
  out.set(data.values.subarray(row * data.d, (row + 1) * data.d), j * data.d);
}

function sqDist(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const x = a[ao + t] - b[bo + t];
    s += x * x;
  }
  return s;
}

/** First index whose cumulative value is ≥ r (numpy searchsorted, side='left'), clipped to n-1. */
function searchSorted(cumulative: Float64Array, r: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The initial centroids of each restart, as the Lloyd loop asks for them. */
export function initializer(
  data: InitData,
  params: { k: number; init: string; seed: number; initialCentroids?: number[][] },
  shouldStop: () => boolean,
): (restart: number) => Float64Array | null {
  return (restart) => {
    const rng = seededRng(params.seed, restart);
    if (params.init === 'given') return givenInit(params.initialCentroids!, params.k, data.d);
    if (params.init === 'random') return randomRowsInit(data, params.k, rng);
    return kmeansPlusPlusInit(data, params.k, rng, shouldStop);
  };
}
