// Gaussian blobs with a fixed seed: the data of the seed paper's experiments, reproducible.
import { createNormal, createRng } from '../random.ts';
import { allocateDataset, type Dataset } from './dataset.ts';

export interface BlobOptions {
  n: number;
  centers: number;
  d?: number;
  seed?: number;
  /** Standard deviation of each blob. */
  spread?: number;
  /** Centres are drawn uniformly in [-box, box]^d. */
  box?: number;
}

export interface Blobs {
  dataset: Dataset;
  truth: Int32Array;
  centers: number[][];
}

export function makeBlobs(opts: BlobOptions): Blobs {
  const { n, centers: k, d = 2, seed = 42, spread = 1, box = 10 } = opts;
  const rng = createRng(seed);
  const normal = createNormal(rng);
  const centers = Array.from({ length: k }, () => Array.from({ length: d }, () => (rng() * 2 - 1) * box));
  const ds = allocateDataset(n, d, Array.from({ length: d }, (_, j) => `x${j + 1}`), `blobs-${n}-${k}-${d}-${seed}`);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    truth[i] = c;
    for (let j = 0; j < d; j++) ds.values[i * d + j] = centers[c][j] + normal() * spread;
  }
  return { dataset: ds, truth, centers };
}
