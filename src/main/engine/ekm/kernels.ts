// The EKM kernels, free of any thread plumbing: the same functions run inside pool workers
// (handlers.ts) and in-process (solveEkm, tests). Work pieces come from a NextChunk source — an
// atomic counter shared by the workers of one run (dynamic load balance, no messages), or a fixed
// stride for in-process parts.
import { collectGarbage } from '../pool/collect-garbage.ts';
import type { Distance } from '../../../shared/types.ts';
import type { BestSet } from './best.ts';
import { crossTerms, gencombs, merge, streamCross, type ComboSink, type GenOptions, type Levels } from './combs.ts';
import { BoundedSearch, BoundTree } from './bounds.ts';
import { DistanceRows } from './distance.ts';
import type { LagrangianDual } from './dual.ts';
import { cooperativeDual, solveDual, type DualShare } from './dual-ascent.ts';
import { DualSearch } from './dual-search.ts';
import { Evaluator } from './evaluator.ts';
import { minInto } from './sums.ts';
import { closeArena, openArena, startArenaTask, taskRow } from '../wasm/ekm-wasm.ts';

/** Everything a kernel needs to evaluate costs; plain data, posted to workers. */
export interface KernelSetup {
  /** Identifies the run: workers cache their distance-row views per run. */
  runId: string;
  datasetId: string;
  n: number;
  d: number;
  k: number;
  distance: Distance;
  /** n×n Float64 distance matrix (rows in dataset order, columns in summation order), or null: rows on demand. */
  matrix: SharedArrayBuffer | null;
  perm: Int32Array;
  /** internal index → dataset row (fused: spatial order), or null for the identity. */
  order: Int32Array | null;
  /** k-d tree nodes over internal indices for the fused kernel's bounds (spatial.ts), or null. */
  tree: Int32Array | null;
  prune: boolean;
  /**
   * Fused runs: search by Lagrangian subtree bounds (dual.ts, dual-search.ts) instead of the k-d
   * tree bounds. Needs the matrix and pruning; `order` and `tree` are then null.
   */
  dual: boolean;
  /** Cap on the subgradient iterations of the dual (tests lower it to exercise weak bounds). */
  dualIterations?: number;
  /** Pool runs: the dual's steps are split across the run's workers through this (dual-ascent.ts). */
  dualShare?: DualShare;
  /** Whether waits between shared steps may poll briefly (every worker has its own core). */
  spin?: boolean;
  /** Absolute time (ms, performance.timeOrigin + now) at which the search stops with what it has (timeLimitS). */
  deadlineAbs?: number;
  /** The run's abort flag (user cancel or a failed sibling task). */
  cancel: SharedArrayBuffer;
  /** The best cost any task of the run has found (shared-best.ts): every task prunes against it. */
  sharedBest: SharedArrayBuffer;
  progressEveryMs: number;
}

/** Returns the next piece index, or −1 when none is left. */
export type NextChunk = () => number;

/** Pieces handed out through a shared counter: whichever worker is free takes the next one. */
export function atomicChunks(counter: SharedArrayBuffer, count: number): NextChunk {
  const c = new Int32Array(counter);
  return () => {
    const i = Atomics.add(c, 0, 1);
    return i < count ? i : -1;
  };
}

/** Pieces part, part + parts, …: a static split for in-process runs and tests. */
export function stridedChunks(part: number, parts: number, count: number): NextChunk {
  let i = part - parts;
  return () => {
    i += parts;
    return i < count ? i : -1;
  };
}

let cached: { runId: string; rows: DistanceRows; tree: BoundTree | null; dual: LagrangianDual | null } | null = null;

/**
 * Drops this thread's views of a finished run (its distance rows hold the run's n² matrix): without
 * it every worker kept its last run's matrix alive while idle, 800 MB each at N = 10,000.
 */
export function forgetRun(runId: string, matrixBytes: number): void {
  if (cached?.runId === runId) {
    cached = null;
    closeArena();
  }
  // Any task of the run may have left garbage pointing at the matrix, cached or not. Large
  // matrices only: a full GC costs a few ms, which small runs should not pay.
  if (matrixBytes >= COLLECT_AFTER_BYTES) collectGarbage();
}

