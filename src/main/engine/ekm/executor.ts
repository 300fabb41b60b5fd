// Where EKM tasks run: on the worker pool, or in the calling thread. The orchestration (run.ts) is
// written once against this interface, so the in-process path that most tests use exercises the
// same plans, piece lists and reductions as the pool path.
import { datasetHandle, type Dataset } from '../dataset/dataset.ts';
import type { WorkerPool } from '../pool/pool.ts';
import type { Levels } from './combs.ts';
import type { PamOutcome } from './pam.ts';
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
  type TaskReport,
} from './tasks.ts';
import { forgetRun } from './kernels.ts';

export type OnTaskProgress = (msg: ProgressMessage) => void;

export interface Executor {
  /** Number of parallel parts (worker slots 0..parts−1). */
  readonly parts: number;
  /** Whether piece queues are shared counters (pool) or strided (in-process). */
  readonly shared: boolean;
  dist(slot: number, p: DistPayload): Promise<unknown>;
  pam(slot: number, p: PamPayload, onProgress?: OnTaskProgress): Promise<PamOutcome>;
  fused(slot: number, p: FusedPayload, onProgress: OnTaskProgress): Promise<TaskReport>;
  gen(slot: number, p: GenPayload, onProgress: OnTaskProgress): Promise<{ levels: Levels; report: TaskReport }>;
  merge(slot: number, p: MergePayload, onProgress: OnTaskProgress): Promise<{ levels: Levels; report: TaskReport }>;
  root(slot: number, p: RootPayload, onProgress: OnTaskProgress): Promise<TaskReport>;
  /** Lets every part drop its per-run caches (views of the matrix) once the run has settled. */
  release(runId: string, matrixBytes: number): Promise<void>;
}

export interface PoolPlacement {
  /** Pool slot of the run's slot 0 (default 0): run slot s goes to pool slot firstSlot + s. */
  firstSlot?: number;
  /** Test-only: the fused task on this run slot kills its worker (see handlers.ts). */
  crashSlot?: number;
}

/** Runs every task on the pool slot it is given, shifted by the placement's first slot. */
export class PoolExecutor implements Executor {
  readonly shared = true;
  private readonly firstSlot: number;
  private readonly crashSlot?: number;

  constructor(
    private readonly pool: WorkerPool,
    ds: Dataset,
    readonly parts: number,
    placement: PoolPlacement = {},
  ) {
    this.firstSlot = placement.firstSlot ?? 0;
    this.crashSlot = placement.crashSlot;
    pool.reserveSlots(this.firstSlot, parts);
    pool.shareDataset(datasetHandle(ds));
  }

  private call<T>(slot: number, kind: string, payload: unknown, onProgress?: OnTaskProgress): Promise<T> {
    return this.pool.runOn<T>(this.firstSlot + slot, kind, payload, onProgress ? { onProgress: (d) => onProgress(d as ProgressMessage) } : {});
  }

  dist(slot: number, p: DistPayload) {
    return this.call<unknown>(slot, 'ekm:dist', p);
  }
  pam(slot: number, p: PamPayload, onProgress?: OnTaskProgress) {
    return this.call<PamOutcome>(slot, 'ekm:pam', p, onProgress);
  }
  fused(slot: number, p: FusedPayload, onProgress: OnTaskProgress) {
    const payload = slot === this.crashSlot ? { ...p, crashWithExitCode: 77 } : p;
    return this.call<TaskReport>(slot, 'ekm:fused', payload, onProgress);
  }
  gen(slot: number, p: GenPayload, onProgress: OnTaskProgress) {
    return this.call<{ levels: Levels; report: TaskReport }>(slot, 'ekm:gen', p, onProgress);
  }
  merge(slot: number, p: MergePayload, onProgress: OnTaskProgress) {
    return this.call<{ levels: Levels; report: TaskReport }>(slot, 'ekm:merge', p, onProgress);
  }
  root(slot: number, p: RootPayload, onProgress: OnTaskProgress) {
    return this.call<TaskReport>(slot, 'ekm:root', p, onProgress);
  }
  async release(runId: string, matrixBytes: number) {
    // Best effort: a worker that died meanwhile took its cache with it.
    await Promise.allSettled(Array.from({ length: this.parts }, (_, s) => this.call<void>(s, 'ekm:forget', { runId, matrixBytes })));
  }
}

/**
 * Runs tasks synchronously in this thread, one after another; `parts` virtual workers still get
 * their own pieces (strided), so the split and the reduction are exercised without threads.
 */
export class InProcessExecutor implements Executor {
  readonly shared = false;

  constructor(
    private readonly ds: Dataset,
    readonly parts: number,
  ) {}

  private run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err);
    }
  }

  dist(_slot: number, p: DistPayload) {
    return this.run(() => distTask(p, this.ds.values));
  }
  pam(_slot: number, p: PamPayload, onProgress?: OnTaskProgress) {
    return this.run(() => pamTask(p, this.ds.values, onProgress));
  }
  fused(slot: number, p: FusedPayload, onProgress: OnTaskProgress) {
    return this.run(() => fusedTask(p, this.ds.values, slot, onProgress));
  }
  gen(slot: number, p: GenPayload, onProgress: OnTaskProgress) {
    return this.run(() => genTask(p, this.ds.values, slot, onProgress));
  }
  merge(slot: number, p: MergePayload, onProgress: OnTaskProgress) {
    return this.run(() => mergeTask(p, this.ds.values, slot, onProgress));
  }
  root(slot: number, p: RootPayload, onProgress: OnTaskProgress) {
    return this.run(() => rootTask(p, this.ds.values, slot, onProgress));
  }
  async release(runId: string, matrixBytes: number) {
    forgetRun(runId, matrixBytes);
  }
}
