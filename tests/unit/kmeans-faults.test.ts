// Failure and cancellation: a worker that throws or dies fails the run with a clear error, the
// pool heals, the next run succeeds; cancel stops every participant promptly.
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { resolveKMeansParams, runKMeans } from '../../src/main/engine/kmeans/index.ts';
import { CancelToken } from '../../src/main/engine/pool/cancel.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createRng } from '../../src/main/engine/random.ts';
import type { KMeansResult } from '../../src/shared/types.ts';

const pool = new WorkerPool({ size: 3 });
afterAll(() => pool.destroy());

// Uniform data converges slowly, so a run lasts many passes after a fault: the main thread hears of
// a failed helper (asynchronously) long before the coordinator could finish on its own.
const rng = createRng(5);
const dataset = datasetFromRows(Array.from({ length: 20_000 }, () => [rng(), rng()]));
const params = (workers: number) => resolveKMeansParams({ k: 20, seed: 3, workers, init: 'random', changedFraction: 0, tolerance: 0, maxIterations: 300 });
const answer = (r: KMeansResult) => ({ labels: Array.from(r.labels), centroids: r.centroids, inertia: r.inertia });

describe('worker failures', () => {
  let expected: ReturnType<typeof answer>;

  it('reference answer (a long run: the faults below strike early in it)', async () => {
    const r = await runKMeans(dataset, params(0), { pool });
    expect(r.iterations).toBeGreaterThan(40);
    expected = answer(r);
  });

  // Random-row initialisation: operation 1 is Lloyd's first pass. A helper that starts late joins at
  // the newest operation, so its fault fires at the first operation it sees from `pass` on.
  for (const [mode, participant, pass, pattern] of [
    ['throw', 1, 3, /k-means run failed: injected fault in k-means participant 1 at pass \d+/],
    ['throw', 0, 12, /k-means run failed: injected fault in k-means participant 0 at pass 12/],
    ['exit', 2, 4, /k-means run failed: worker 2 exited with code 3 while running kmeans:help/],
    ['exit', 0, 2, /k-means run failed: worker 0 exited with code 3 while running kmeans:fit/],
  ] as const) {
    it(`participant ${participant} that ${mode}s at operation ${pass} fails the run clearly; the next run succeeds`, async () => {
      const respawns = pool.respawns;
      await expect(runKMeans(dataset, params(3), { pool, fault: { pass, participant, mode } })).rejects.toThrow(pattern);
      expect(pool.respawns).toBe(respawns + (mode === 'exit' ? 1 : 0));
      expect(answer(await runKMeans(dataset, params(3), { pool }))).toEqual(expected);
      expect(answer(await runKMeans(dataset, params(0), { pool }))).toEqual(expected);
    });
  }

  it('a failing worker under the message transport fails the run too', async () => {
    await expect(runKMeans(dataset, params(2), { pool, transport: 'message', fault: { pass: 2, participant: 1, mode: 'throw' } })).rejects.toThrow(
      /k-means run failed: injected fault in k-means participant 1 at pass 2/,
    );
    expect(answer(await runKMeans(dataset, params(2), { pool, transport: 'message' }))).toEqual(expected);
  });
});

describe('cancellation', () => {
  // Uniform data converges slowly: thousands of iterations, far longer than the test waits.
  const rng = createRng(9);
  const slow = datasetFromRows(Array.from({ length: 120_000 }, () => [rng(), rng()]));
  const long = (workers: number) => resolveKMeansParams({ k: 40, seed: 1, workers, init: 'random', changedFraction: 0, tolerance: 0, maxIterations: 100_000 });

  for (const workers of [0, 3]) {
    // retry: a stall of the whole VM must not fail the build; a really slow cancel fails all tries.
    it(`cancel during iteration stops ${workers === 0 ? 'the serial driver' : `${workers} workers`} within 200 ms`, { retry: 2 }, async () => {
      const token = new CancelToken();
      let cancelledAt = 0;
      const run = runKMeans(slow, long(workers), {
        pool,
        token,
        onIteration: (rec) => {
          if (rec.iteration === 3) {
            cancelledAt = performance.now();
            token.cancel('user pressed stop');
          }
        },
      });
      const err = await run.then(
        () => null,
        (e: Error) => e,
      );
      const latency = performance.now() - cancelledAt;
      expect(cancelledAt).toBeGreaterThan(0);
      expect(err?.name).toBe('CancelledError');
      expect(err?.message).toBe('user pressed stop');
      expect(latency).toBeLessThan(200);
      // Every participant let go: a new run on the same slots completes normally.
      expect(answer(await runKMeans(dataset, params(3), { pool }))).toBeTruthy();
    });
  }

  it('a token cancelled before the start rejects at once', async () => {
    const token = new CancelToken();
    token.cancel();
    await expect(runKMeans(dataset, params(2), { pool, token })).rejects.toMatchObject({ name: 'CancelledError' });
  });

  it('cancel during k-means++ initialisation stops too', async () => {
    const token = new CancelToken();
    const big = resolveKMeansParams({ k: 400, seed: 1, workers: 2, init: 'kmeans++' });
    const run = runKMeans(slow, big, { pool, token });
    setTimeout(() => token.cancel(), 30);
    const t0 = performance.now();
    await expect(run).rejects.toMatchObject({ name: 'CancelledError' });
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
