// Exact branch-and-bound over the last one or two medoids of the fused kernel.
//
// The points are relabelled along a k-d tree (spatial.ts); every tree node A is a run of
// consecutive internal indices with a row-wise minimum gm_A[q] = min_{l∈A} D[l][q]. For a fixed
// prefix (running minimum m), every combination whose last medoid lies in A costs at least
// Σ_q min(m[q], gm_A[q]); with two last medoids in nodes A and B, at least
// Σ_q min(m[q], gm_A[q], gm_B[q]). When that bound is strictly above the best cost, all of those
// combinations are ruled out at once (exactness: evaluator.ts, header). Otherwise the larger node
// is split, down to leaf pairs, whose members are evaluated one by one with early abandon.
import type { DistanceRows } from './distance.ts';
import type { Evaluator } from './evaluator.ts';
import { runRow, taskRow } from '../wasm/ekm-wasm.ts';
import { minInto, sumMin, sumMin2 } from './sums.ts';

export class BoundTree {
  readonly size: number;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** gm per node (n values each). */
  readonly mins: Float64Array[];

  /** `nodes`: quadruples (lo, hi, left, right), children after their parent (spatial.ts). */
  constructor(nodes: Int32Array, rows: DistanceRows) {
    const size = nodes.length / 4;
    this.size = size;
    this.lo = new Int32Array(size);
    this.hi = new Int32Array(size);
    this.left = new Int32Array(size);
    this.right = new Int32Array(size);
    for (let t = 0; t < size; t++) {
      this.lo[t] = nodes[4 * t];
      this.hi[t] = nodes[4 * t + 1];
      this.left[t] = nodes[4 * t + 2];
      this.right[t] = nodes[4 * t + 3];
    }
    const n = rows.n;
    this.mins = new Array<Float64Array>(size);
    // Children come after parents, so a reverse sweep sees both children of a node first.
    for (let t = size - 1; t >= 0; t--) {
      const gm = runRow(n); // in the run's wasm arena when there is room (sums.ts)
      if (this.left[t] < 0) {
        gm.fill(Infinity);
        for (let i = this.lo[t]; i < this.hi[t]; i++) minInto(gm, gm, rows.row(i, 0), n);
      } else {
        minInto(gm, this.mins[this.left[t]], this.mins[this.right[t]], n);
      }
      this.mins[t] = gm;
    }
  }
}

/** The bounded search for one evaluator (owns scratch space: one per task). */
export class BoundedSearch {
  private pairs = new Int32Array(256);
  private pairCount = 0;
  private readonly mj: Float64Array;

  constructor(
    private readonly ev: Evaluator,
    private readonly tree: BoundTree,
  ) {
    this.mj = taskRow(ev.n);
  }

  /** Every combination prefix[0..plen) ∪ {l} with l > after. */
  lastOne(m: Float64Array, prefix: Int32Array, plen: number, after: number): void {
    this.node(m, prefix, plen, 0, after);
  }

  private node(m: Float64Array, prefix: Int32Array, plen: number, t: number, after: number): void {
    const { tree, ev } = this;
    const lo = tree.lo[t] > after ? tree.lo[t] : after + 1;
    const hi = tree.hi[t];
    if (lo >= hi) return;
    if (hi - lo > 1) {
      ev.charge(ev.n);
      if (sumMin(m, tree.mins[t], ev.n, ev.limit) > ev.limit) {
        ev.skip(hi - lo);
        return;
      }
    }
    if (tree.left[t] < 0) ev.evalSingles(m, prefix, plen, lo, hi);
    else {
      this.node(m, prefix, plen, tree.left[t], after);
      this.node(m, prefix, plen, tree.right[t], after);
    }
  }

  /** Every combination prefix[0..plen) ∪ {j, l} with after < j < l. */
  lastTwo(m: Float64Array, prefix: Int32Array, plen: number, after: number): void {
    this.pairCount = 0;
    this.pair(m, 0, 0, after);
    this.processPairs(m, prefix, plen, after);
  }

