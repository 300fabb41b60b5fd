// Seeded subsamples for experiments over N: prefixes of one seeded shuffle, so a smaller size is
// always a subset of a larger one and every run of the same spec sees the same rows.
import { takeRows, type Dataset } from '../dataset/dataset.ts';
import { createRng, randInt } from '../random.ts';

export interface SubsampleOptions {
  seed: number;
  /** Allow sizes above the dataset's row count by drawing rows with replacement. */
  withReplacement?: boolean;
}

/** A seeded permutation of 0..n-1 (Fisher–Yates). */
export function seededPermutation(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

export function checkSizes(ds: Dataset, sizes: number[], withReplacement = false): void {
  for (const size of sizes) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`dataset size ${size} is not a positive whole number`);
    }
    if (size > ds.n && !withReplacement) {
      throw new RangeError(
        `dataset size ${size} is larger than the dataset (${ds.n} rows); use a larger file, drop that size, or allow resampling with replacement`,
      );
    }
  }
}

/**
 * The first `size` rows of a seeded shuffle (the dataset itself when size = n: no copy). Above n,
 * with `withReplacement`, rows are drawn uniformly with replacement (duplicates create ties).
 */
export function subsample(ds: Dataset, size: number, opts: SubsampleOptions): Dataset {
  checkSizes(ds, [size], opts.withReplacement);
  if (size === ds.n) return ds;
  const id = `${ds.id}#sample-${size}-${opts.seed}`;
  if (size < ds.n) return takeRows(ds, seededPermutation(ds.n, opts.seed).subarray(0, size), id);
  const rng = createRng(opts.seed);
  const picks = new Int32Array(size);
  for (let i = 0; i < size; i++) picks[i] = randInt(rng, ds.n);
  return takeRows(ds, picks, id);
}
