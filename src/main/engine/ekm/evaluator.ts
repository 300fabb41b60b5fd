// Fused evaluation + selection (EKM's sel ∘ eval, applied to combinations as they are generated).
//
// A combination is always evaluated as  outer ∪ inner : the running minimum m[q] over the outer
// medoids' distance rows is computed once, then every inner combination costs
// Σ_q min(m[q], D[inner][q]) — for EKM with K = 3 that is the "prefix i<j keeps m_ij" trick, each
// third medoid costs one min and one add per point.
//
// EXACTNESS OF PRUNING. Let best be the cost of a real, fully evaluated medoid set (found by this
// evaluator, or the starting bound: PAM's answer with its canonical cost).
//  • Early abandon. Every term is ≥ 0 and IEEE addition of a non-negative term never lowers a
//    sum (rounding is monotone), so the final computed cost of a combination is ≥ each partial
//    sum (sums.ts). Once a partial sum is STRICTLY greater than best, the combination's cost is
//    strictly greater too: it can be neither the optimum nor tied with it, so dropping it
//    changes nothing.
//  • Node bounds (fused kernel, bounds.ts). For a set A of candidate medoids and the prefix
//    minimum m, gm[q] = min_{l∈A} D[l][q] ≤ D[l][q] for every l in A, so min(m[q], gm[q]) ≤
//    min(m[q], D[l][q]) term by term, and with the same summation the computed bound is ≤ each
//    member's computed cost (monotone rounding again). A bound strictly greater than best rules
//    out every member of A at once.
// • Ties. A set whose cost EQUALS this evaluator's own best can still win the tie rule only if it is
//    lexicographically smaller (in dataset rows) than that best, which only ever moves to smaller
//    sets or lower costs. So a single set is summed against `tieLimit` (the largest double below
//    best, i.e. "stop once partial ≥ best"); when it stops on a partial sum that equals best, its
//    medoid set is compared with the best: lexicographically greater → dropped (it cannot win,
//    whatever the enumeration order or worker split), smaller → summed again to the end with the
//    strict limit. This needs the set itself, so it applies to the evaluator's own best only; the
//    run's shared best (a bare cost from other workers) and the group bounds (bounds.ts) still
//    prune on `>` only, so every set that could tie a best held elsewhere is still offered.
import { CancelledError } from '../pool/cancel.ts';
import { beats, lexLess, type BestSet } from './best.ts';
import type { DistanceRows } from './distance.ts';
import { SharedBest } from './shared-best.ts';
import { taskRow } from '../wasm/ekm-wasm.ts';
import { minInto, sumAll, sumMin, sumMin2, sumState } from './sums.ts';

/** Point-terms summed between two polls of the cancel flag (about a millisecond of work). */
const POLL_OPS = 1 << 20;

/** Thrown by poll() once the run's deadline has passed: the task reports what it decided so far. */
export class SearchStopped extends Error {
  constructor() {
    super('EKM search stopped at its time limit');
    this.name = 'SearchStopped';
  }
}

/** Counters that feed the run's proof (types.ts EkmProof); summed over tasks. */
export interface SearchCounts {
  resummed: number;
  subtreesPruned: number;
  setsInPrunedSubtrees: number;
}

export interface EvaluatorOptions {
  k: number;
  /** Early abandon and group bounds (exact, see the header). Off: every combination is summed to the end. */
  prune: boolean;
  /** A real medoid set (dataset rows, sorted) with its canonical cost, e.g. PAM's answer. */
  bound?: BestSet | null;
  /** CancelToken buffer (or the run's abort flag), polled between blocks. */
  cancel?: SharedArrayBuffer;
  /** The run's shared best cost (shared-best.ts): read at every poll, lowered on every improvement. */
  sharedBest?: SharedArrayBuffer;
  /** Called at most every `progressEveryMs` with the running totals of this evaluator. */
  onProgress?: (evaluated: number, best: BestSet) => void;
  progressEveryMs?: number;
  /** Absolute time (performance.timeOrigin + now, ms) after which poll() throws SearchStopped. */
  deadlineAbs?: number;
}

