// Greedy k-means++ (Arthur & Vassilvitskii; scikit-learn's variant: each new centre is the best, by
// resulting potential, of 2 + ⌊ln k⌋ candidates sampled with probability ∝ D(x)²), spread over the
// same chunks as Lloyd's passes. Per-chunk sums are reduced in chunk order and the candidates are
// sampled from chunk sums, then rows, so the chosen centres do not depend on the worker count.
import { OP, kppTrials, type ChunkOp } from './buffers.ts';
import type { ChunkPlan } from './chunks.ts';
import type { WasmAssignKernel } from '../wasm/kmeans-wasm.ts';
import { sqDistRow } from './sq-dist.ts';

export interface KppChunkState {
  values: Float64Array;
  n: number;
  d: number;
  plan: ChunkPlan;
  /** Squared distance of every row to its closest chosen centre. */
  closest: Float64Array;
  /** The centre (FIRST/UPDATE) or the candidates (TRIALS), count·d values. */
  args: Float64Array;
  /** Chunk c's results go to partials[c·stride + t] (stride ≥ k + 3 > number of candidates). */
  partials: Float64Array;
}

/**
 * Runs a k-means++ operation on chunk c; `pots` is scratch space for `count` potentials. With a
 * wasm kernel (readied by kernel.ts prepareKpp for this operation's candidates) the chunk runs
 * there, with the same bits as the loops below (assembly/kmeans.ts, kppUpdate/kppTrials).
 */
export function kppChunk(op: ChunkOp, count: number, s: KppChunkState, c: number, pots: Float64Array, wasm: WasmAssignKernel | null = null): void {
  const { values, d, closest, args, partials } = s;
  const { chunkSize, stride } = s.plan;
  const start = c * chunkSize;
  const stop = Math.min(s.n, start + chunkSize);
  if (wasm) {
    if (op === OP.KPP_TRIALS) {
      wasm.kppTrials(closest, start, stop, pots, count);
      partials.set(pots.subarray(0, count), c * stride);
    } else partials[c * stride] = wasm.kppUpdate(closest, start, stop, op === OP.KPP_FIRST);
    return;
  }
  if (op === OP.KPP_TRIALS) {
    pots.fill(0);
    for (let i = start; i < stop; i++) {
      const ci = closest[i];
      for (let t = 0; t < count; t++) pots[t] += Math.min(ci, sqDistRow(values, i * d, args, t * d, d));
    }
    partials.set(pots.subarray(0, count), c * stride);
  } else {
    let sum = 0;
    for (let i = start; i < stop; i++) {
      const dist = sqDistRow(values, i * d, args, 0, d);
      const v = op === OP.KPP_FIRST ? dist : Math.min(closest[i], dist);
      closest[i] = v;
      sum += v;
    }
    partials[c * stride] = sum;
  }
}

export interface KppEnv extends KppChunkState {
  /** Runs `op` on every chunk (all participants); false when stopped. */
  run(op: ChunkOp, count: number): boolean | Promise<boolean>;
}

/**
 * k·d starting centroids, or null when stopped. `onCentre(j)` is told after the j-th centre is
 * chosen (1..k): seeding is k passes over the data, long enough at 10⁶ rows to need progress.
 */
export async function kmeansPlusPlus(env: KppEnv, k: number, rng: () => number, onCentre?: (chosen: number) => void): Promise<Float64Array | null> {
  const { values, n, d, plan, partials, args } = env;
  const out = new Float64Array(k * d);
  const trials = kppTrials(k);
  const chunkTotal = (t: number): number => {
    let s = 0;
    for (let c = 0; c < plan.numChunks; c++) s += partials[c * plan.stride + t];
    return s;
  };
  const choose = async (row: number, j: number, op: ChunkOp): Promise<boolean> => {
    out.set(values.subarray(row * d, (row + 1) * d), j * d);
    args.set(values.subarray(row * d, (row + 1) * d), 0);
    return env.run(op, 1);
  };

  if (!(await choose(Math.min(n - 1, Math.floor(rng() * n)), 0, OP.KPP_FIRST))) return null;
  onCentre?.(1);
  let potential = chunkTotal(0);
  const candidates = new Int32Array(trials);
  for (let j = 1; j < k; j++) {
    for (let t = 0; t < trials; t++) {
      candidates[t] = sampleRow(env, rng() * potential);
      args.set(values.subarray(candidates[t] * d, (candidates[t] + 1) * d), t * d);
    }
    if (!(await env.run(OP.KPP_TRIALS, trials))) return null;
    let best = 0;
    let bestPot = chunkTotal(0);
    for (let t = 1; t < trials; t++) {
      const pot = chunkTotal(t);
      if (pot < bestPot) {
        bestPot = pot;
        best = t;
      }
    }
    if (!(await choose(candidates[best], j, OP.KPP_UPDATE))) return null;
    onCentre?.(j + 1);
    potential = chunkTotal(0);
  }
  return out;
}

/**
 * The row where the running sum of `closest` first reaches r (numpy searchsorted 'left' over the
 * cumulative sum), found chunk by chunk from the chunk sums in partials[c·stride]. If rounding
 * leaves r beyond the total, the last row with a positive weight.
 */
function sampleRow(s: KppChunkState, r: number): number {
  const { plan, partials, closest, n } = s;
  let lastPositive = -1;
  for (let c = 0; c < plan.numChunks; c++) {
    const sum = partials[c * plan.stride];
    if (sum > 0) lastPositive = c;
    if (r <= sum) return rowInChunk(closest, c * plan.chunkSize, Math.min(n, (c + 1) * plan.chunkSize), r);
    r -= sum;
  }
  if (lastPositive < 0) return 0;
  return rowInChunk(closest, lastPositive * plan.chunkSize, Math.min(n, (lastPositive + 1) * plan.chunkSize), Infinity);
}

function rowInChunk(closest: Float64Array, start: number, stop: number, r: number): number {
  let run = 0;
  let lastPositive = start;
  for (let i = start; i < stop; i++) {
    run += closest[i];
    if (closest[i] > 0) lastPositive = i;
    if (run >= r) return i;
  }
  return lastPositive;
}
