// Cluster profiles of a clustering (see shared/profiles.ts): one task per feature, on the pool's
// workers when given one (features spread round-robin, each computed whole by one worker with the
// same kernel, so the numbers are the same for every worker count), else on the calling thread
// one feature at a time, yielding to the event loop between features.
import type { ClusterProfiles, FeatureProfile } from '../../../shared/profiles.ts';
import type { ScalingMode } from '../../../shared/types.ts';
import { datasetHandle, firstNonFinite, type Dataset } from '../dataset/dataset.ts';
import { CancelledError, type CancelToken } from '../pool/cancel.ts';
import type { WorkerPool } from '../pool/pool.ts';
import type { ProfileFeaturePayload } from './handlers.ts';
import type { Labels } from './labels.ts';
import { profileFeature, type FeatureKernelResult, type ProfileKernelInput } from './profile-kernel.ts';

export interface ProfileScaling {
  mode: ScalingMode;
  /** Per feature: scaled = (raw − offset) / factor. Required unless mode is 'none'. */
  offset?: readonly number[];
  factor?: readonly number[];
}

export interface ProfileOptions {
  /** Clusters 0..k−1 (empty ones are listed with count 0). */
  k: number;
  scaling: ProfileScaling;
  imputedValues?: number;
  pool?: WorkerPool;
  /** Workers to spread the features over; omitted or 0 without a pool: the calling thread. */
  workers?: number;
  firstSlot?: number;
  token?: CancelToken;
  onProgress?: (done: number, total: number) => void;
}

function codesOf(labels: Labels, k: number, n: number): { codes: Int32Array; sizes: Int32Array } {
  if (labels.length !== n) throw new RangeError(`${labels.length} labels for ${n} rows`);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`profiles need k ≥ 1 clusters, got ${k}`);
  const codes = new Int32Array(n);
  const sizes = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (!Number.isInteger(l) || l < 0 || l >= k) throw new RangeError(`row ${i + 1} has cluster ${l}, outside 0..${k - 1}`);
    codes[i] = l;
    sizes[l]++;
  }
  return { codes, sizes };
}

/** Per feature [offset, factor] that map the dataset's values back to the CSV's units. */
function unscaling(ds: Dataset, s: ProfileScaling): { offset: number[]; factor: number[] } {
  if (s.mode === 'none') return { offset: new Array<number>(ds.d).fill(0), factor: new Array<number>(ds.d).fill(1) };
  if (!s.offset || !s.factor || s.offset.length !== ds.d || s.factor.length !== ds.d) {
    throw new RangeError(`profiles of ${s.mode}-scaled data need the per-feature offset and factor of the scaling (${ds.d} each) to show original units`);
  }
  return { offset: [...s.offset], factor: [...s.factor] };
}

export async function clusterProfiles(ds: Dataset, labels: Labels, opts: ProfileOptions): Promise<ClusterProfiles> {
  const t0 = performance.now();
  if (ds.n === 0) throw new RangeError('profiles need at least one row');
  const bad = firstNonFinite(ds.values);
  if (bad >= 0) throw new RangeError(`row ${Math.floor(bad / ds.d) + 1} has a value that is not a finite number`);
  const { codes, sizes } = codesOf(labels, opts.k, ds.n);
  const { offset, factor } = unscaling(ds, opts.scaling);
  const workers = opts.pool ? Math.max(0, opts.workers ?? opts.pool.size) : 0;
  const results = workers === 0 ? await inThread(ds, codes, sizes, offset, factor, opts) : await onPool(ds, codes, sizes, offset, factor, workers, opts);
  const features: FeatureProfile[] = results.map((r, j) => ({ feature: ds.columns[j], whole: r.whole, clusters: r.clusters }));
  return {
    n: ds.n,
    clusters: Array.from(sizes, (count, label) => ({ label, count, share: count / ds.n })),
    features,
    units: 'original',
    scaling: opts.scaling.mode,
    imputedValues: opts.imputedValues ?? 0,
    workers,
    ms: performance.now() - t0,
  };
}

async function inThread(ds: Dataset, codes: Int32Array, sizes: Int32Array, offset: number[], factor: number[], opts: ProfileOptions): Promise<FeatureKernelResult[]> {
  const input: ProfileKernelInput = { values: ds.values, n: ds.n, d: ds.d, codes, sizes };
  const out: FeatureKernelResult[] = [];
  for (let j = 0; j < ds.d; j++) {
    opts.token?.throwIfCancelled();
    out.push(profileFeature(input, j, offset[j], factor[j]));
    opts.onProgress?.(j + 1, ds.d);
    // One feature (a sort of n values) at a time, then let timers and messages through.
    if (j + 1 < ds.d) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return out;
}

async function onPool(ds: Dataset, codes: Int32Array, sizes: Int32Array, offset: number[], factor: number[], workers: number, opts: ProfileOptions): Promise<FeatureKernelResult[]> {
  const pool = opts.pool!;
  const firstSlot = opts.firstSlot ?? 0;
  pool.reserveSlots(firstSlot, workers);
  pool.shareDataset(datasetHandle(ds));
  const shared = new SharedArrayBuffer(Math.max(4, ds.n * 4));
  new Int32Array(shared, 0, ds.n).set(codes);
  const out = new Array<FeatureKernelResult>(ds.d);
  let done = 0;
  const tasks: Promise<void>[] = [];
  for (let j = 0; j < ds.d; j++) {
    const payload: ProfileFeaturePayload = { datasetId: ds.id, codes: shared, sizes: Array.from(sizes), feature: j, offset: offset[j], factor: factor[j], cancel: opts.token?.buffer };
    tasks.push(
      pool.runOn<FeatureKernelResult>(firstSlot + (j % workers), 'metrics:profile-feature', payload).then((r) => {
        out[j] = r;
        opts.onProgress?.(++done, ds.d);
      }),
    );
  }
  const settled = await Promise.allSettled(tasks);
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw opts.token?.cancelled ? new CancelledError(opts.token.reason) : failure.reason;
  return out;
}