/**
 * Evaluates blocks of combinations and keeps the best one. One per worker task (or per in-process
 * part): it owns scratch buffers, so it must not be shared between concurrent tasks.
 * Combinations arrive as INTERNAL indices; the best set is kept as sorted dataset rows.
 */
export class Evaluator {
  readonly n: number;
  readonly k: number;
  bestCost = Infinity;
  /** Dataset rows, sorted ascending. */
  readonly bestMedoids: Int32Array;
  hasBest = false;
  /** Combinations enumerated and decided (fully summed or pruned). */
  evaluated = 0;
  /** Of those, how many were pruned before their last point. */
  abandoned = 0;

  private pruneLimit = Infinity;
  /** pruneLimit, or the largest double below bestCost when the two are equal (see the header, ties). */
  private tieLimit = Infinity;
  /** Sets summed a second time after stopping on a tie with a lexicographically greater best. */
  resummed = 0;
  /** Subtrees ruled out by one bound (skip calls) and the sets inside them. */
  subtreesPruned = 0;
  setsInPrunedSubtrees = 0;
  private readonly prune: boolean;
  private readonly cand: Int32Array;
  private readonly tieScratch: Int32Array;
  private readonly outerMins: Float64Array;
  private readonly innerMins: Float64Array;
  private readonly allInf: Float64Array;
  private readonly flag: Int32Array | null;
  private readonly shared: SharedBest | null;
  private readonly onProgress?: (evaluated: number, best: BestSet) => void;
  private readonly progressEveryMs: number;
  private lastProgress = performance.now();
  private readonly deadlineAbs: number;
  /** The Lagrangian bound the search used (dual kernel), for the task's report. */
  dual: { bound: number; margin: number; iterations: number } | null = null;
  private pollBudget = POLL_OPS;

  constructor(
    readonly rows: DistanceRows,
    opts: EvaluatorOptions,
  ) {
    this.n = rows.n;
    this.k = opts.k;
    this.prune = opts.prune;
    this.bestMedoids = new Int32Array(opts.k);
    this.cand = new Int32Array(opts.k);
    this.tieScratch = new Int32Array(opts.k);
    // Scratch rows in the thread's wasm arena when there is one (sums.ts then sums them in wasm).
    this.outerMins = taskRow(this.n);
    this.innerMins = taskRow(this.n);
    this.allInf = taskRow(this.n).fill(Infinity);
    this.flag = opts.cancel ? new Int32Array(opts.cancel) : null;
    this.shared = opts.sharedBest && opts.prune ? new SharedBest(opts.sharedBest) : null;
    this.onProgress = opts.onProgress;
    this.progressEveryMs = opts.progressEveryMs ?? 100;
    this.deadlineAbs = opts.deadlineAbs ?? Infinity;
    if (opts.bound && opts.bound.medoids.length === opts.k) {
      this.bestCost = opts.bound.cost;
      this.bestMedoids.set(opts.bound.medoids);
      this.hasBest = true;
      if (this.prune) this.pruneLimit = this.bestCost;
      this.shared?.publish(this.bestCost);
    }
    this.refreshTieLimit();
  }

  private refreshTieLimit(): void {
    this.tieLimit = this.hasBest && this.pruneLimit === this.bestCost ? below(this.bestCost) : this.pruneLimit;
  }

  best(): BestSet {
    return { cost: this.bestCost, medoids: this.hasBest ? Array.from(this.bestMedoids) : [] };
  }

  /** An all-+∞ row: the running minimum of an empty prefix (K = 1 evaluates single rows with it). */
  infinityRow(): Float64Array {
    return this.allInf;
  }

