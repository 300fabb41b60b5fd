// Entry of every pool worker. Holds the shared datasets it was given and runs named kernels.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { ekmHandlers } from '../ekm/handlers.ts';
import { kmeansHandlers } from '../kmeans/handlers.ts';
import { metricsHandlers } from '../metrics/handlers.ts';
import { isTransferable, type HandlerMap, type WorkerContext, type WorkerDataset } from './handler.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('pool worker started outside worker_threads');

const slot: number = (workerData as { slot: number }).slot;
// The pool only asks this on Linux, where a thread's nice value is its own (pool.ts PoolOptions.nice).
const nice = (workerData as { nice?: number }).nice ?? 0;
// Never below the thread's current nice value: raising priority back needs privileges.
if (nice > os.getPriority()) os.setPriority(nice);
const datasets = new Map<string, WorkerDataset>();

/** Kernels for tests of the pool itself: fault injection and timing. */
const poolHandlers: HandlerMap = {
  'pool:echo': (payload) => payload,
  'pool:slot': () => slot,
  'pool:nice': () => os.getPriority(),
  'pool:throw': (payload: { message: string }) => {
    throw new Error(payload.message);
  },
  'pool:exit': (payload: { code: number }) => process.exit(payload.code),
  'pool:sum-dataset': (payload: { id: string }, ctx) => {
    const ds = ctx.dataset(payload.id);
    let s = 0;
    for (let i = 0; i < ds.values.length; i++) s += ds.values[i];
    // Writing through the view proves the memory is shared, not a copy.
    return { sum: s, shared: ds.values.buffer instanceof SharedArrayBuffer };
  },
  'pool:write-dataset': (payload: { id: string; index: number; value: number }, ctx) => {
    ctx.dataset(payload.id).values[payload.index] = payload.value;
    return true;
  },
  // Keeps the worker busy, as a long task would, for `ms` or until the flag is set. It sleeps in
  // short Atomics.wait slices instead of spinning: a test holding a slot must not take a CPU core
  // from the tests running beside it on a 2-core machine (timed cancels would suffer).
  'pool:hold': (payload: { ms: number; cancel?: SharedArrayBuffer }) => {
    const end = Date.now() + payload.ms;
    const flag = new Int32Array(payload.cancel ?? new SharedArrayBuffer(4));
    for (let left = payload.ms; left > 0; left = end - Date.now()) {
      if (Atomics.load(flag, 0) !== 0) return 'cancelled';
      Atomics.wait(flag, 0, 0, Math.min(5, left));
    }
    return 'done';
  },
};

const handlers: HandlerMap = { ...poolHandlers, ...kmeansHandlers, ...ekmHandlers, ...metricsHandlers };

function send(msg: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(msg, transfer);
}

port.on('message', async (msg: ToWorker) => {
  if (msg.type === 'dataset') {
    const { id, n, d, buffer } = msg.dataset;
    datasets.set(id, { id, n, d, values: new Float64Array(buffer, 0, n * d) });
    return;
  }
  if (msg.type === 'drop-dataset') {
    datasets.delete(msg.id);
    return;
  }
  const { taskId, kind, payload } = msg;
  const ctx: WorkerContext = {
    slot,
    dataset(id) {
      const ds = datasets.get(id);
      if (!ds) throw new Error(`dataset ${id} is not shared with worker ${slot}`);
      return ds;
    },
    progress(data) {
      send({ type: 'progress', taskId, data });
    },
  };
  try {
    const handler = handlers[kind];
    if (!handler) throw new Error(`unknown worker task "${kind}"`);
    const value = await handler(payload, ctx);
    if (isTransferable(value)) send({ type: 'result', taskId, value: value.value }, value.__transfer);
    else send({ type: 'result', taskId, value });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    send({ type: 'error', taskId, name: e.name, message: e.message, stack: e.stack });
  }
});

send({ type: 'ready' });
