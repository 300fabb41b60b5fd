// Metrics kernels run inside pool workers.
import type { HandlerMap, WorkerContext } from '../pool/handler.ts';
import { withTransfer } from '../pool/handler.ts';
import { silhouetteOfPoints } from './silhouette-kernel.ts';

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

export const metricsHandlers: HandlerMap = {
  'metrics:silhouette-block': silhouetteBlock,
};
