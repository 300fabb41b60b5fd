// The seed's combination generator over index lists (He & Little's gencombs, seed §2.1.1, §3.3–3.7):
//
//   gencombs(0, k) = merge([], k)
//   gencombs(n, k) = merge(merge([x_n], k), gencombs(n−1, k), k)
//   merge(l1, l2, k) = conv(∘, l1, l2, k):  size s of the result = ∪_{i+j=s} l1[i] × l2[j]
//
// Representation: `Levels` holds, for each size s < k, every combination of that size as one flat
// Int32Array (count × s indices, each combination sorted ascending) — typed arrays per size level,
// not arrays of arrays. Size-k combinations are never stored: the moment a merge creates them they
// are streamed, block by block, into a ComboSink (the evaluator, which keeps only the best: EKM's
// fused sel ∘ eval ∘ gen). Every size-k combination is created by exactly one merge — the lowest
// one whose two inputs each hold part of it — so the sinks together see each exactly once.
//
// Index order: l1's indices are always below l2's (leaves are contiguous runs of 0..n−1 and the
// recursion prepends x_t to combinations of x_{t+1}…), so concatenation keeps combinations sorted.

import { countCombinations } from './combinatorics.ts';

export interface Levels {
  k: number;
  /** counts[s] = number of size-s combinations stored, s = 0..k−1. */
  counts: number[];
  /** data[s] = counts[s]·s indices (data[0] is empty: the one empty combination). */
  data: Int32Array[];
}

/** Receives newly created size-k combinations: outer ∪ inner[j] for j in [from, to). See Evaluator.evalBlock. */
export interface ComboSink {
  evalBlock(outer: Int32Array, oOff: number, oSize: number, inner: Int32Array, iSize: number, from: number, to: number): void;
}

export interface GenOptions {
  /** Called between blocks (cancel polling, progress). */
  poll?: () => void;
  /** Allocates level storage; SharedArrayBuffer-backed in workers so results travel without copying. */
  alloc?: (length: number) => Int32Array;
}

/** Inner combinations handed to a sink per call: bounds the time between polls. */
export const SINK_BLOCK = 4096;

const heapAlloc = (length: number) => new Int32Array(length);
export const sharedAlloc = (length: number) => new Int32Array(new SharedArrayBuffer(Math.max(4, length * 4)), 0, length);

/** merge([], k): only the empty combination. */
export function emptyLevels(k: number, alloc = heapAlloc): Levels {
  const counts = [1];
  const data = [alloc(0)];
  for (let s = 1; s < k; s++) {
    counts.push(0);
    data.push(alloc(0));
  }
  return { k, counts, data };
}

/**
 * gencombs over the index list `indices` (ascending): levels 0..k−1 are returned, every size-k
 * combination goes to `sink`. The recursion gencombs(x_t…) = merge(merge([x_t]), gencombs(x_{t+1}…))
 * is unrolled into a loop from the end of the list (the call is in tail position), and since
 * merge([x]) = {[], [x]} the convolution is  new[s] = old[s] ∪ [x] × old[s−1]  — so each level is
 * preallocated at its final size C(m, s) and the old part is shared, not copied (as a persistent
 * list would be); only the new combinations are written.
 */
export function gencombs(indices: Int32Array, k: number, sink: ComboSink | null, opts: GenOptions = {}): Levels {
  const alloc = opts.alloc ?? heapAlloc;
  const m = indices.length;
  const counts = [1];
  const data = [alloc(0)];
  for (let s = 1; s < k; s++) {
    counts.push(0);
    data.push(alloc(countCombinations(m, s) * s));
  }
  const single = new Int32Array(1);
  for (let t = m - 1; t >= 0; t--) {
    const x = indices[t];
    // Size k: [x] × old[k−1], created here and evaluated at once.
    if (sink) {
      single[0] = x;
      const innerCount = counts[k - 1];
      for (let from = 0; from < innerCount; from += SINK_BLOCK) {
        opts.poll?.();
        sink.evalBlock(single, 0, 1, data[k - 1], k - 1, from, Math.min(innerCount, from + SINK_BLOCK));
      }
    }
    // Sizes k−1 … 1, descending so old[s−1] is read before it grows.
    for (let s = k - 1; s >= 1; s--) {
      const src = data[s - 1];
      const dst = data[s];
      const add = counts[s - 1];
      let w = counts[s] * s;
      for (let c = 0; c < add; c++) {
        dst[w++] = x;
        const base = c * (s - 1);
        for (let u = 0; u < s - 1; u++) dst[w++] = src[base + u];
      }
      counts[s] += add;
    }
    if ((t & 63) === 0) opts.poll?.();
  }
  return { k, counts, data };
}

