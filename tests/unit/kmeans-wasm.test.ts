// The WebAssembly SIMD assignment kernel: bit for bit the JavaScript kernel's labels and partial
// records (sums, counts, changed, inertia) over random shapes — d and k not multiples of 2 or 8,
// odd row counts, integer data full of ties, huge values whose distances overflow — labels equal
// to a brute-force oracle, whole runs against the independent reference Lloyd, and the same answer
// for every worker count.
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { planChunks } from '../../src/main/engine/kmeans/chunks.ts';
import { resolveKMeansParams, runKMeans } from '../../src/main/engine/kmeans/index.ts';
import { assignChunks, createScratch, type KernelChoice, type PassState } from '../../src/main/engine/kmeans/kernel.ts';
import { WorkerPool } from '../../src/main/engine/pool/pool.ts';
import { createNormal, createRng, randInt } from '../../src/main/engine/random.ts';
import { kmeansWasmModule } from '../../src/main/engine/wasm/kmeans-wasm.ts';
import { referenceLloyd } from './kmeans-reference.ts';

const pool = new WorkerPool({ size: 2 });
afterAll(() => pool.destroy());

function runPass(kernel: KernelChoice, values: Float64Array, n: number, d: number, centroids: Float64Array, k: number, prev: Int32Array) {
  const plan = planChunks(n, k, d);
  const state: PassState = { values, n, d, k, plan, centroids, labels: prev.slice(), partials: new Float64Array(plan.numChunks * plan.stride) };
  const scratch = createScratch(k, d, plan.stride, kernel);
  expect(assignChunks(state, scratch, 0, plan.numChunks, () => false)).toBe(true);
  expect(scratch.wasm == null).toBe(kernel === 'js');
  return { ...state, mode: scratch.wasm?.passMode };
}

/** Lowest index among the nearest centroids, distances as a plain double sum (oracle). */
function bruteLabels(values: Float64Array, n: number, d: number, c: Float64Array, k: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    let best = 0;
    let bestDist = Infinity;
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += (values[i * d + t] - c[j * d + t]) ** 2;
      if (s < bestDist) [best, bestDist] = [j, s];
    }
    return best;
  });
}

const bits = (a: Float64Array) => Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length));