/** Matrices at least this big are collected as soon as their run is forgotten. */
const COLLECT_AFTER_BYTES = 64 * 2 ** 20;

/** Distance rows for a run, built once per thread and run (n views into the shared matrix). */
export function rowsFor(setup: KernelSetup, values: Float64Array): DistanceRows {
  if (cached?.runId === setup.runId) return cached.rows;
  const shared = setup.matrix ? new Float64Array(setup.matrix, 0, setup.n * setup.n) : null;
  // With a matrix, this thread reads its own copy in a wasm arena, where the SIMD sums can reach
  // it (wasm/ekm-wasm.ts; the same values, so the same bits); without an arena, the shared matrix.
  closeArena();
  const matrix = shared ? (openArena(shared, setup.n) ?? shared) : null;
  const rows = new DistanceRows(setup.n, setup.d, values, setup.perm, setup.distance, matrix, setup.order);
  cached = { runId: setup.runId, rows, tree: null, dual: null };
  return rows;
}

/** The run's bound tree with its node minima, built once per thread and run. */
export function boundTreeFor(setup: KernelSetup, rows: DistanceRows): BoundTree | null {
  if (!setup.tree || !setup.prune) return null;
  if (cached?.runId === setup.runId && cached.tree) return cached.tree;
  const tree = new BoundTree(setup.tree, rows);
  if (cached?.runId === setup.runId) cached.tree = tree;
  return tree;
}

/**
 * The run's Lagrangian dual, solved once per thread and run from the evaluator's starting bound
 * (PAM's set and cost, the same in every task of a run, so every worker gets the same dual).
 * It runs to its own stopping rule even past a time limit, so a stopped run still has its bound.
 */
export function dualFor(setup: KernelSetup, ev: Evaluator, onStep?: (iterations: number, bound: number) => void): LagrangianDual {
  if (cached?.runId === setup.runId && cached.dual) return cached.dual;
  const start = ev.hasBest ? Array.from(ev.bestMedoids, (row) => internalOf(setup, row)) : null;
  const opts = { upper: ev.hasBest ? ev.bestCost : Infinity, start, maxIterations: setup.dualIterations, poll: () => ev.checkCancel(), onStep };
  const dual = setup.dualShare ? cooperativeDual(ev.rows, setup.k, setup.dualShare, { ...opts, spin: setup.spin }) : solveDual(ev.rows, setup.k, opts);
  if (cached?.runId === setup.runId) cached.dual = dual;
  return dual;
}

function internalOf(setup: KernelSetup, row: number): number {
  if (setup.order) throw new Error('internal error: the dual search runs on unrelabelled points');
  return row;
}

/**
 * Fused EKM by Lagrangian subtree bounds: the dual (with its incumbent, adopted if better than
 * PAM's), then branch-and-bound over the pieces handed out by `next` (dual-search.ts).
 */
export function dualKernel(setup: KernelSetup, ev: Evaluator, bounds: Int32Array, next: NextChunk, onStep?: (iterations: number, bound: number) => void): void {
  const dual = dualFor(setup, ev, onStep);
  ev.dual = { bound: dual.bound, margin: dual.margin, iterations: dual.iterations };
  if (dual.incumbent) {
    const medoids = Array.from(dual.incumbent.medoids, (i) => ev.rows.original(i)).sort((a, b) => a - b);
    ev.adopt({ cost: dual.incumbent.cost, medoids });
  }
  new DualSearch(ev, dual).run(bounds, next);
}

export function makeEvaluator(setup: KernelSetup, rows: DistanceRows, bound: BestSet | null, onProgress?: (evaluated: number, best: BestSet) => void): Evaluator {
  // One evaluator per task, made before the task's scratch rows: the previous task's are free.
  startArenaTask();
  return new Evaluator(rows, { k: setup.k, prune: setup.prune, bound, cancel: setup.cancel, sharedBest: setup.sharedBest, onProgress, progressEveryMs: setup.progressEveryMs, deadlineAbs: setup.deadlineAbs });
}

