// A persistent worker_threads pool with addressable slots.
//
// Why not Piscina: the k-means parallel driver needs *slot affinity* (worker i always owns
// slice i of the data so the reduction order, and thus the answer, is identical for every P),
// datasets shared once per worker rather than per task, and crash replacement that re-shares
// those datasets. Piscina schedules tasks to any idle thread and has no notion of per-thread
// state, so each iteration would have to resend or re-attach the data. This pool is ~250 lines.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, SharedDatasetHandle, ToWorker } from './protocol.ts';

export class WorkerCrashError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerCrashError';
  }
}

/** An error thrown inside a kernel, re-raised on the main thread with the worker's message. */
export class WorkerTaskError extends Error {
  constructor(
    message: string,
    readonly kind: string,
    readonly workerStack?: string,
    readonly remoteName = 'Error',
  ) {
    super(message);
    this.name = remoteName === 'CancelledError' ? 'CancelledError' : 'WorkerTaskError';
  }
}

/** Most workers a pool may hold. */
export const MAX_POOL_SIZE = 64;

export interface PoolOptions {
  size: number;
  /** Worker entry; default: the bundled worker.js next to this module, else worker.ts via tsx. */
  script?: string;
  /**
   * Workers above `size` (grown for a wide run) are stopped after this long with no task in
   * flight anywhere, so one 64-worker run does not leave 64 threads and their heaps behind.
   * Default 30 s; Infinity keeps them.
   */
  idleShrinkMs?: number;
  /**
   * Linux only: each worker lowers its own thread's priority by this nice value (0–19), so a UI
   * on the same machine (the app's window, a browser tab of the web host) keeps drawing frames
   * while the workers hold every core. Threads have their own nice value on Linux; elsewhere the
   * call would lower the whole process, so it is not made. Default 0 (the CLI and benches).
   */
  nice?: number;
}

const DEFAULT_IDLE_SHRINK_MS = 30_000;

interface Pending {
  slot: number;
  kind: string;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (data: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  inFlight: number;
  generation: number;
}

export interface RunOptions {
  transfer?: ArrayBuffer[];
  onProgress?: (data: unknown) => void;
}

function defaultScript(): string {
  const bundled = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return fileURLToPath(bundled);
  return fileURLToPath(new URL('./worker.ts', import.meta.url));
}

/** TypeScript entries start through a tiny JS bootstrap that registers tsx in the worker. */
function launchTarget(script: string): { file: string; entry?: string } {
  if (!script.endsWith('.ts')) return { file: script };
  return { file: fileURLToPath(new URL('./ts-bootstrap.mjs', import.meta.url)), entry: pathToFileURL(script).href };
}

export class WorkerPool {
  private slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly datasets = new Map<string, SharedDatasetHandle>();
  private nextTaskId = 1;
  private destroyed = false;
  private readonly script: string;
  /** The size asked for at construction: what an idle pool shrinks back to. */
  private readonly baseSize: number;
  private readonly idleShrinkMs: number;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** The size before the last idle shrink: slots below it are started again when addressed. */
  private sizeBeforeShrink = 0;
  /** Replacement count, for tests and diagnostics. */
  respawns = 0;
  /** The nice value each worker gives its own thread (0 off Linux). */
  readonly nice: number;

  constructor(options: PoolOptions) {
    this.script = options.script ?? defaultScript();
    this.idleShrinkMs = options.idleShrinkMs ?? DEFAULT_IDLE_SHRINK_MS;
    const nice = options.nice ?? 0;
    if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new RangeError(`WorkerPool: nice must be an integer 0–19, got ${nice}`);
    this.nice = process.platform === 'linux' ? nice : 0;
    this.resize(options.size);
    this.baseSize = options.size;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Grows or shrinks the pool; surplus workers are terminated after their current task. */
  resize(size: number): void {
    if (!Number.isInteger(size) || size < 1 || size > MAX_POOL_SIZE) {
      throw new RangeError(`pool size must be an integer in 1..${MAX_POOL_SIZE}, got ${size}`);
    }
    while (this.slots.length < size) this.slots.push(this.spawn(this.slots.length, 0));
    while (this.slots.length > size) {
      const slot = this.slots.pop()!;
      this.failSlot(this.slots.length, new WorkerCrashError('worker removed by pool resize'));
      void slot.worker.terminate();
    }
  }

  /** Ensures at least `size` workers exist (never shrinks). */
  ensureSize(size: number): void {
    if (size > this.slots.length) this.resize(size);
  }

  /**
   * Makes slots firstSlot..firstSlot+count−1 exist for a run placed there (growing the pool),
   * after checking that they fit; a RangeError otherwise.
   */
  reserveSlots(firstSlot: number, count: number): void {
    if (!Number.isInteger(firstSlot) || firstSlot < 0 || firstSlot + count > MAX_POOL_SIZE) {
      throw new RangeError(`firstSlot must be a whole number from 0 to ${MAX_POOL_SIZE - count} for a run on ${count} worker(s), got ${firstSlot}`);
    }
    this.ensureSize(firstSlot + count);
  }

  /** Resolves when every worker has started (module loading can take a while under tsx). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  /** Shares a dataset with every worker (and every future replacement). Idempotent. */
  shareDataset(handle: SharedDatasetHandle): void {
    if (this.datasets.has(handle.id)) return;
    this.datasets.set(handle.id, handle);
    for (const s of this.slots) this.post(s.worker, { type: 'dataset', dataset: handle });
  }

  dropDataset(id: string): void {
    if (!this.datasets.delete(id)) return;
    for (const s of this.slots) this.post(s.worker, { type: 'drop-dataset', id });
  }

  /** Runs a kernel on a specific worker slot. */
  runOn<T>(slot: number, kind: string, payload: unknown, opts: RunOptions = {}): Promise<T> {
    if (this.destroyed) return Promise.reject(new Error('worker pool is shut down'));
    // A run's reserved slots may have been stopped by an idle shrink between its tasks: start them again.
    if (slot >= this.slots.length && Number.isInteger(slot) && slot < this.sizeBeforeShrink) this.resize(slot + 1);
    const s = this.slots[slot];
    if (!s) return Promise.reject(new RangeError(`no worker slot ${slot} (pool size ${this.size})`));
    this.cancelIdleShrink();
    const taskId = this.nextTaskId++;
    s.inFlight++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(taskId, {
        slot,
        kind,
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress: opts.onProgress,
      });
      this.post(s.worker, { type: 'task', taskId, kind, payload }, opts.transfer);
    });
  }

