// The Hamerly kernel ('wasm-hamerly') gives the distance form's bits: pass by pass against the JS
// kernel (labels and every partial record, bit for bit) while really skipping most full scans;
// whole runs identical to the JS kernel for the serial driver, 1, 2 and 4 workers and the message
// transport, on blobs, uniform data and integer data full of ties and duplicates; labels equal to
// the independent reference Lloyd.
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { makeBlobs } from '../../src/main/engine/dataset/synthetic.ts';
import { planChunks } from '../../src/main/engine/kmeans/chunks.ts';
import { resolveKMeansParams, runKMeans, type KMeansRunOptions } from '../../src/main/engine/kmeans/index.ts';
import { assignChunks, createScratch, HAMERLY_MIN_DK, resolveKernel, type PassState } from '../../src/main/engine/kmeans/kernel.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createNormal, createRng, randInt } from '../../src/main/engine/random.ts';
import type { KMeansResult } from '../../src/shared/types.ts';
import { referenceLloyd } from './kmeans-reference.ts';

const pool = new WorkerPool({ size: 4 });
afterAll(() => pool.destroy());

const bits = (a: Float64Array) => Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length));

/** Plain mean update from the JS kernel's records (the test's own Lloyd step). */
function meanUpdate(partials: Float64Array, numChunks: number, stride: number, k: number, d: number, old: Float64Array): Float64Array {
  const next = old.slice();
  for (let j = 0; j < k; j++) {
    let count = 0;
    const sum = new Float64Array(d);
    for (let c = 0; c < numChunks; c++) {
      count += partials[c * stride + k * d + j];
      for (let t = 0; t < d; t++) sum[t] += partials[c * stride + j * d + t];
    }
    if (count > 0) for (let t = 0; t < d; t++) next[j * d + t] = sum[t] / count;
  }
  return next;
}

