// EKM / PAM kernels as pool tasks. Thin: each unpacks its payload, reads the shared dataset in
// place and calls the same task function the in-process executor calls (tasks.ts).
import type { HandlerMap, WorkerContext } from '../pool/handler.ts';
import { forgetRun } from './kernels.ts';
import {
  distTask,
  fusedTask,
  genTask,
  mergeTask,
  pamTask,
  rootTask,
  type DistPayload,
  type FusedPayload,
  type GenPayload,
  type MergePayload,
  type PamPayload,
  type ProgressMessage,
  type RootPayload,
} from './tasks.ts';

const values = (ctx: WorkerContext, id: string) => ctx.dataset(id).values;
const progressOf = (ctx: WorkerContext) => (msg: ProgressMessage) => ctx.progress(msg);

/**
 * Test-only fault injection: `exitCode` in a payload makes the worker die mid-task, the way an
 * out-of-memory kill would, so tests can check that a run fails cleanly and the pool heals.
 */
function maybeCrash(payload: { crashWithExitCode?: number }): void {
  if (payload.crashWithExitCode !== undefined) process.exit(payload.crashWithExitCode);
}

export const ekmHandlers: HandlerMap = {
  'ekm:forget': (p: { runId: string; matrixBytes: number }) => forgetRun(p.runId, p.matrixBytes),
  'ekm:dist': (p: DistPayload, ctx) => distTask(p, values(ctx, p.datasetId)),
  'ekm:pam': (p: PamPayload, ctx) => pamTask(p, values(ctx, p.setup.datasetId), progressOf(ctx)),
  'ekm:fused': (p: FusedPayload & { crashWithExitCode?: number }, ctx) => {
    maybeCrash(p);
    return fusedTask(p, values(ctx, p.setup.datasetId), ctx.slot, progressOf(ctx));
  },
  'ekm:gen': (p: GenPayload, ctx) => genTask(p, values(ctx, p.setup.datasetId), ctx.slot, progressOf(ctx)),
  'ekm:merge': (p: MergePayload, ctx) => mergeTask(p, values(ctx, p.setup.datasetId), ctx.slot, progressOf(ctx)),
  'ekm:root': (p: RootPayload, ctx) => rootTask(p, values(ctx, p.setup.datasetId), ctx.slot, progressOf(ctx)),
};
