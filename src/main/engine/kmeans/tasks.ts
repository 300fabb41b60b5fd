// What runs inside pool workers. Three kernels:
//   kmeans:fit   the coordinator: the whole fit (init, restarts, Lloyd loop, reductions) in one
//                task. Alone it is the serial driver; with helpers it drives a barrier over
//                shared memory: publish an operation (bump the generation), run chunks, wait
//                until every chunk of the generation is done.
//   kmeans:help  a helper: waits on the barrier, runs chunks of each operation.
//
// Who runs a chunk never changes its result, so chunks are handed out for speed: every
// participant owns a contiguous range (chunkRange) and runs it front to back; whoever finishes
// early takes chunks from the back of the others' ranges. A chunk is claimed by moving its word in
// `claims` from generation g-1 to g with compare-exchange, so each chunk runs exactly once per
// generation, and a participant that wakes up late (still thinking of an older generation) can
// claim nothing. A participant that is slow or busy elsewhere (another program on the core, a
// pool slot running another task) therefore delays a pass by at most the chunk it is running.
//   kmeans:pass  one operation over a chunk range per message (the message transport, kept to
//                measure against the barrier).
import type { KMeansParams } from '../../../shared/types.ts';
import { CancelledError } from '../pool/cancel.ts';
import { BarrierWaiter } from '../pool/barrier-waiter.ts';
import type { WorkerContext } from '../pool/handler.ts';
import { CTRL, OP, StopFlags, viewRunBuffers, type ChunkOp, type RunBuffers, type RunViews } from './buffers.ts';
import { chunkRange, type ChunkPlan } from './chunks.ts';
import { assertFiniteData, initializer, type SeedingProgress } from './init.ts';
import { assignChunk, createScratch, loadCentroids, prepareKpp, type KernelChoice, type PassScratch, type PassState } from './kernel.ts';
import { kppChunk, type KppChunkState, type KppEnv } from './kmeanspp.ts';
import { fitKMeans, type FitEnv, type FitOutcome } from './lloyd.ts';

/** Test-only fault injection: participant `participant` fails at operation `pass` (1-based, whole fit). */
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
  /** Spin briefly before sleeping at the barrier (only when every participant has its own core). */
  spin?: boolean;
  /** Assignment kernel (default 'auto'). */
  kernel?: KernelChoice;
  /** Least time between two progress messages (default PROGRESS_INTERVAL_MS; tests use 0). */
  progressIntervalMs?: number;
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
  op: ChunkOp;
  count: number;
}

export type IterationProgress = { type: 'iterations'; records: Parameters<FitEnv['onIteration']>[0][] };
/** The latest k-means++ progress (only the newest matters: it says how far seeding is). */
export type SeedingMessage = { type: 'seeding' } & SeedingProgress;

/**
 * Iteration records go to the main thread in batches at most this often: a postMessage costs tens
 * of microseconds of the coordinator's time, which every helper would spend waiting.
 */
const PROGRESS_INTERVAL_MS = 20;

/** One participant's view of a run: shared buffers, private scratch, its chunk range. */
export interface Participant {
  views: RunViews;
  state: PassState;
  kpp: KppChunkState | null;
  scratch: PassScratch;
  range: [number, number];
  stop: StopFlags;
}

export function joinRun(p: RunPayloadBase, values: Float64Array, n: number, d: number, participant: number): Participant {
  const views = viewRunBuffers(p.buffers, n);
  const { plan } = p;
  return {
    views,
    state: { values, n, d, k: p.k, plan, centroids: views.centroids, labels: views.labels, partials: views.partials, previous: views.previous, lower: views.lower },
    kpp: views.closest ? { values, n, d, plan, closest: views.closest, args: views.args, partials: views.partials } : null,
    scratch: createScratch(p.k, d, plan.stride, p.kernel),
    range: chunkRange(plan, p.participants, participant),
    stop: new StopFlags(views.control, p.cancel ? new Int32Array(p.cancel) : null),
  };
}

/** Runs one chunk of an operation. */
type ChunkJob = (c: number) => void;

