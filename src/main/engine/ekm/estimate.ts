// Before a run: how many medoid sets, how much memory, roughly how long, and whether to refuse.
import type { EkmParams } from '../../../shared/types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { countCombinations } from './combinatorics.ts';
import { arenaServes, withCalibrationRows } from '../wasm/ekm-wasm.ts';
import { sumMin } from './sums.ts';
import { makePlan, nodeWork, type Plan } from './plan.ts';
import { defaultLeafCount } from './params.ts';
import { refusal, usesMatrix } from './run.ts';

export interface EkmEstimate {
  combinations: number;
  /**
   * Every combination summed over all N points, at a calibrated ns per term: a rough figure, not a
   * bound (real unpruned runs measured up to ~2x above it; pruning usually cuts the real time far below).
   */
  estimatedMs: number;
  /** 0 when the matrix would not fit and rows are computed on demand. */
  distanceMatrixBytes: number;
  /** Stored combinations of sizes < k in the generator tree (0 for the fused variant). */
  levelBytes: number;
  refuse: string | null;
}

/** Generator trees above this much stored combinations are refused unless forced. */
const LEVEL_BUDGET_BYTES = 2 ** 31;

const cachedNsPerTerm: { js: number | null; wasm: number | null } = { js: null, wasm: null };

/**
 * Nanoseconds per point-term (one min and one add): the best of a few ~3 ms rounds, measured
 * once per process and kernel (the first round also gets the loop compiled, so it is usually
 * discarded). `wasm`: the WebAssembly sums a run with an arena uses (wasm/ekm-wasm.ts), else the
 * JavaScript loops.
 */
export function nsPerTerm(wasm = false): number {
  const key = wasm ? 'wasm' : 'js';
  return (cachedNsPerTerm[key] ??= withCalibrationRows(4096, wasm, measureNsPerTerm));
}

function measureNsPerTerm(a: Float64Array, b: Float64Array): number {
  const len = a.length;
  for (let i = 0; i < len; i++) {
    a[i] = (i * 7919) % 101;
    b[i] = (i * 104729) % 97;
  }
  let best = Infinity;
  for (let round = 0; round < 4; round++) {
    let terms = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 3) {
      for (let r = 0; r < 16; r++) {
        sumMin(a, b, len, Infinity);
        terms += len;
      }
    }
    best = Math.min(best, ((performance.now() - t0) * 1e6) / terms);
  }
  return Math.max(0.1, best);
}

/** Bytes of stored size-<k combinations over all nodes that keep them (the root merge keeps none). */
export function levelBytes(plan: Plan, k: number): number {
  let bytes = 0;
  for (const node of plan.nodes) {
    if (node.id === plan.rootId && node.kind === 'merge') continue;
    for (let s = 1; s < k; s++) bytes += countCombinations(node.hi - node.lo, s) * s * 4;
  }
  return bytes;
}

/**
 * Critical-path length of a plan in combination units: list scheduling on `workers` slots with
 * each node's work ∝ the combinations it creates (a split root divides its work evenly).
 */
export function planMakespan(plan: Plan, k: number, workers: number): number {
  const slots = new Array<number>(Math.max(1, Math.min(workers, plan.workers))).fill(0);
  const finish = new Map<number, number>();
  for (const node of plan.nodes) {
    const ready = Math.max(0, ...node.children.map((c) => finish.get(c) ?? 0));
    const work = nodeWork(plan, node, k);
    const parts = node.id === plan.rootId && plan.splitRoot ? slots.length : 1;
    let end = 0;
    for (let p = 0; p < parts; p++) {
      slots.sort((a, b) => a - b);
      const start = Math.max(ready, slots[0]);
      slots[0] = start + work / parts;
      end = Math.max(end, slots[0]);
    }
    finish.set(node.id, end);
  }
  return finish.get(plan.rootId) ?? 0;
}

export function estimateEkm(ds: Dataset, params: EkmParams): EkmEstimate {
  const n = ds.n;
  const combinations = countCombinations(n, params.k);
  const workers = Math.max(1, params.workers);
  const matrix = usesMatrix(n, params);
  let levelB = 0;
  let serialUnits: number;
  if (params.variant === 'fused') {
    serialUnits = combinations / workers;
  } else {
    const plan = makePlan(params.variant, n, workers, params.leafLength ?? Math.max(1, Math.ceil(n / defaultLeafCount(n, workers))), params.mergeArity);
    levelB = levelBytes(plan, params.k);
    // Generator merges evaluate through generic blocks (two mins per term for inner pairs).
    serialUnits = planMakespan(plan, params.k, workers) * 1.5;
  }
  // Runs with a matrix sum in wasm when their workers get an arena for it (wasm/ekm-wasm.ts).
  const ns = nsPerTerm(matrix && arenaServes(n));
  const evalMs = (serialUnits * n * ns) / 1e6;
  // Distance rows are computed by JavaScript loops: their cost per term is the JS one.
  const jsNs = nsPerTerm(false);
  const matrixMs = matrix ? (n * n * ds.d * jsNs) / 1e6 / workers : 0;
  const rowMs = matrix ? 0 : evalMs * ds.d; // rows recomputed on demand cost ≈ d terms each
  let refuse = refusal(n, params);
  if (!refuse && !params.force && levelB > LEVEL_BUDGET_BYTES) {
    refuse = `the ${params.variant} generator would store ${(levelB / 2 ** 30).toFixed(1)} GiB of partial combinations; use the fused variant or force the run`;
  }
  return {
    combinations,
    estimatedMs: Math.round(evalMs + matrixMs + rowMs),
    distanceMatrixBytes: matrix ? n * n * 8 : 0,
    levelBytes: levelB,
    refuse,
  };
}