describe('Hamerly kernel', () => {
  it('pass by pass: the JS kernel’s labels and records, bit for bit, with most full scans skipped', () => {
    const rng = createRng(31);
    let scanned = 0;
    let rowsPassed = 0;
    for (let trial = 0; trial < 24; trial++) {
      const d = [1, 2, 3, 16, 17, 40][trial % 6];
      const k = [1, 2, 5, 9, 16, 40][randInt(rng, 6)];
      const n = 200 + randInt(rng, 1500);
      const ints = trial % 3 === 0;
      const normal = createNormal(rng);
      const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => normal() * 8));
      const values = Float64Array.from({ length: n * d }, (_, i) => (ints ? randInt(rng, 3) : centres[Math.floor(i / d) % k][i % d] + normal()));
      const plan = planChunks(n, k, d);
      const make = (): PassState => ({ values, n, d, k, plan, centroids: Float64Array.from({ length: k * d }, (_, i) => values[i]), labels: new Int32Array(n).fill(-1), partials: new Float64Array(plan.numChunks * plan.stride) });
      const js = make();
      const ham = { ...make(), previous: new Float64Array(k * d), lower: new Float64Array(n) };
      const jsScratch = createScratch(k, d, plan.stride, 'js');
      const hamScratch = createScratch(k, d, plan.stride, 'wasm-hamerly');
      for (let pass = 0; pass < 8; pass++) {
        assignChunks(js, jsScratch, 0, plan.numChunks, () => false);
        assignChunks(ham, hamScratch, 0, plan.numChunks, () => false);
        expect(Array.from(ham.labels), `trial ${trial} pass ${pass}`).toEqual(Array.from(js.labels));
        expect(bits(ham.partials)).toEqual(bits(js.partials));
        const next = meanUpdate(js.partials, plan.numChunks, plan.stride, k, d, js.centroids);
        ham.previous.set(ham.centroids);
        js.centroids.set(next);
        ham.centroids.set(next);
        if (pass > 0) rowsPassed += n;
      }
      scanned += hamScratch.wasm!.scannedRows - n; // the first pass scans every row
    }
    // Clustered data: most rows keep their centroid provably after the first passes.
    expect(scanned).toBeLessThan(0.6 * rowsPassed);
  });

  const fingerprint = (r: KMeansResult) => ({ labels: Array.from(r.labels), centroids: r.centroids, inertia: r.inertia, history: r.history.map((h) => [h.changed, h.inertia]), iterations: r.iterations, stop: r.stopReason });
  const rng = createRng(5);
  const datasets = [
    { name: 'blobs d=2', ds: makeBlobs({ n: 5000, centers: 12, seed: 3, spread: 2 }).dataset, k: 12 },
    { name: 'blobs d=16', ds: makeBlobs({ n: 4000, centers: 9, d: 16, seed: 4 }).dataset, k: 9 },
    { name: 'uniform d=5', ds: datasetFromRows(Array.from({ length: 3000 }, () => Array.from({ length: 5 }, () => rng() * 10))), k: 7 },
    { name: 'integers with ties d=3', ds: datasetFromRows(Array.from({ length: 2500 }, () => Array.from({ length: 3 }, () => randInt(rng, 4)))), k: 10 },
  ];
  for (const { name, ds, k } of datasets) {
    it(`${name}: whole runs give the JS kernel’s bits for P = 0, 1, 2, 4 and the message transport`, async () => {
      for (const [init, nInit] of [['kmeans++', 2], ['random', 1]] as const) {
        const params = (workers: number) => resolveKMeansParams({ k, init, nInit, seed: 9, workers, maxIterations: 60, changedFraction: 0, tolerance: 0 }, ds.n);
        const reference = fingerprint(await runKMeans(ds, params(0), { pool, kernel: 'js' }));
        const configs: [number, KMeansRunOptions['transport']][] = [[0, 'barrier'], [1, 'barrier'], [2, 'barrier'], [4, 'barrier'], [2, 'message']];
        for (const [workers, transport] of configs) {
          const r = await runKMeans(ds, params(workers), { pool, kernel: 'wasm-hamerly', transport });
          expect(fingerprint(r), `${init} P=${workers} ${transport}`).toEqual(reference);
        }
      }
    });
  }

  it('matches the reference Lloyd: labels equal, inertia within 1e-12 relative', async () => {
    const normal = createNormal(createRng(22));
    for (const [n, d, k] of [[800, 2, 5], [1000, 16, 10], [700, 33, 17]]) {
      const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => normal() * 6));
      const X = Array.from({ length: n }, (_, i) => centres[i % k].map((m) => m + normal()));
      const init = Array.from({ length: k }, (_, j) => X[(j * 37) % n]);
      const ref = referenceLloyd(X, init, 0, 100);
      const res = await runKMeans(datasetFromRows(X), resolveKMeansParams({ k, init: 'given', initialCentroids: init, changedFraction: 0, tolerance: 0, maxIterations: 100, workers: 2 }), { pool, kernel: 'wasm-hamerly' });
      expect(Array.from(res.labels)).toEqual(ref.labels);
      expect(res.iterations).toBe(ref.iterations);
      expect(Math.abs(res.inertia - ref.inertia)).toBeLessThanOrEqual(1e-12 * ref.inertia);
    }
  });

  it("'auto' takes Hamerly's bounds from d·k = HAMERLY_MIN_DK on, the plain kernel below, and the JS kernel's bits either way", async () => {
    expect(resolveKernel('auto', 1000, 2, 10)).toBe('auto');
    expect(resolveKernel('auto', 1000, 2, HAMERLY_MIN_DK / 2)).toBe('wasm-hamerly');
    expect(resolveKernel('auto', 1000, 16, 10)).toBe('wasm-hamerly');
    expect(resolveKernel('js', 1000, 16, 10)).toBe('js');
    // Too big for the wasm copy: 'auto' must not force a kernel that cannot run.
    expect(resolveKernel('auto', 2 ** 28, 16, 10)).toBe('auto');
    for (const [d, k] of [[2, 10], [16, 10]]) {
      const ds = makeBlobs({ n: 3000, centers: k, d, seed: 8 }).dataset;
      const params = (workers: number) => resolveKMeansParams({ k, init: 'kmeans++', nInit: 2, seed: 4, workers, maxIterations: 50, changedFraction: 0, tolerance: 0 }, ds.n);
      const reference = fingerprint(await runKMeans(ds, params(0), { pool, kernel: 'js' }));
      for (const workers of [0, 1, 2, 4]) expect(fingerprint(await runKMeans(ds, params(workers), { pool })), `d=${d} k=${k} P=${workers}`).toEqual(reference);
    }
  });
});