  /** Collects the leaf pairs (A, B), A at or before B, whose bound does not rule them out. */
  private pair(m: Float64Array, a: number, b: number, after: number): void {
    const { tree, ev } = this;
    const aLo = tree.lo[a] > after ? tree.lo[a] : after + 1;
    const bLo = tree.lo[b] > after ? tree.lo[b] : after + 1;
    const aLen = Math.max(0, tree.hi[a] - aLo);
    const bLen = Math.max(0, tree.hi[b] - bLo);
    const count = a === b ? (aLen * (aLen - 1)) / 2 : aLen * bLen;
    if (count <= 0) return;
    ev.charge(ev.n);
    const bound = a === b ? sumMin(m, tree.mins[a], ev.n, ev.limit) : sumMin2(m, tree.mins[a], tree.mins[b], ev.n, ev.limit);
    if (bound > ev.limit) {
      ev.skip(count);
      return;
    }
    const aLeaf = tree.left[a] < 0;
    const bLeaf = tree.left[b] < 0;
    if (aLeaf && bLeaf) {
      this.pushPair(a, b);
    } else if (a === b) {
      const l = tree.left[a];
      const r = tree.right[a];
      this.pair(m, l, l, after);
      this.pair(m, l, r, after);
      this.pair(m, r, r, after);
    } else if (!aLeaf && (bLeaf || tree.hi[a] - tree.lo[a] >= tree.hi[b] - tree.lo[b])) {
      this.pair(m, tree.left[a], b, after);
      this.pair(m, tree.right[a], b, after);
    } else {
      this.pair(m, a, tree.left[b], after);
      this.pair(m, a, tree.right[b], after);
    }
  }

  private pushPair(a: number, b: number): void {
    if (this.pairCount * 2 + 2 > this.pairs.length) {
      const bigger = new Int32Array(this.pairs.length * 2);
      bigger.set(this.pairs);
      this.pairs = bigger;
    }
    this.pairs[2 * this.pairCount] = a;
    this.pairs[2 * this.pairCount + 1] = b;
    this.pairCount++;
  }

  /**
   * Leaf pairs grouped by their first leaf A, so each j in A gets its running minimum m_j once;
   * then each partner leaf B is bounded again with m_j before its members are evaluated.
   */
  private processPairs(m: Float64Array, prefix: Int32Array, plen: number, after: number): void {
    const { tree, ev, pairs } = this;
    const n = ev.n;
    const count = this.pairCount;
    // Sort pair indices by (A, B): pairs were found depth-first, partners of one A are scattered.
    const idx = new Int32Array(count);
    for (let p = 0; p < count; p++) idx[p] = p;
    idx.sort((x, y) => pairs[2 * x] - pairs[2 * y] || pairs[2 * x + 1] - pairs[2 * y + 1]);
    let p = 0;
    while (p < count) {
      const a = pairs[2 * idx[p]];
      let end = p;
      while (end < count && pairs[2 * idx[end]] === a) end++;
      const aLo = tree.lo[a] > after ? tree.lo[a] : after + 1;
      for (let j = aLo; j < tree.hi[a]; j++) {
        prefix[plen] = j;
        const mj = minInto(this.mj, m, ev.rows.row(j, 1), n);
        for (let q = p; q < end; q++) {
          const b = pairs[2 * idx[q] + 1];
          const from = b === a ? j + 1 : tree.lo[b];
          const to = tree.hi[b];
          if (from >= to) continue;
          if (to - from > 1) {
            ev.charge(n);
            if (sumMin(mj, tree.mins[b], n, ev.limit) > ev.limit) {
              ev.skip(to - from);
              continue;
            }
          }
          ev.evalSingles(mj, prefix, plen + 1, from, to);
        }
      }
      p = end;
    }
  }
}
