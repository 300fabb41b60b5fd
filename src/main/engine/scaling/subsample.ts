// Seeded subsamples for experiments over N: prefixes of one seeded shuffle, so a smaller size is
// always a subset of a larger one and every run of the same spec sees the same rows.
import { allocateDataset, type Dataset } from '../dataset/dataset.ts';
import { createRng, randInt } from '../random.ts';

export interface SubsampleOptions {
  seed: number;
  /** Allow sizes above the dataset's row count by drawing rows with replacement. */
  withReplacement?: boolean;
}

/**
 * Rows handled between two yields of the stepwise versions below: a few milliseconds of work, so a
 * huge experiment size never holds the main process's event loop (other requests, cancel) for long.
 */
const SLICE = 1 << 16;

/** Fisher–Yates over 0..n-1, yielding every SLICE swaps. */
function* permutationSteps(n: number, seed: number): Generator<void, Int32Array> {
  const rng = createRng(seed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
    if (i % SLICE === 0) yield;
  }
  return order;
}

/** Runs a step generator to its end without yielding. */
function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** A seeded permutation of 0..n-1 (Fisher–Yates). */
export function seededPermutation(n: number, seed: number): Int32Array {
  return drain(permutationSteps(n, seed));
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

/** Copies the picked rows, yielding every SLICE rows. */
function* takeRowsSteps(ds: Dataset, picks: Int32Array, id: string): Generator<void, Dataset> {
  const out = allocateDataset(picks.length, ds.d, ds.columns, id);
  for (let from = 0; from < picks.length; from += SLICE) {
    const to = Math.min(picks.length, from + SLICE);
    for (let r = from; r < to; r++) {
      const i = picks[r];
      out.values.set(ds.values.subarray(i * ds.d, (i + 1) * ds.d), r * ds.d);
      out.rowIndex[r] = ds.rowIndex[i];
    }
    yield;
  }
  return out;
}

function* subsampleSteps(ds: Dataset, size: number, opts: SubsampleOptions): Generator<void, Dataset> {
  checkSizes(ds, [size], opts.withReplacement);
  if (size === ds.n) return ds;
  const id = `${ds.id}#sample-${size}-${opts.seed}`;
  let picks: Int32Array;
  if (size < ds.n) picks = (yield* permutationSteps(ds.n, opts.seed)).subarray(0, size);
  else {
    const rng = createRng(opts.seed);
    picks = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      picks[i] = randInt(rng, ds.n);
      if (i % SLICE === SLICE - 1) yield;
    }
  }
  return yield* takeRowsSteps(ds, picks, id);
}

/**
 * The first `size` rows of a seeded shuffle (the dataset itself when size = n: no copy). Above n,
 * with `withReplacement`, rows are drawn uniformly with replacement (duplicates create ties).
 */
export function subsample(ds: Dataset, size: number, opts: SubsampleOptions): Dataset {
  return drain(subsampleSteps(ds, size, opts));
}

/** Thrown by subsampleInSlices when `stop()` said so between two slices. */
export class SubsampleStopped extends Error {
  constructor() {
    super('subsampling stopped');
    this.name = 'SubsampleStopped';
  }
}

/**
 * The same rows as `subsample`, computed in slices with the event loop free between them: for
 * the main process, where one experiment must not stall other requests or its own cancel.
 * `stop` is polled between slices.
 */
export async function subsampleInSlices(ds: Dataset, size: number, opts: SubsampleOptions, stop: () => boolean = () => false): Promise<Dataset> {
  const steps = subsampleSteps(ds, size, opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stop()) throw new SubsampleStopped();
  }
}
