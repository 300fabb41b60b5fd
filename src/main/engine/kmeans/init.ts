// Initial centroids: random rows (the seed paper), greedy k-means++ (kmeanspp.ts), or given.
import { firstNonFinite } from '../dataset/dataset.ts';
import { createRng, sampleDistinct } from '../random.ts';
import { kmeansPlusPlus, type KppEnv } from './kmeanspp.ts';

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
  const i = firstNonFinite(values.length === n * d ? values : values.subarray(0, n * d));
  if (i < 0) return;
  const col = i % d;
  const name = columns?.[col] ? ` ("${columns[col]}")` : '';
  throw new RangeError(`row ${Math.floor(i / d) + 1}, column ${col + 1}${name} is not a finite number (${values[i]})`);
}

export function seededRng(seed: number, restart: number): () => number {
  return createRng(restartSeed(seed, restart));
}

function copyRow(data: InitData, row: number, out: Float64Array, j: number): void {
  out.set(data.values.subarray(row * data.d, (row + 1) * data.d), j * data.d);
}

/** Seeding progress of one restart: `centres` of `k` k-means++ centres chosen so far. */
export interface SeedingProgress {
  restart: number;
  centres: number;
  k: number;
}

/** The initial centroids of each restart, as the Lloyd loop asks for them. */
export function initializer(
  data: InitData,
  params: { k: number; init: string; seed: number; initialCentroids?: number[][] },
  kpp: KppEnv | null,
  onSeeding?: (p: SeedingProgress) => void,
): (restart: number) => Float64Array | null | Promise<Float64Array | null> {
  return (restart) => {
    const rng = seededRng(params.seed, restart);
    if (params.init === 'given') return givenInit(params.initialCentroids!, params.k, data.d);
    if (params.init === 'random') return randomRowsInit(data, params.k, rng);
    if (!kpp) throw new Error('k-means++ needs its shared buffers');
    return kmeansPlusPlus(kpp, params.k, rng, onSeeding && ((centres) => onSeeding({ restart, centres, k: params.k })));
  };
}