describe('wasm assignment kernel', () => {
  it('is available in this runtime (SIMD128)', () => {
    expect(kmeansWasmModule()).not.toBeNull();
  });

  const shapes = { ints: (rng: () => number) => randInt(rng, 5) - 2, floats: (rng: () => number) => (rng() - 0.5) * 1e3 };
  // The dot form gives the same bits as the distance form (near-ties are re-checked exactly).
  for (const [kind, draw] of Object.entries(shapes)) for (const kernel of ['wasm', 'wasm-dot'] as const) {
    it(`${kernel}: bit-identical to the JS kernel and equal to brute force (${kind}, 150 random shapes)`, () => {
      const rng = createRng(kind === 'ints' ? 11 : 12);
      const ds = [1, 2, 3, 5, 7, 8, 9, 16, 17, 33];
      const ks = [1, 2, 3, 7, 8, 9, 13, 16, 17, 40];
      for (let trial = 0; trial < 150; trial++) {
        const d = ds[trial % ds.length];
        const k = ks[randInt(rng, ks.length)];
        // Up to 3 chunks (256-row minimum), odd counts included.
        const n = 1 + randInt(rng, 700);
        const values = Float64Array.from({ length: n * d }, () => draw(rng));
        const centroids = Float64Array.from({ length: k * d }, () => draw(rng));
        const prev = Int32Array.from({ length: n }, () => randInt(rng, k + 1) - 1);
        const js = runPass('js', values, n, d, centroids, k, prev);
        const wasm = runPass(kernel, values, n, d, centroids, k, prev);
        expect(wasm.mode).toBe(kernel === 'wasm' ? 'distance' : 'dot');
        expect(Array.from(wasm.labels)).toEqual(Array.from(js.labels));
        expect(bits(wasm.partials)).toEqual(bits(js.partials));
        expect(Array.from(wasm.labels)).toEqual(bruteLabels(values, n, d, centroids, k));
      }
    });
  }

  it('rows whose distances all overflow go to cluster 0, as in the JS kernel (the dot form steps back to distances)', () => {
    const n = 5;
    const d = 3;
    const k = 11;
    const values = Float64Array.from({ length: n * d }, (_, i) => (i % 2 ? 1e300 : -1e300));
    const centroids = Float64Array.from({ length: k * d }, (_, i) => (i % 3 ? -1e300 : 1e300));
    const prev = Int32Array.from([4, -1, 10, 0, 3]);
    const js = runPass('js', values, n, d, centroids, k, prev);
    for (const kernel of ['wasm', 'wasm-dot'] as const) {
      const wasm = runPass(kernel, values, n, d, centroids, k, prev);
      expect(wasm.mode).toBe('distance');
      expect(Array.from(wasm.labels)).toEqual(Array.from(js.labels));
      expect(bits(wasm.partials)).toEqual(bits(js.partials));
    }
  });

  it('the dot form gives the distance form’s bits on near-ties too (rows re-checked from exact distances)', () => {
    // Centroids 1e-11 apart, rows of magnitude 1e4: the scores alone would often pick the wrong
    // centroid; and rows exactly between two centroids (ties) must go to the lower index.
    const rng = createRng(9);
    let rechecked = 0;
    for (const d of [1, 2, 6, 17]) {
      const n = 400;
      const values = Float64Array.from({ length: n * d }, () => rng() * 100 + 1e4);
      const k = 4;
      // All four centroids within 1e-11 of one point: their distances to a row differ by ~1e-9,
      // below the scores' rounding (~1e-16 × ‖x‖² ≈ 1e-8 · d).
      const base = Array.from({ length: d }, () => rng() * 100 + 1e4);
      const centroids = Float64Array.from({ length: k * d }, (_, i) => base[i % d] + (rng() - 0.5) * 1e-11);
      // A few rows at centroids 0 and 2's midpoint in every coordinate (ties, or nearly).
      for (let i = 0; i < 20; i++) for (let t = 0; t < d; t++) values[i * d + t] = (centroids[t] + centroids[2 * d + t]) / 2;
      const prev = new Int32Array(n).fill(-1);
      const js = runPass('js', values, n, d, centroids, k, prev);
      const dot = runPass('wasm-dot', values, n, d, centroids, k, prev);
      expect(dot.mode).toBe('dot');
      expect(Array.from(dot.labels)).toEqual(Array.from(js.labels));
      expect(bits(dot.partials)).toEqual(bits(js.partials));
      // The scores' own choice differs from the exact one here, so the check really ran.
      const score = (i: number, j: number) => {
        let s = 0;
        for (let t = 0; t < d; t++) s += centroids[j * d + t] * centroids[j * d + t];
        for (let t = 0; t < d; t++) s += values[i * d + t] * (-2 * centroids[j * d + t]);
        return s;
      };
      for (let i = 0; i < n; i++) {
        const byScore = [0, 1, 2, 3].reduce((b, j) => (score(i, j) < score(i, b) ? j : b), 0);
        if (byScore !== js.labels[i]) rechecked++;
      }
    }
    expect(rechecked).toBeGreaterThan(100);
  });

  it('one thread serves datasets and runs of different shapes in turn (per-pass re-preparation)', () => {
    const rng = createRng(3);
    const a = Float64Array.from({ length: 300 * 4 }, () => rng());
    const b = Float64Array.from({ length: 100 * 9 }, () => rng());
    for (const [values, n, d, k] of [[a, 300, 4, 5], [b, 100, 9, 17], [a, 300, 4, 40], [b, 100, 9, 2]] as const) {
      const c = Float64Array.from({ length: k * d }, () => rng());
      const prev = new Int32Array(n).fill(-1);
      expect(bits(runPass('wasm', values, n, d, c, k, prev).partials)).toEqual(bits(runPass('js', values, n, d, c, k, prev).partials));
    }
  });
});

describe('k-means runs on the wasm kernel', () => {
  for (const kernel of ['wasm', 'wasm-dot'] as const) it(`${kernel}: match the reference Lloyd: labels equal, inertia within 1e-12 relative (d = 1…33, k = 3…17)`, async () => {
    const rng = createRng(21);
    const normal = createNormal(rng);
    for (const [n, d, k] of [[500, 1, 3], [777, 3, 9], [1000, 16, 10], [601, 33, 17], [900, 7, 8]]) {
      const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => normal() * 6));
      const X = Array.from({ length: n }, (_, i) => centres[i % k].map((m) => m + normal()));
      const init = Array.from({ length: k }, (_, j) => X[(j * 37) % n]);
      const ref = referenceLloyd(X, init, 0, 100);
      const res = await runKMeans(datasetFromRows(X), resolveKMeansParams({ k, init: 'given', initialCentroids: init, changedFraction: 0, tolerance: 0, maxIterations: 100, workers: 0 }), { pool, kernel });
      expect(Array.from(res.labels)).toEqual(ref.labels);
      expect(res.iterations).toBe(ref.iterations);
      expect(Math.abs(res.inertia - ref.inertia)).toBeLessThanOrEqual(1e-12 * ref.inertia);
    }
  });

  it('give the same bits as the JS kernel for workers 0, 1 and 2', async () => {
    const normal = createNormal(createRng(8));
    const X = Array.from({ length: 6000 }, (_, i) => Array.from({ length: 5 }, (_, t) => ((i * 7 + t) % 4) * 5 + normal()));
    const ds = datasetFromRows(X);
    const answers = [];
    for (const kernel of ['js', 'wasm', 'wasm-dot'] as const) {
      for (const workers of [0, 1, 2]) {
        const r = await runKMeans(ds, resolveKMeansParams({ k: 9, init: 'kmeans++', seed: 5, nInit: 2, workers }), { pool, kernel });
        answers.push({ labels: Array.from(r.labels), centroids: r.centroids, inertia: r.inertia, history: r.history.map((h) => [h.changed, h.inertia]) });
      }
    }
    for (const a of answers) expect(a).toEqual(answers[0]);
  });
});