/** Prepares this participant for one operation (private centroid copy, scratch) and returns its chunk job. */
function chunkJob(me: Participant, op: ChunkOp, count: number): ChunkJob {
  if (op === OP.ASSIGN) {
    loadCentroids(me.state, me.scratch);
    return (c) => assignChunk(me.state, me.scratch, c);
  }
  const kpp = me.kpp;
  if (!kpp) throw new Error('k-means++ operation without k-means++ buffers');
  const pots = new Float64Array(count);
  const wasm = prepareKpp(me.state, me.scratch, kpp.args, op === OP.KPP_TRIALS ? count : 1);
  return (c) => kppChunk(op, count, kpp, c, pots, wasm);
}

/** Runs one operation on this participant's own chunk range; false when it stopped early. */
export function runOwnChunks(me: Participant, op: ChunkOp, count: number): boolean {
  const job = chunkJob(me, op, count);
  for (let c = me.range[0]; c < me.range[1]; c++) {
    if (me.stop.requested()) return false;
    job(c);
  }
  return true;
}

/**
 * Runs chunks of generation g: its own range front to back, then the others' ranges from the
 * back, until a claim fails (the owner, or another thief, has the rest). False when stopped.
 * The chunks it ran are added to COMPLETED once, at the end: every chunk is claimed exactly once,
 * so the count reaches numChunks only when all are done. One shared write per participant and
 * pass, not one per chunk, keeps that cache line from bouncing between the cores all pass long.
 */
function runClaimedChunks(me: Participant, job: ChunkJob, g: number, participant: number, participants: number, plan: ChunkPlan): boolean {
  const { claims, control } = me.views;
  const previous = (g - 1) | 0;
  let ran = 0;
  for (let c = me.range[0]; c < me.range[1]; c++) {
    if (me.stop.requested()) return false;
    if (Atomics.compareExchange(claims, c, previous, g) !== previous) break;
    job(c);
    ran++;
  }
  for (let step = 1; step < participants; step++) {
    const [first, end] = chunkRange(plan, participants, (participant + step) % participants);
    for (let c = end - 1; c >= first; c--) {
      if (me.stop.requested()) return false;
      if (Atomics.compareExchange(claims, c, previous, g) !== previous) break;
      job(c);
      ran++;
    }
  }
  if (ran > 0 && Atomics.add(control, CTRL.COMPLETED, ran) + ran === plan.numChunks) Atomics.notify(control, CTRL.COMPLETED);
  return true;
}

/** Fires once a participant reaches generation `pass` or later (helpers may skip generations). */
function maybeFault(fault: FaultSpec | undefined, participant: number, pass: number): void {
  if (!fault || fault.participant !== participant || pass < fault.pass) return;
  if (fault.mode === 'exit') process.exit(3);
  throw new Error(`injected fault in k-means participant ${participant} at pass ${pass}`);
}

function stopError(cancel: SharedArrayBuffer | undefined): Error {
  if (cancel && Atomics.load(new Int32Array(cancel), 0) !== 0) return new CancelledError();
  return new Error('k-means run aborted because another worker failed');
}

/** The fit loop's environment over a participant, given how an operation reaches all chunks. */
export function fitEnvFor(
  me: Participant,
  params: KMeansParams,
  run: (op: ChunkOp, count: number) => boolean | Promise<boolean>,
  hooks: Pick<FitEnv, 'stopError' | 'onIteration' | 'onSeeding'>,
): FitEnv {
  const { state, kpp } = me;
  const kppEnv: KppEnv | null = kpp ? { ...kpp, run } : null;
  return {
    values: state.values,
    n: state.n,
    d: state.d,
    k: state.k,
    plan: state.plan,
    centroids: state.centroids,
    labels: state.labels,
    partials: state.partials,
    previous: state.previous,
    lower: state.lower,
    pass: () => run(OP.ASSIGN, 0),
    stop: me.stop,
    initialCentroids: initializer(state, params, kppEnv, hooks.onSeeding && ((s) => hooks.onSeeding!(s))),
    now: () => performance.now(),
    ...hooks,
  };
}