  /** Runs a kernel on the least busy worker (lowest slot wins ties, for reproducible timelines). */
  run<T>(kind: string, payload: unknown, opts: RunOptions = {}): Promise<T> {
    return this.runOn<T>(this.idleSlot(), kind, payload, opts);
  }

  /** Tasks sent to a slot and not yet answered (0 for a slot the pool does not have). */
  tasksOn(slot: number): number {
    return this.slots[slot]?.inFlight ?? 0;
  }

  /** Least busy slot right now. */
  idleSlot(): number {
    let best = 0;
    for (let i = 1; i < this.slots.length; i++) if (this.slots[i].inFlight < this.slots[best].inFlight) best = i;
    return best;
  }

  /**
   * Hard stop: terminates every worker (kernels that do not poll a cancel flag stop too),
   * rejects their tasks with `reason`, and starts fresh workers with the datasets re-shared.
   */
  async restartAll(reason: Error): Promise<void> {
    const old = this.slots;
    this.slots = old.map((s, i) => {
      this.failSlot(i, reason);
      return this.spawn(i, s.generation + 1);
    });
    await Promise.all(old.map((s) => s.worker.terminate()));
  }

  /** Tasks in flight on every slot together. */
  get busy(): number {
    return this.slots.reduce((sum, s) => sum + s.inFlight, 0);
  }

  private cancelIdleShrink(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** After the last task ends, shrink a grown pool back to its base size once it stayed idle. */
  private scheduleIdleShrink(): void {
    if (this.destroyed || this.busy > 0 || this.slots.length <= this.baseSize || !Number.isFinite(this.idleShrinkMs)) return;
    this.cancelIdleShrink();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.destroyed || this.busy > 0 || this.slots.length <= this.baseSize) return;
      this.sizeBeforeShrink = Math.max(this.sizeBeforeShrink, this.slots.length);
      this.resize(this.baseSize);
    }, this.idleShrinkMs);
    this.idleTimer.unref(); // never keeps a CLI process alive
  }

  async destroy(): Promise<void> {
    this.cancelIdleShrink();
    this.destroyed = true;
    const workers = this.slots.map((s) => s.worker);
    this.slots.forEach((_, i) => this.failSlot(i, new Error('worker pool is shut down')));
    this.slots = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private post(worker: Worker, msg: ToWorker, transfer?: ArrayBuffer[]): void {
    worker.postMessage(msg, transfer ?? []);
  }

  private spawn(index: number, generation: number): Slot {
    const target = launchTarget(this.script);
    const worker = new Worker(target.file, { workerData: { slot: index, entry: target.entry, nice: this.nice } });
    // Workers must not keep a CLI process alive once its work is done.
    worker.unref();
    let markReady: () => void = () => {};
    const ready = new Promise<void>((r) => (markReady = r));
    const slot: Slot = { worker, ready, inFlight: 0, generation };
    for (const ds of this.datasets.values()) this.post(worker, { type: 'dataset', dataset: ds });

    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'ready') return markReady();
      const p = this.pending.get(msg.taskId);
      if (!p) return;
      if (msg.type === 'progress') return p.onProgress?.(msg.data);
      this.pending.delete(msg.taskId);
      slot.inFlight--;
      if (msg.type === 'result') p.resolve(msg.value);
      else p.reject(new WorkerTaskError(msg.message, p.kind, msg.stack, msg.name));
      this.scheduleIdleShrink();
    });
    const onDeath = (why: string) => {
      if (this.destroyed || this.slots[index] !== slot) return;
      this.failSlot(index, new WorkerCrashError(`worker ${index} ${why}`));
      this.respawns++;
      this.slots[index] = this.spawn(index, generation + 1);
    };
    worker.on('error', (err) => onDeath(`crashed: ${err.message}`));
    worker.on('exit', (code) => onDeath(`exited with code ${code}`));
    return slot;
  }

  private failSlot(index: number, err: Error): void {
    for (const [id, p] of this.pending) {
      if (p.slot !== index) continue;
      this.pending.delete(id);
      const e = new (err.constructor as typeof Error)(`${err.message} while running ${p.kind}`);
      e.name = err.name;
      p.reject(e);
    }
    const s = this.slots[index];
    if (s) s.inFlight = 0;
  }
}