  /**
   * Throws when cancelled; emits throttled progress. The evaluation loops call it about every
   * POLL_OPS point-terms; generators call it between their own (copying) blocks.
   */
  poll(): void {
    this.pollBudget = POLL_OPS;
    this.checkCancel();
    if (this.deadlineAbs !== Infinity && performance.timeOrigin + performance.now() >= this.deadlineAbs) throw new SearchStopped();
    if (this.shared) {
      const g = this.shared.read();
      if (g < this.pruneLimit) {
        this.pruneLimit = g;
        this.refreshTieLimit();
      }
    }
    if (!this.onProgress) return;
    const now = performance.now();
    if (now - this.lastProgress >= this.progressEveryMs) {
      this.lastProgress = now;
      this.onProgress(this.evaluated, this.best());
    }
  }

  /** Throws CancelledError when the run is cancelled (the deadline is not checked here). */
  checkCancel(): void {
    if (this.flag && Atomics.load(this.flag, 0) !== 0) throw new CancelledError();
  }

  /** Final progress report (always sent). */
  flushProgress(): void {
    this.onProgress?.(this.evaluated, this.best());
  }

  /** The pruning threshold: the best cost so far when pruning, +∞ otherwise. */
  get limit(): number {
    return this.pruneLimit;
  }

  /**
   * Whether a bound equal to (or above) the own best could drop sets on the tie rule: the caller
   * then asks tiesLoseTo with the smallest set the bound covers.
   */
  mayDropTies(bound: number): boolean {
    return this.prune && this.hasBest && bound >= this.bestCost;
  }

  /** Whether the own best is lexicographically smaller than `sortedRows` (dataset rows, sorted). */
  tiesLoseTo(sortedRows: Int32Array): boolean {
    return lexLess(this.bestMedoids, sortedRows);
  }

  /** Takes `best` (a real set in dataset rows, sorted, with its canonical cost) if it beats the own best. */
  adopt(best: BestSet): void {
    if (best.medoids.length !== this.k || (this.hasBest && !beats(best.cost, best.medoids, this.best()))) return;
    this.bestCost = best.cost;
    this.bestMedoids.set(best.medoids);
    this.hasBest = true;
    if (this.prune && best.cost < this.pruneLimit) this.pruneLimit = best.cost;
    this.shared?.publish(best.cost);
    this.refreshTieLimit();
  }

  /** Counts `count` combinations ruled out by a bound (they are decided: worse than the best). */
  skip(count: number): void {
    this.evaluated += count;
    this.abandoned += count;
    this.subtreesPruned++;
    this.setsInPrunedSubtrees += count;
  }

  counts(): SearchCounts {
    return { resummed: this.resummed, subtreesPruned: this.subtreesPruned, setsInPrunedSubtrees: this.setsInPrunedSubtrees };
  }

  /** Charges `terms` point-terms of work against the polling budget (bound sums call this). */
  charge(terms: number): void {
    if ((this.pollBudget -= terms) <= 0) this.poll();
  }

  /**
   * The hot path: prefix[0..plen) ∪ {l} for every l in [from, to) (or {list[l]} with a list), none
   * of them in the prefix; m is the running minimum of the prefix rows (the infinity row when plen = 0).
   */
  evalSingles(m: Float64Array, prefix: Int32Array, plen: number, from: number, to: number, list: Int32Array | null = null): void {
    const n = this.n;
    const rows = this.rows;
    let abandoned = 0;
    for (let at = from; at < to; at++) {
      const l = list === null ? at : list[at];
      if ((this.pollBudget -= n) <= 0) this.poll();
      let s = sumMin(m, rows.row(l, 2), n, this.tieLimit);
      if (sumState.stopAt < n && s <= this.pruneLimit) {
        // Stopped on a partial sum equal to the best (ties, header): drop it unless it could win.
        for (let t = 0; t < plen; t++) this.cand[t] = prefix[t];
        this.cand[plen] = l;
        if (!this.tieCouldWin()) {
          abandoned++;
          continue;
        }
        this.resummed++;
        s = sumMin(m, rows.row(l, 2), n, this.pruneLimit);
      }
      if (s <= this.bestCost) {
        for (let t = 0; t < plen; t++) this.cand[t] = prefix[t];
        this.cand[plen] = l;
        this.offer(s);
      } else if (sumState.stopAt < n) abandoned++;
    }
    this.evaluated += to - from;
    this.abandoned += abandoned;
  }

