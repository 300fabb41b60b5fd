// A finished EKM/PAM run must not leave its n² distance matrix alive in idle workers (issue 12,
// found by bench:soak: +800 MB RSS per PAM run at N = 10,000). Workers drop their per-run views
// and collect once the run settles; measured here as the shared memory still referenced.
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { runEkm, runPam } from '../../src/main/engine/ekm/index.ts';
import { collectGarbage } from '../../src/main/engine/pool/collect-garbage.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';

const N = 3000; // matrix 3000² × 8 B = 72 MB: above the 64 MB collect threshold
const MATRIX_BYTES = N * N * 8;
let seed = 7;
const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 100;
const ds = datasetFromRows(Array.from({ length: N }, () => [rand(), rand()]), ['x', 'y'], 'release-3000');

const pool = new WorkerPool({ size: 2 });
afterAll(() => pool.destroy());

/** Shared and array buffer memory still referenced by any thread, after collecting here too. */
async function heldBuffers(): Promise<number> {
  await new Promise((r) => setTimeout(r, 50));
  collectGarbage();
  return process.memoryUsage().arrayBuffers;
}

describe('runs release their distance matrix', () => {
  it('three PAM runs in a row leave less than one matrix referenced', async () => {
    const before = await heldBuffers();
    for (let i = 0; i < 3; i++) await runPam(ds, { k: 2, distance: 'sqeuclidean' }, { pool });
    // Polled: the last worker's collection can land a moment after the run resolves.
    await expect.poll(async () => (await heldBuffers()) - before, { timeout: 3000 }).toBeLessThan(MATRIX_BYTES / 2);
  });

  it('an EKM run on the pool too (K = 1: every set is summed, the matrix is used by both workers)', async () => {
    const before = await heldBuffers();
    const res = await runEkm(ds, { k: 1, variant: 'fused', distance: 'sqeuclidean', workers: 2 }, { pool });
    expect(res.medoids).toHaveLength(1);
    // The engine keeps one matrix buffer of at most 64 MB for the next run; this one is larger.
    await expect.poll(async () => (await heldBuffers()) - before, { timeout: 3000 }).toBeLessThan(MATRIX_BYTES / 2);
  });
});