/**
 * Fused parallel EKM (seed §5.4.2, P[EKM(n,k)]): generation, evaluation and selection in one
 * loop nest over the k-subsets whose first index lies in the pieces handed out by `next`.
 * Running minima are kept per prefix depth: for the prefix i<j, m_ij[q] = min(D[i][q], D[j][q]),
 * so each last medoid l costs Σ_q min(m_ij[q], D[l][q]). With a bound tree, the last one or two
 * medoids are chosen by exact branch-and-bound over tree nodes (bounds.ts) instead of one by one.
 */
export function fusedKernel(ev: Evaluator, bounds: Int32Array, next: NextChunk, tree: BoundTree | null = null): void {
  const { n, k, rows } = ev;
  const prefix = new Int32Array(k);
  const mins = Array.from({ length: k }, () => taskRow(n));
  const search = tree ? new BoundedSearch(ev, tree) : null;
  // Exact prefix positions before the bounded search takes over: all but the last two (at least
  // the first index, which is how work is split); without bounds, all but the last one.
  const exact = search ? Math.max(1, k - 2) : k - 1;

  const finish = (m: Float64Array, plen: number, after: number): void => {
    if (!search) ev.evalSingles(m, prefix, plen, after + 1, n);
    else if (k - plen === 1) search.lastOne(m, prefix, plen, after);
    else search.lastTwo(m, prefix, plen, after);
  };

  const extend = (t: number, start: number, prev: Float64Array): void => {
    const last = n - (k - t); // position t needs k−1−t larger indices after it
    for (let j = start; j <= last; j++) {
      prefix[t] = j;
      const m = minInto(mins[t], prev, rows.row(j, 1), n);
      if (t === exact - 1) finish(m, t + 1, j);
      else extend(t + 1, j + 1, m);
    }
  };

  for (let c = next(); c >= 0; c = next()) {
    const i0 = bounds[c];
    const i1 = bounds[c + 1];
    ev.poll();
    if (k === 1) {
      ev.evalSingles(ev.infinityRow(), prefix, 0, i0, i1);
      continue;
    }
    for (let i = i0; i < i1; i++) {
      prefix[0] = i;
      const m0 = rows.row(i, 0);
      if (exact === 1) finish(m0, 1, i);
      else extend(1, i + 1, m0);
    }
  }
}

/** A gen leaf: gencombs over the points [lo, hi), its size-k combinations evaluated on creation. */
export function genKernel(ev: Evaluator, lo: number, hi: number, opts: GenOptions = {}): Levels {
  const indices = new Int32Array(hi - lo);
  for (let i = 0; i < indices.length; i++) indices[i] = lo + i;
  return gencombs(indices, ev.k, ev, { ...opts, poll: () => ev.poll() });
}

/** An internal merge node: conv of its children, new size-k combinations evaluated on creation. */
export function mergeKernel(ev: Evaluator, left: Levels, right: Levels, opts: GenOptions = {}): Levels {
  return merge(left, right, ev, { ...opts, poll: () => ev.poll(), materialise: true })!;
}

/**
 * The root merge's size-k cross terms cut into pieces of outer combinations: triples
 * (term, o0, o1), about `pieces` of them, heaviest term first.
 */
export function rootPieces(left: Pick<Levels, 'k' | 'counts'>, right: Pick<Levels, 'k' | 'counts'>, pieces: number): Int32Array {
  const terms = crossTerms(left, right);
  const total = terms.reduce((s, t) => s + t.outerCount * t.innerCount, 0);
  const target = Math.max(1, Math.ceil(total / Math.max(1, pieces)));
  const out: number[] = [];
  terms.forEach((t, ti) => {
    const step = Math.max(1, Math.floor(target / t.innerCount));
    for (let o = 0; o < t.outerCount; o += step) out.push(ti, o, Math.min(t.outerCount, o + step));
  });
  return Int32Array.from(out);
}

/** One part of the root merge: streams the pieces it is handed into evaluation (nothing is stored). */
export function rootKernel(sink: ComboSink, left: Levels, right: Levels, pieces: Int32Array, next: NextChunk, poll?: () => void): void {
  const terms = crossTerms(left, right);
  for (let c = next(); c >= 0; c = next()) {
    streamCross(left, right, terms[pieces[3 * c]], pieces[3 * c + 1], pieces[3 * c + 2], sink, poll);
  }
}
