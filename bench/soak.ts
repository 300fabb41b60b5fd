// `npm run bench:soak`: many back-to-back runs through the services layer (the same dispatch the
// app and the web host use), printing heap and RSS growth after a warm-up, the longest event-loop
// stall, and the thread count before, during and after a 64-worker run (the pool shrinks back to
// its base size when idle). Targets (issue 12): < 50 MB growth after the first 10 runs; threads
// back to the base count. Nothing is asserted: the numbers are printed.
//   tsx bench/soak.ts [--runs 200] [--quick]
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { createDispatch } from '../src/main/services/dispatch.ts';
import { Workbench } from '../src/main/services/workbench.ts';
import type { Envelope } from '../src/shared/contract/index.ts';
import { formatTable } from './bench-utils.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runsFlag = args.indexOf('--runs');
const RUNS = runsFlag >= 0 ? Number(args[runsFlag + 1]) : quick ? 40 : 200;
const WARMUP = 10;
const IDLE_SHRINK_MS = 1000;

function threads(): number | null {
  try {
    return Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN);
  } catch {
    return null;
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const gc = (globalThis as { gc?: () => void }).gc;

function settle(): void {
  gc?.();
  gc?.();
}

async function main(): Promise<void> {
  const historyDir = await mkdtemp(join(os.tmpdir(), 'clusterbench-soak-'));
  const workbench = new Workbench({ samplesDir: resolve('resources'), historyDir, transport: 'web', poolSize: 2, poolIdleShrinkMs: IDLE_SHRINK_MS });
  const dispatch = createDispatch(workbench.handlers());
  const ctx = { emit: () => undefined };
  let job = 0;
  /** Longest event-loop stall seen during calls of each channel, in ms. */
  const stallBy = new Map<string, number>();
  const call = async <T>(channel: string, payload: Record<string, unknown>): Promise<T> => {
    const before = loop.max;
    loop.reset();
    const env = (await dispatch(channel as never, { jobId: `soak-${job++}`, ...payload } as never, ctx)) as Envelope<T>;
    const during = loop.max / 1e6;
    stallBy.set(channel, Math.max(stallBy.get(channel) ?? 0, during));
    overallMax = Math.max(overallMax, before / 1e6, during);
    if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
    return env.value;
  };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  let overallMax = 0;
  try {
    const opened = await call<{ id: string }>('dataset:open', { path: resolve('resources/blobs-10k.csv') });
    const datasetId = opened.id;
    const baseThreads = threads();
    const samples: { run: number; heap: number; rss: number }[] = [];
    let base: { heap: number; rss: number } | null = null;
    loop.enable();
    const started = performance.now();
    for (let r = 1; r <= RUNS; r++) {
      // Mostly k-means (the common run), with a PAM and a tiny experiment mixed in.
      if (r % 25 === 0) await call('experiment:run', { datasetId, spec: { algorithm: 'kmeans', kmeans: { k: 3 }, workers: [1, 2], sizes: [2000], ks: [3], repeats: 1, warmup: false } });
      else if (r % 10 === 0) await call('pam:run', { datasetId, k: 3, distance: 'sqeuclidean', seed: r });
      else await call('kmeans:run', { datasetId, params: { k: 3 + (r % 5), seed: r, workers: 1 + (r % 2) } });
      if (r === WARMUP || r === RUNS || r % 50 === 0) {
        settle();
        const m = process.memoryUsage();
        if (r === WARMUP) base = { heap: m.heapUsed, rss: m.rss };
        samples.push({ run: r, heap: m.heapUsed, rss: m.rss });
      }
    }
    const soakMs = performance.now() - started;
    loop.disable();

    // One wide run, then idle: the pool should shrink back to its two base workers.
    await call('kmeans:run', { datasetId, params: { k: 5, seed: 1, workers: 64 } });
    const wideThreads = threads();
    // Workers still starting finish their start-up tasks first; then the idle timer runs.
    const waitStart = performance.now();
    while (workbench.pool.size > 2 && performance.now() - waitStart < 120_000) await new Promise((r) => setTimeout(r, 200));
    // Terminated threads need a moment to exit (longer on a loaded machine): wait until the count settles.
    for (let last = -1, t = threads(); t !== null && t !== last && performance.now() - waitStart < 120_000; last = t, t = threads()) {
      await new Promise((r) => setTimeout(r, 500));
    }
    const shrinkMs = performance.now() - waitStart;
    const afterThreads = threads();

    console.log(`Soak: ${RUNS} runs through the services layer on resources/blobs-10k.csv (10,000 × 2) in ${(soakMs / 1000).toFixed(1)} s; gc exposed: ${gc ? 'yes' : 'no (run with node --expose-gc for steadier numbers)'}\n`);
    console.log(
      formatTable([
        ['after run', 'heap used MB', 'RSS MB', 'heap growth MB', 'RSS growth MB'],
        ...samples.map((s) => [String(s.run), mb(s.heap), mb(s.rss), base ? mb(s.heap - base.heap) : '', base ? mb(s.rss - base.rss) : '']),
      ]),
    );
    const last = samples[samples.length - 1];
    console.log(`\nGrowth after the first ${WARMUP} runs: heap ${mb(last.heap - base!.heap)} MB, RSS ${mb(last.rss - base!.rss)} MB (target < 50 MB).`);
    console.log(`Longest event-loop stall during the soak: ${overallMax.toFixed(1)} ms; by channel: ${[...stallBy].map(([c, ms]) => `${c} ${ms.toFixed(0)} ms`).join(', ')}.`);
    console.log(
      `Threads: ${baseThreads} with the 2-worker pool, ${wideThreads} right after a 64-worker run, ${afterThreads} ${(shrinkMs / 1000).toFixed(1)} s later (idle shrink after ${IDLE_SHRINK_MS / 1000} s; pool size now ${workbench.pool.size}).`,
    );
  } finally {
    await workbench.dispose();
    await rm(historyDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
