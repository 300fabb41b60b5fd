// The one way every cost in EKM and PAM is summed. A medoid set's cost is Σ_q t_q over the points
// q in summation order, with t_q = min over medoids of D[m][q] (an exact value: min never rounds).
// Terms go round-robin into four accumulators (q mod 4) — four independent add chains run ~2×
// faster than one — combined as (s0 + s1) + (s2 + s3).
//
// Because every kernel, the canonical cost and the group lower bounds use this same function
// shape, (1) the same set gets a bit-identical cost in every variant, so ties are decided by the
// medoid indices alone, and (2) float sums keep the order of real ones: if t'_q ≤ t_q for every q
// then sum(t') ≤ sum(t) exactly (rounding is monotone), and each partial sum is ≤ the final sum
// (all terms ≥ 0). Both facts make the early-abandon tests below exact (see evaluator.ts).
//
// sumMin, sumMin2 and sumAll repeat that loop by hand on purpose: they are the innermost loop of
// every EKM variant, called once per candidate set. Sharing one loop through a per-term callback
// allocates a closure per call and leaves speed to the JIT's inlining; sumAll as sumMin(m, m) was
// 1.5–1.75× slower in a micro-benchmark. Change all three together.
//
// Each function first hands the sum to the WebAssembly SIMD kernel (assembly/ekm.ts, the same
// additions in the same order, the same bits: see there) when every row it reads lives in the
// thread's active wasm arena (wasm/ekm-wasm.ts); otherwise the JavaScript loop below runs. Change
// the wasm kernel together with these loops (tests/unit/ekm-wasm.test.ts compares them bit for bit).
import { ekmWasm } from '../wasm/ekm-wasm.ts';

/** Terms between two abandon checks. */
const CHECK_EVERY = 16;

/** Where the last sum stopped: n when it ran to the end, less when it was abandoned. */
export const sumState = { stopAt: 0 };

/** Σ_q min(m[q], r[q]), abandoned as soon as the partial sum exceeds `limit`. */
export function sumMin(m: Float64Array, r: Float64Array, n: number, limit: number): number {
  const w = ekmWasm.arena;
  if (w !== null && m.buffer === w.buffer && r.buffer === w.buffer) {
    const s = w.exports.sumMin(m.byteOffset, r.byteOffset, n, limit);
    sumState.stopAt = w.exports.lastStop();
    return s;
  }
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n4 = n - (n & 3);
  let q = 0;
  while (q < n4) {
    const e = q + CHECK_EVERY < n4 ? q + CHECK_EVERY : n4;
    for (; q < e; q += 4) {
      let a = m[q];
      let b = r[q];
      s0 += a < b ? a : b;
      a = m[q + 1];
      b = r[q + 1];
      s1 += a < b ? a : b;
      a = m[q + 2];
      b = r[q + 2];
      s2 += a < b ? a : b;
      a = m[q + 3];
      b = r[q + 3];
      s3 += a < b ? a : b;
    }
    if (s0 + s1 + (s2 + s3) > limit) {
      sumState.stopAt = q;
      return s0 + s1 + (s2 + s3);
    }
  }
  if (q < n) {
    s0 += m[q] < r[q] ? m[q] : r[q];
    if (q + 1 < n) s1 += m[q + 1] < r[q + 1] ? m[q + 1] : r[q + 1];
    if (q + 2 < n) s2 += m[q + 2] < r[q + 2] ? m[q + 2] : r[q + 2];
  }
  sumState.stopAt = n;
  return s0 + s1 + (s2 + s3);
}

/** Σ_q min(m[q], r1[q], r2[q]), same shape. */
export function sumMin2(m: Float64Array, r1: Float64Array, r2: Float64Array, n: number, limit: number): number {
  const w = ekmWasm.arena;
  if (w !== null && m.buffer === w.buffer && r1.buffer === w.buffer && r2.buffer === w.buffer) {
    const s = w.exports.sumMin2(m.byteOffset, r1.byteOffset, r2.byteOffset, n, limit);
    sumState.stopAt = w.exports.lastStop();
    return s;
  }
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n4 = n - (n & 3);
  let q = 0;
  while (q < n4) {
    const e = q + CHECK_EVERY < n4 ? q + CHECK_EVERY : n4;
    for (; q < e; q += 4) {
      s0 += min3(m[q], r1[q], r2[q]);
      s1 += min3(m[q + 1], r1[q + 1], r2[q + 1]);
      s2 += min3(m[q + 2], r1[q + 2], r2[q + 2]);
      s3 += min3(m[q + 3], r1[q + 3], r2[q + 3]);
    }
    if (s0 + s1 + (s2 + s3) > limit) {
      sumState.stopAt = q;
      return s0 + s1 + (s2 + s3);
    }
  }
  if (q < n) {
    s0 += min3(m[q], r1[q], r2[q]);
    if (q + 1 < n) s1 += min3(m[q + 1], r1[q + 1], r2[q + 1]);
    if (q + 2 < n) s2 += min3(m[q + 2], r1[q + 2], r2[q + 2]);
  }
  sumState.stopAt = n;
  return s0 + s1 + (s2 + s3);
}

function min3(a: number, b: number, c: number): number {
  const x = a < b ? a : b;
  return x < c ? x : c;
}

/** Σ_q m[q], same shape. */
export function sumAll(m: Float64Array, n: number, limit: number): number {
  const w = ekmWasm.arena;
  if (w !== null && m.buffer === w.buffer) {
    const s = w.exports.sumAll(m.byteOffset, n, limit);
    sumState.stopAt = w.exports.lastStop();
    return s;
  }
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n4 = n - (n & 3);
  let q = 0;
  while (q < n4) {
    const e = q + CHECK_EVERY < n4 ? q + CHECK_EVERY : n4;
    for (; q < e; q += 4) {
      s0 += m[q];
      s1 += m[q + 1];
      s2 += m[q + 2];
      s3 += m[q + 3];
    }
    if (s0 + s1 + (s2 + s3) > limit) {
      sumState.stopAt = q;
      return s0 + s1 + (s2 + s3);
    }
  }
  if (q < n) {
    s0 += m[q];
    if (q + 1 < n) s1 += m[q + 1];
    if (q + 2 < n) s2 += m[q + 2];
  }
  sumState.stopAt = n;
  return s0 + s1 + (s2 + s3);
}

/** out[q] = min(a[q], b[q]). */
export function minInto(out: Float64Array, a: Float64Array, b: Float64Array, n: number): Float64Array {
  const w = ekmWasm.arena;
  if (w !== null && out.buffer === w.buffer && a.buffer === w.buffer && b.buffer === w.buffer) {
    w.exports.minInto(out.byteOffset, a.byteOffset, b.byteOffset, n);
    return out;
  }
  for (let q = 0; q < n; q++) {
    const x = a[q];
    const y = b[q];
    out[q] = x < y ? x : y;
  }
  return out;
}
