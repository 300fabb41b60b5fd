// k-means++ seeding reports progress (#14: at 10⁶ rows it is seconds of work before the first
// iteration): every centre of every restart, in order, before that restart's first iteration,
// for the serial driver, every worker count and the message transport; the answers stay
// bit-identical with and without a listener and for every worker count.
import { afterAll, describe, expect, it } from 'vitest';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { resolveKMeansParams, runKMeans, type KMeansRunOptions } from '../../src/main/engine/kmeans/index.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import type { KMeansResult } from '../../src/shared/types.ts';

const pool = new WorkerPool({ size: 4 });
afterAll(() => pool.destroy());

const ds = makeBlobs({ n: 6000, centers: 9, seed: 21, spread: 2 }).dataset;
const K = 9;
const N_INIT = 2;

function answer(r: KMeansResult) {
  return { labels: Array.from(r.labels), centroids: r.centroids, initial: r.initialCentroids, inertia: r.inertia, history: r.history.map((h) => [h.changed, h.inertia]) };
}

type Event = { kind: 'seed'; restart: number; centres: number; k: number } | { kind: 'iteration'; restart: number; iteration: number };

async function runWithEvents(workers: number, transport: KMeansRunOptions['transport'], progressIntervalMs?: number) {
  const events: Event[] = [];
  const params = resolveKMeansParams({ k: K, workers, init: 'kmeans++', nInit: N_INIT, seed: 3 }, ds.n);
  const result = await runKMeans(ds, params, {
    pool,
    transport,
    progressIntervalMs,
    onSeeding: (s) => events.push({ kind: 'seed', ...s }),
    onIteration: (rec) => events.push({ kind: 'iteration', restart: rec.restart, iteration: rec.iteration }),
  });
  return { result, events };
}

describe('k-means++ seeding progress', () => {
  const configs: [number, KMeansRunOptions['transport']][] = [
    [0, 'barrier'],
    [1, 'barrier'],
    [2, 'barrier'],
    [4, 'barrier'],
    [2, 'message'],
  ];

  it('every centre of every restart arrives, in order, before the restart’s first iteration; answers unchanged', async () => {
    const reference = answer(await runKMeans(ds, resolveKMeansParams({ k: K, workers: 0, init: 'kmeans++', nInit: N_INIT, seed: 3 }, ds.n), { pool }));
    for (const [workers, transport] of configs) {
      const { result, events } = await runWithEvents(workers, transport, 0);
      const label = `P=${workers} ${transport}`;
      expect(answer(result), label).toEqual(reference);
      for (let restart = 0; restart < N_INIT; restart++) {
        const seeds = events.filter((e) => e.kind === 'seed' && e.restart === restart);
        expect(seeds.map((e) => (e.kind === 'seed' ? e.centres : 0)), label).toEqual(Array.from({ length: K }, (_, j) => j + 1));
        expect(seeds.every((e) => e.kind === 'seed' && e.k === K)).toBe(true);
        const lastSeed = events.lastIndexOf(seeds[seeds.length - 1]);
        const firstIteration = events.findIndex((e) => e.kind === 'iteration' && e.restart === restart);
        expect(firstIteration, label).toBeGreaterThan(lastSeed);
        // And after the previous restart's iterations: seeding is its own phase.
        if (restart > 0) expect(events.findIndex((e) => e.kind === 'iteration' && e.restart === restart - 1)).toBeLessThan(events.indexOf(seeds[0]));
      }
    }
  });

  it('with the default throttle the first centre is always reported, before any iteration', async () => {
    for (const [workers, transport] of configs) {
      const { events } = await runWithEvents(workers, transport);
      const first = events.findIndex((e) => e.kind === 'seed');
      expect(first, `P=${workers} ${transport}`).toBeGreaterThanOrEqual(0);
      expect(events[first]).toMatchObject({ restart: 0, centres: 1, k: K });
      expect(events.findIndex((e) => e.kind === 'iteration')).toBeGreaterThan(first);
    }
  });

  it('random starts report no seeding', async () => {
    const events: unknown[] = [];
    await runKMeans(ds, resolveKMeansParams({ k: K, workers: 2, init: 'random', seed: 3 }, ds.n), { pool, progressIntervalMs: 0, onSeeding: (s) => events.push(s) });
    expect(events).toEqual([]);
  });
});