  /**
   * Generic block for the generators' merges: the combination outer ∪ inner[j] for j in [from, to),
   * where outer is outer[oOff .. oOff+oSize) and inner combination j is inner[j·iSize .. (j+1)·iSize).
   */
  evalBlock(outer: Int32Array, oOff: number, oSize: number, inner: Int32Array, iSize: number, from: number, to: number): void {
    const n = this.n;
    const rows = this.rows;
    let m: Float64Array;
    if (oSize === 0) m = this.allInf;
    else if (oSize === 1) m = rows.row(outer[oOff], 0);
    else {
      m = this.outerMins;
      m.set(rows.row(outer[oOff], 1));
      for (let t = 1; t < oSize; t++) minInto(m, m, rows.row(outer[oOff + t], 1), n);
    }
    let abandoned = 0;
    for (let j = from; j < to; j++) {
      if ((this.pollBudget -= n) <= 0) this.poll();
      const base = j * iSize;
      let s = this.blockSum(m, inner, base, iSize, this.tieLimit);
      if (sumState.stopAt < n && s <= this.pruneLimit) {
        // Stopped on a partial sum equal to the best (ties, header): drop it unless it could win.
        this.fillBlockCand(outer, oOff, oSize, inner, base, iSize);
        if (!this.tieCouldWin()) {
          abandoned++;
          continue;
        }
        this.resummed++;
        s = this.blockSum(m, inner, base, iSize, this.pruneLimit);
      }
      if (s <= this.bestCost) {
        this.fillBlockCand(outer, oOff, oSize, inner, base, iSize);
        this.offer(s);
      } else if (sumState.stopAt < n) abandoned++;
    }
    this.evaluated += to - from;
    this.abandoned += abandoned;
  }

  private blockSum(m: Float64Array, inner: Int32Array, base: number, iSize: number, limit: number): number {
    const { n, rows } = this;
    if (iSize === 0) return sumAll(m, n, limit);
    if (iSize === 1) return sumMin(m, rows.row(inner[base], 1), n, limit);
    if (iSize === 2) return sumMin2(m, rows.row(inner[base], 1), rows.row(inner[base + 1], 2), n, limit);
    const mm = this.innerMins;
    minInto(mm, m, rows.row(inner[base], 1), n);
    for (let t = 1; t < iSize; t++) minInto(mm, mm, rows.row(inner[base + t], 1), n);
    return sumAll(mm, n, limit);
  }

  private fillBlockCand(outer: Int32Array, oOff: number, oSize: number, inner: Int32Array, base: number, iSize: number): void {
    const c = this.cand;
    for (let t = 0; t < oSize; t++) c[t] = outer[oOff + t];
    for (let t = 0; t < iSize; t++) c[oSize + t] = inner[base + t];
  }

  /** Whether `cand` (internal indices, left intact) is lexicographically smaller than the own best. */
  private tieCouldWin(): boolean {
    const sorted = this.tieScratch;
    for (let t = 0; t < sorted.length; t++) sorted[t] = this.rows.original(this.cand[t]);
    sorted.sort();
    return lexLess(sorted, this.bestMedoids);
  }

  /** `cand` holds a medoid set (internal indices) with cost s ≤ bestCost: keep it if it wins the tie rule. */
  private offer(s: number): void {
    const c = this.cand;
    for (let t = 0; t < c.length; t++) c[t] = this.rows.original(c[t]);
    c.sort();
    if (s < this.bestCost || !this.hasBest || lexLess(c, this.bestMedoids)) {
      this.bestCost = s;
      this.bestMedoids.set(c);
      this.hasBest = true;
      if (this.prune && s < this.pruneLimit) this.pruneLimit = s;
      this.shared?.publish(s);
      this.refreshTieLimit();
    }
  }
}

/** The largest double below a non-negative finite x (−tiny for 0): "partial > below(x)" is "partial ≥ x". */
function below(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return -Number.MIN_VALUE;
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] -= 1n;
  return f[0];
}
