// What runs inside pool workers. Three kernels:
//   kmeans:fit   the coordinator: the whole fit (init, restarts, Lloyd loop, reductions) in one
//                task. Alone it is the serial driver; with helpers it drives a barrier over
//                shared memory: bump a generation, do its own chunks, wait for the helpers.
//   kmeans:help  a helper: waits on the barrier, assigns its chunk range each generation.
//   kmeans:pass  one pass over a chunk range per message (the message transport, kept to
//                measure against the barrier).
import type { KMeansParams } from '../../../shared/types.ts';
import { CancelledError } from '../pool/cancel.ts';
import type { WorkerContext, WorkerDataset } from '../pool/handler.ts';
import { CMD_EXIT, CMD_PASS, CTRL, viewRunBuffers, type RunBuffers, type RunViews } from './buffers.ts';
import { chunkRange, type ChunkPlan } from './chunks.ts';
import { initializer, assertFiniteData } from './init.ts';
import { assignChunks, createScratch, type PassScratch, type PassState } from './kernel.ts';
import { fitKMeans, type FitEnv, type FitOutcome } from './lloyd.ts';

/** Test-only fault injection: participant `participant` fails at pass `pass` (1-based, whole fit). */
export interface FaultSpec {
  pass: number;
  participant: number;
  mode: 'throw' | 'exit';
}

interface RunPayloadBase {
  datasetId: string;
  k: number;
  plan: ChunkPlan;
  buffers: RunBuffers;
  /** Coordinator + helpers. */
  participants: number;
  cancel?: SharedArrayBuffer;
  fault?: FaultSpec;
}

export interface FitPayload extends RunPayloadBase {
  params: KMeansParams;
  columns?: string[];
}

export interface HelperPayload extends RunPayloadBase {
  /** 1..participants-1 (the coordinator is participant 0). */
  participant: number;
}

export interface PassPayload extends RunPayloadBase {
  participant: number;
  passNumber: number;
}

export type IterationProgress = { type: 'iteration'; record: Parameters<FitEnv['onIteration']>[0] };

/** How long a blocked participant sleeps before re-checking the stop flags (notify wakes it sooner). */
const WAIT_SLICE_MS = 50;

interface Participant {
  ds: WorkerDataset;
  views: RunViews;
  state: PassState;
  scratch: PassScratch;
  range: [number, number];
  shouldStop: () => boolean;
}

function join(p: RunPayloadBase, ctx: WorkerContext, participant: number): Participant {
  const ds = ctx.dataset(p.datasetId);
  const views = viewRunBuffers(p.buffers, ds.n);
  const control = views.control;
  const cancel = p.cancel ? new Int32Array(p.cancel) : null;
  return {
    ds,
    views,
    state: { values: ds.values, n: ds.n, d: ds.d, k: p.k, plan: p.plan, centroids: views.centroids, labels: views.labels, partials: views.partials },
    scratch: createScratch(p.k, ds.d, p.plan.stride),
    range: chunkRange(p.plan, p.participants, participant),
    shouldStop: () => Atomics.load(control, CTRL.ABORT) !== 0 || (cancel !== null && Atomics.load(cancel, 0) !== 0),
  };
}

function maybeFault(fault: FaultSpec | undefined, participant: number, pass: number): void {
  if (!fault || fault.participant !== participant || fault.pass !== pass) return;
  if (fault.mode === 'exit') process.exit(3);
  throw new Error(`injected fault in k-means participant ${participant} at pass ${pass}`);
}

function stopError(cancel: SharedArrayBuffer | undefined): Error {
  if (cancel && Atomics.load(new Int32Array(cancel), 0) !== 0) return new CancelledError();
  return new Error('k-means run aborted because another worker failed');
}

export async function coordinateFit(p: FitPayload, ctx: WorkerContext): Promise<FitOutcome> {
  const me = join(p, ctx, 0);
  const { ds, views, state, scratch, shouldStop } = me;
  const control = views.control;
  const helpers = p.participants - 1;
  assertFiniteData(ds, p.columns);
  let generation = 0;
  const pass = (): boolean => {
    generation++;
    if (helpers > 0) {
      Atomics.store(control, CTRL.DONE, 0);
      Atomics.store(control, CTRL.CMD, CMD_PASS);
      Atomics.store(control, CTRL.GEN, generation);
      Atomics.notify(control, CTRL.GEN);
    }
    maybeFault(p.fault, 0, generation);
    if (!assignChunks(state, scratch, me.range[0], me.range[1], shouldStop)) return false;
    for (let done = Atomics.load(control, CTRL.DONE); done < helpers; done = Atomics.load(control, CTRL.DONE)) {
      if (shouldStop()) return false;
      Atomics.wait(control, CTRL.DONE, done, WAIT_SLICE_MS);
    }
    return true;
  };
  const env: FitEnv = {
    values: ds.values,
    n: ds.n,
    d: ds.d,
    k: p.k,
    plan: p.plan,
    centroids: views.centroids,
    labels: views.labels,
    partials: views.partials,
    pass,
    shouldStop,
    stopError: () => stopError(p.cancel),
    initialCentroids: initializer(ds, p.params, shouldStop),
    onIteration: (record) => ctx.progress({ type: 'iteration', record } satisfies IterationProgress),
    now: () => performance.now(),
  };
  try {
    return await fitKMeans(env, p.params);
  } finally {
    if (helpers > 0) {
      Atomics.store(control, CTRL.CMD, CMD_EXIT);
      Atomics.store(control, CTRL.GEN, generation + 1);
      Atomics.notify(control, CTRL.GEN);
    }
  }
}

/** Returns the number of passes it did. */
export function helpFit(p: HelperPayload, ctx: WorkerContext): number {
  const me = join(p, ctx, p.participant);
  const control = me.views.control;
  // Every run has a fresh control block, so generation 0 means "nothing asked yet"; the
  // coordinator waits for every helper before the next bump, so no generation is ever missed.
  let seen = 0;
  let passes = 0;
  for (;;) {
    let generation: number;
    while ((generation = Atomics.load(control, CTRL.GEN)) === seen) {
      if (me.shouldStop()) return passes;
      Atomics.wait(control, CTRL.GEN, seen, WAIT_SLICE_MS);
    }
    seen = generation;
    if (Atomics.load(control, CTRL.CMD) === CMD_EXIT) return passes;
    maybeFault(p.fault, p.participant, generation);
    if (!assignChunks(me.state, me.scratch, me.range[0], me.range[1], me.shouldStop)) return passes;
    passes++;
    Atomics.add(control, CTRL.DONE, 1);
    Atomics.notify(control, CTRL.DONE);
  }
}

/** One pass over this participant's chunks; false when stopped early. */
export function passChunks(p: PassPayload, ctx: WorkerContext): boolean {
  const me = join(p, ctx, p.participant);
  maybeFault(p.fault, p.participant, p.passNumber);
  return assignChunks(me.state, me.scratch, me.range[0], me.range[1], me.shouldStop);
}
