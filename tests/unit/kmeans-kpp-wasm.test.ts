// k-means++ seeding's chunk operations in the wasm kernel (assembly/kmeans.ts kppUpdate/kppTrials)
// give the JavaScript loops' bits: the `closest` distances, each chunk's sum and every candidate's
// potential, over random shapes (d and candidate counts odd and even, integer data full of ties,
// several chunks, odd row counts).
import { describe, expect, it } from 'vitest';
import { OP, kppTrials } from '../../src/main/engine/kmeans/buffers.ts';
import { planChunks } from '../../src/main/engine/kmeans/chunks.ts';
import { createScratch, prepareKpp } from '../../src/main/engine/kmeans/kernel.ts';
import { kppChunk, type KppChunkState } from '../../src/main/engine/kmeans/kmeanspp.ts';
import { createRng, randInt } from '../../src/main/engine/random.ts';

const bits = (a: Float64Array) => Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length));

/** Runs FIRST, then TRIALS and UPDATE on every chunk, with the wasm kernel or the JS loops. */
function seedSteps(wasm: boolean, values: Float64Array, n: number, d: number, k: number, centre: Float64Array, cands: Float64Array, count: number) {
  const plan = planChunks(n, k, d);
  const s: KppChunkState = { values, n, d, plan, closest: new Float64Array(n), args: new Float64Array(Math.max(count, 1) * d), partials: new Float64Array(plan.numChunks * plan.stride) };
  const state = { values, n, d, k, plan, centroids: new Float64Array(k * d), labels: new Int32Array(n), partials: s.partials };
  const scratch = createScratch(k, d, plan.stride, wasm ? 'wasm' : 'js');
  const pots = new Float64Array(count);
  const out: bigint[][] = [];
  const step = (op: (typeof OP)[keyof typeof OP], args: Float64Array, c: number) => {
    s.args.set(args);
    const kernel = prepareKpp(state, scratch, s.args, c);
    expect(kernel !== null).toBe(wasm);
    for (let ch = 0; ch < plan.numChunks; ch++) kppChunk(op, c, s, ch, pots, kernel);
    out.push(bits(s.closest), bits(Float64Array.from({ length: plan.numChunks * c }, (_, i) => s.partials[Math.floor(i / c) * plan.stride + (i % c)])));
  };
  step(OP.KPP_FIRST, centre, 1);
  step(OP.KPP_TRIALS, cands, count);
  step(OP.KPP_UPDATE, cands.subarray(0, d), 1);
  step(OP.KPP_TRIALS, cands, count);
  return out;
}

describe('wasm k-means++ chunk operations', () => {
  it('give the JavaScript loops’ bits (120 random shapes)', () => {
    const rng = createRng(14);
    for (let trial = 0; trial < 120; trial++) {
      const d = [1, 2, 3, 5, 16, 17][trial % 6];
      const k = [1, 2, 5, 10, 40][randInt(rng, 5)];
      const count = kppTrials(k);
      const n = 1 + randInt(rng, 900);
      const ints = trial % 2 === 0;
      const draw = () => (ints ? randInt(rng, 4) : (rng() - 0.5) * 100);
      const values = Float64Array.from({ length: n * d }, draw);
      const centre = Float64Array.from({ length: d }, draw);
      const cands = Float64Array.from({ length: count * d }, draw);
      expect(seedSteps(true, values, n, d, k, centre, cands, count), `trial ${trial} n=${n} d=${d} k=${k}`).toEqual(seedSteps(false, values, n, d, k, centre, cands, count));
    }
  });
});
