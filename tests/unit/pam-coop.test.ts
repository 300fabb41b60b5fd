// Cooperative PAM (workers split each step's candidates) against the one-thread pam(): the same
// medoids, cost, passes and swaps, alone and with two real worker threads racing for blocks.
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { DistanceRows, summationOrder } from '../../src/main/engine/ekm/distance.ts';
import { pam, type PamOutcome } from '../../src/main/engine/ekm/pam.ts';
import { allocatePamShare, cooperativePam } from '../../src/main/engine/ekm/pam-coop.ts';
import { CancelledError } from '../../src/main/engine/pool/cancel.ts';
import { createRng } from '../../src/main/engine/random.ts';

interface Instance {
  n: number;
  k: number;
  matrix: Float64Array;
}

/** Random points on a small integer grid (many ties and duplicates), squared distances. */
function instance(rng: () => number, maxN: number): Instance {
  const n = 2 + Math.floor(rng() * (maxN - 1));
  const k = 1 + Math.floor(rng() * Math.min(5, n));
  const pts = Array.from({ length: n }, () => [Math.floor(rng() * 8), Math.floor(rng() * 8)]);
  const matrix = new Float64Array(new SharedArrayBuffer(n * n * 8));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) matrix[i * n + j] = (pts[i][0] - pts[j][0]) ** 2 + (pts[i][1] - pts[j][1]) ** 2;
  return { n, k, matrix };
}

const rowsOf = (x: Instance) => new DistanceRows(x.n, 1, new Float64Array(x.n), summationOrder(x.n), 'sqeuclidean', x.matrix);

describe('cooperative PAM', () => {
  it('one participant reproduces pam() exactly (400 instances, 0–50 swap passes, 1–7 blocks)', () => {
    const rng = createRng(4242);
    for (let t = 0; t < 400; t++) {
      const x = instance(rng, 40);
      const maxIterations = [0, 1, 2, 50][t % 4];
      const blocks = 1 + (t % 7);
      const serial = pam(rowsOf(x), x.k, { maxIterations });
      const coop = cooperativePam(rowsOf(x), x.k, allocatePamShare(x.k, blocks, maxIterations), { poll: () => {}, spin: false });
      expect(coop).toEqual(serial);
    }
  });

  describe('two worker threads', () => {
    const workers = [0, 1].map(() => new Worker(new URL('../../src/main/engine/pool/ts-bootstrap.mjs', import.meta.url), { workerData: { entry: new URL('./fixtures/pam-coop-worker.ts', import.meta.url).href, spin: true } }));
    afterAll(() => Promise.all(workers.map((w) => w.terminate())));
    const ask = (w: Worker, job: object) =>
      new Promise<PamOutcome>((resolve, reject) => {
        const fail = (err: Error) => reject(err);
        w.once('error', fail);
        w.once('message', (out: PamOutcome) => {
          w.off('error', fail);
          resolve(out);
        });
        w.postMessage(job);
      });

    it('both return pam()’s answer (60 instances up to n = 120, 8 blocks per step)', async () => {
      const rng = createRng(777);
      for (let t = 0; t < 60; t++) {
        const x = instance(rng, 120);
        const serial = pam(rowsOf(x), x.k, { maxIterations: 50 });
        const job = { matrix: x.matrix.buffer, n: x.n, k: x.k, share: allocatePamShare(x.k, Math.min(x.n, 8), 50), started: new SharedArrayBuffer(4) };
        const answers = await Promise.all(workers.map((w) => ask(w, job)));
        expect(answers[0]).toEqual(serial);
        expect(answers[1]).toEqual(serial);
      }
    }, 60_000);
  });

  it('a poll that throws stops it (cancel)', () => {
    const x = instance(createRng(9), 40);
    const poll = () => {
      throw new CancelledError();
    };
    expect(() => cooperativePam(rowsOf(x), x.k, allocatePamShare(x.k, 2, 5), { poll, spin: false })).toThrow(CancelledError);
  });
});