export async function coordinateFit(p: FitPayload, ctx: WorkerContext): Promise<FitOutcome> {
  const ds = ctx.dataset(p.datasetId);
  const me = joinRun(p, ds.values, ds.n, ds.d, 0);
  const control = me.views.control;
  const helpers = p.participants - 1;
  assertFiniteData(ds, p.columns);
  const waiter = new BarrierWaiter(p.spin === true);
  let generation = 0;
  const run = (op: ChunkOp, count: number): boolean => {
    generation = (generation + 1) | 0;
    maybeFault(p.fault, 0, generation);
    if (helpers === 0) return runOwnChunks(me, op, count);
    Atomics.store(control, CTRL.COMPLETED, 0);
    Atomics.store(control, CTRL.OP, op);
    Atomics.store(control, CTRL.COUNT, count);
    Atomics.store(control, CTRL.GEN, generation);
    Atomics.notify(control, CTRL.GEN);
    if (!runClaimedChunks(me, chunkJob(me, op, count), generation, 0, p.participants, p.plan)) return false;
    for (let done = Atomics.load(control, CTRL.COMPLETED); done < p.plan.numChunks; done = Atomics.load(control, CTRL.COMPLETED)) {
      if (!waiter.waitWhileEqual(control, CTRL.COMPLETED, done, me.stop)) return false;
    }
    return true;
  };
  const pending: IterationProgress['records'] = [];
  const interval = p.progressIntervalMs ?? PROGRESS_INTERVAL_MS;
  let lastPost = -Infinity;
  const flush = () => {
    if (pending.length === 0) return;
    ctx.progress({ type: 'iterations', records: pending.splice(0) } satisfies IterationProgress);
    lastPost = performance.now();
  };
  const env = fitEnvFor(me, p.params, run, {
    stopError: () => stopError(p.cancel),
    onIteration: (record) => {
      pending.push(record);
      if (performance.now() - lastPost >= interval) flush();
    },
    // Throttled like the iterations; the run's first message always goes (it names the phase).
    onSeeding: (s) => {
      if (performance.now() - lastPost < interval) return;
      ctx.progress({ type: 'seeding', ...s } satisfies SeedingMessage);
      lastPost = performance.now();
    },
  });
  try {
    const outcome = await fitKMeans(env, p.params);
    flush();
    return outcome;
  } finally {
    if (helpers > 0) {
      Atomics.store(control, CTRL.OP, OP.EXIT);
      Atomics.store(control, CTRL.GEN, (generation + 1) | 0);
      Atomics.notify(control, CTRL.GEN);
    }
  }
}

/** Returns the number of operations it ran. */
export function helpFit(p: HelperPayload, ctx: WorkerContext): number {
  const ds = ctx.dataset(p.datasetId);
  const me = joinRun(p, ds.values, ds.n, ds.d, p.participant);
  const control = me.views.control;
  // Every run has a fresh control block, so generation 0 means "nothing asked yet".
  const waiter = new BarrierWaiter(p.spin === true);
  let seen = 0;
  let ops = 0;
  for (;;) {
    if (!waiter.waitWhileEqual(control, CTRL.GEN, seen, me.stop)) return ops;
    // The newest generation; a late helper may skip some (its claims on them would fail anyway).
    const generation = Atomics.load(control, CTRL.GEN);
    seen = generation;
    const op = Atomics.load(control, CTRL.OP) as ChunkOp;
    if (op === OP.EXIT) return ops;
    maybeFault(p.fault, p.participant, generation);
    if (!runClaimedChunks(me, chunkJob(me, op, Atomics.load(control, CTRL.COUNT)), generation, p.participant, p.participants, p.plan)) return ops;
    ops++;
  }
}

/** One operation over this participant's chunks; false when stopped early. */
export function passChunks(p: PassPayload, ctx: WorkerContext): boolean {
  const ds = ctx.dataset(p.datasetId);
  const me = joinRun(p, ds.values, ds.n, ds.d, p.participant);
  maybeFault(p.fault, p.participant, p.passNumber);
  return runOwnChunks(me, p.op, p.count);
}