/**
 * Cross terms of merge(l1, l2) that reach size k: l1[i] × l2[k−i] for i = 1..k−1 (i = 0 and i = k
 * were complete inside l2 and l1). The side with the larger combinations is the "outer" one: its
 * running minimum is computed once and reused for every inner combination.
 */
export interface CrossTerm {
  /** Outer side: 1 = l1 (lower indices), 2 = l2. */
  outerSide: 1 | 2;
  outerSize: number;
  innerSize: number;
  outerCount: number;
  innerCount: number;
}

export function crossTerms(l1: Pick<Levels, 'k' | 'counts'>, l2: Pick<Levels, 'k' | 'counts'>): CrossTerm[] {
  const k = l1.k;
  const terms: CrossTerm[] = [];
  for (let i = 1; i <= k - 1; i++) {
    const j = k - i;
    const c1 = l1.counts[i];
    const c2 = l2.counts[j];
    if (c1 === 0 || c2 === 0) continue;
    const outerSide: 1 | 2 = i > j || (i === j && c1 <= c2) ? 1 : 2;
    terms.push(
      outerSide === 1
        ? { outerSide, outerSize: i, innerSize: j, outerCount: c1, innerCount: c2 }
        : { outerSide, outerSize: j, innerSize: i, outerCount: c2, innerCount: c1 },
    );
  }
  return terms;
}

/** Streams outer combinations [o0, o1) of one cross term into the sink, in blocks. */
export function streamCross(l1: Levels, l2: Levels, term: CrossTerm, o0: number, o1: number, sink: ComboSink, poll?: () => void): void {
  const outerLevels = term.outerSide === 1 ? l1 : l2;
  const innerLevels = term.outerSide === 1 ? l2 : l1;
  const outer = outerLevels.data[term.outerSize];
  const inner = innerLevels.data[term.innerSize];
  for (let o = o0; o < o1; o++) {
    for (let from = 0; from < term.innerCount; from += SINK_BLOCK) {
      poll?.();
      sink.evalBlock(outer, o * term.outerSize, term.outerSize, inner, term.innerSize, from, Math.min(term.innerCount, from + SINK_BLOCK));
    }
  }
}

/**
 * merge(l1, l2, k) = conv(∘, l1, l2, k): levels 0..k−1 of the union are materialised (when
 * `materialise`), the size-k cross terms go to the sink. The root of a tree skips materialising:
 * nothing consumes its smaller combinations.
 */
export function merge(l1: Levels, l2: Levels, sink: ComboSink | null, opts: GenOptions & { materialise?: boolean } = {}): Levels | null {
  const k = l1.k;
  if (sink) for (const term of crossTerms(l1, l2)) streamCross(l1, l2, term, 0, term.outerCount, sink, opts.poll);
  if (opts.materialise === false) return null;
  const alloc = opts.alloc ?? heapAlloc;
  const counts: number[] = [];
  const data: Int32Array[] = [];
  for (let s = 0; s < k; s++) {
    let count = 0;
    for (let i = 0; i <= s; i++) count += l1.counts[i] * l2.counts[s - i];
    const out = alloc(count * s);
    let w = 0;
    for (let i = 0; i <= s; i++) {
      const j = s - i;
      const a = l1.data[i];
      const b = l2.data[j];
      for (let x = 0; x < l1.counts[i]; x++) {
        for (let y = 0; y < l2.counts[j]; y++) {
          for (let u = 0; u < i; u++) out[w++] = a[x * i + u];
          for (let u = 0; u < j; u++) out[w++] = b[y * j + u];
        }
        if ((x & 1023) === 1023) opts.poll?.();
      }
    }
    counts.push(count);
    data.push(out);
  }
  return { k, counts, data };
}
