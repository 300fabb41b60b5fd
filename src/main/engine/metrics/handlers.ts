// Metrics kernels run inside pool workers.
import type { HandlerMap, WorkerContext } from '../pool/handler.ts';
import { withTransfer } from '../pool/handler.ts';
import { profileFeature } from './profile-kernel.ts';
import { silhouetteOfPoints } from './silhouette-kernel.ts';
import { CancelledError, isFlagSet } from '../pool/cancel.ts';

/** One block of a silhouette: the points' silhouettes against the whole shared dataset. */
export interface SilhouetteBlockPayload {
  datasetId: string;
  /** Int32 × n cluster codes (shared, read-only). */
  codes: SharedArrayBuffer;
  sizes: number[];
  /** Point indices of this block. */
  points: Int32Array;
  cancel?: SharedArrayBuffer;
}

function silhouetteBlock(payload: SilhouetteBlockPayload, ctx: WorkerContext) {
  const ds = ctx.dataset(payload.datasetId);
  const out = silhouetteOfPoints(
    { values: ds.values, n: ds.n, d: ds.d, codes: new Int32Array(payload.codes, 0, ds.n), sizes: Int32Array.from(payload.sizes) },
    payload.points,
    payload.cancel ? new Int32Array(payload.cancel) : undefined,
  );
  return withTransfer(out, [out.buffer as ArrayBuffer]);
}

/** One feature of a cluster profile (profiles.ts). */
export interface ProfileFeaturePayload {
  datasetId: string;
  /** Int32 × n cluster codes 0..k−1 (shared, read-only). */
  codes: SharedArrayBuffer;
  sizes: number[];
  feature: number;
  offset: number;
  factor: number;
  cancel?: SharedArrayBuffer;
}

function profileFeatureTask(payload: ProfileFeaturePayload, ctx: WorkerContext) {
  if (isFlagSet(payload.cancel)) throw new CancelledError();
  const ds = ctx.dataset(payload.datasetId);
  const input = { values: ds.values, n: ds.n, d: ds.d, codes: new Int32Array(payload.codes, 0, ds.n), sizes: Int32Array.from(payload.sizes) };
  return profileFeature(input, payload.feature, payload.offset, payload.factor);
}

export const metricsHandlers: HandlerMap = {
  'metrics:silhouette-block': silhouetteBlock,
  'metrics:profile-feature': profileFeatureTask,
};
