// EKM's evaluation kernel in WebAssembly SIMD128 (AssemblyScript; built by scripts/build-wasm.mjs
// into src/main/engine/wasm/): the sums of src/main/engine/ekm/sums.ts, bit for bit.
//
// Why the bits are the same. sums.ts adds term q into accumulator s_(q mod 4) and returns
// (s0 + s1) + (s2 + s3). Here s01 = (s0, s1) and s23 = (s2, s3) are two f64x2 vectors, each step
// of four terms adds (t_q, t_q+1) to s01 and (t_q+2, t_q+3) to s23: the same additions on the same
// values in the same order, two per instruction. The abandon check runs after the same blocks of
// CHECK_EVERY terms on the same expression, so the same sums stop at the same q. The minimum:
// JavaScript's `a < b ? a : b` is exactly f64x2.pmin(b, a) (pmin(x, y) = y < x ? y : x), lane by
// lane, ties and signed zeros included, with no branch (one minpd). No FMA, no reassociation.
//
// Memory (byte offsets chosen by the JavaScript side, 8-byte aligned): rows of n f64.

/** Terms between two abandon checks: must equal sums.ts's CHECK_EVERY. */
const CHECK_EVERY: i32 = 16;

/** Where the last sum stopped (n when it ran to the end); read through lastStop(). */
let stopAt: i32 = 0;

export function lastStop(): i32 {
  return stopAt;
}

// Which terms a sum adds: t_q = min(m, r1[, r2]) or m itself. A compile-time constant per export.
const ALL: i32 = 0;
const MIN1: i32 = 1;
const MIN2: i32 = 2;

@inline
function termV(kind: i32, m: usize, r1: usize, r2: usize, at: usize): v128 {
  const a = v128.load(m + at);
  if (kind === ALL) return a;
  const x = f64x2.pmin(v128.load(r1 + at), a);
  if (kind === MIN1) return x;
  return f64x2.pmin(v128.load(r2 + at), x);
}

@inline
function termS(kind: i32, m: usize, r1: usize, r2: usize, at: usize): f64 {
  const a = load<f64>(m + at);
  if (kind === ALL) return a;
  const b = load<f64>(r1 + at);
  const x = select<f64>(a, b, a < b);
  if (kind === MIN1) return x;
  const c = load<f64>(r2 + at);
  return select<f64>(x, c, x < c);
}

@inline
function total(s01: v128, s23: v128): f64 {
  return f64x2.extract_lane(s01, 0) + f64x2.extract_lane(s01, 1) + (f64x2.extract_lane(s23, 0) + f64x2.extract_lane(s23, 1));
}

@inline
function sum(kind: i32, m: usize, r1: usize, r2: usize, n: i32, limit: f64): f64 {
  let s01 = f64x2.splat(0);
  let s23 = f64x2.splat(0);
  const n4 = n - (n & 3);
  let q = 0;
  // Full blocks of CHECK_EVERY (= 16) terms, unrolled by hand; then the last short block; each followed by the
  // check, at the same positions as sums.ts's `e = min(q + CHECK_EVERY, n4)` blocks.
  while (q + CHECK_EVERY <= n4) {
    const at = <usize>q << 3;
    s01 = f64x2.add(s01, termV(kind, m, r1, r2, at));
    s23 = f64x2.add(s23, termV(kind, m, r1, r2, at + 16));
    s01 = f64x2.add(s01, termV(kind, m, r1, r2, at + 32));
    s23 = f64x2.add(s23, termV(kind, m, r1, r2, at + 48));
    s01 = f64x2.add(s01, termV(kind, m, r1, r2, at + 64));
    s23 = f64x2.add(s23, termV(kind, m, r1, r2, at + 80));
    s01 = f64x2.add(s01, termV(kind, m, r1, r2, at + 96));
    s23 = f64x2.add(s23, termV(kind, m, r1, r2, at + 112));
    q += CHECK_EVERY;
    const s = total(s01, s23);
    if (s > limit) {
      stopAt = q;
      return s;
    }
  }
  if (q < n4) {
    for (; q < n4; q += 4) {
      const at = <usize>q << 3;
      s01 = f64x2.add(s01, termV(kind, m, r1, r2, at));
      s23 = f64x2.add(s23, termV(kind, m, r1, r2, at + 16));
    }
    const s = total(s01, s23);
    if (s > limit) {
      stopAt = q;
      return s;
    }
  }
  let s0 = f64x2.extract_lane(s01, 0);
  let s1 = f64x2.extract_lane(s01, 1);
  let s2 = f64x2.extract_lane(s23, 0);
  const s3 = f64x2.extract_lane(s23, 1);
  if (q < n) {
    const at = <usize>q << 3;
    s0 += termS(kind, m, r1, r2, at);
    if (q + 1 < n) s1 += termS(kind, m, r1, r2, at + 8);
    if (q + 2 < n) s2 += termS(kind, m, r1, r2, at + 16);
  }
  stopAt = n;
  return s0 + s1 + (s2 + s3);
}

/** Σ_q min(m[q], r[q]), abandoned after the first block whose partial sum exceeds `limit`. */
export function sumMin(m: usize, r: usize, n: i32, limit: f64): f64 {
  return sum(MIN1, m, r, 0, n, limit);
}

/** Σ_q min(m[q], r1[q], r2[q]) (the minimum taken as min(min(m, r1), r2), as sums.ts's min3). */
export function sumMin2(m: usize, r1: usize, r2: usize, n: i32, limit: f64): f64 {
  return sum(MIN2, m, r1, r2, n, limit);
}

/** Σ_q m[q]. */
export function sumAll(m: usize, n: i32, limit: f64): f64 {
  return sum(ALL, m, 0, 0, n, limit);
}

/** out[q] = a[q] < b[q] ? a[q] : b[q] (out may be a or b). */
export function minInto(out: usize, a: usize, b: usize, n: i32): void {
  const n2 = n & ~1;
  let q = 0;
  for (; q < n2; q += 2) {
    const at = <usize>q << 3;
    v128.store(out + at, f64x2.pmin(v128.load(b + at), v128.load(a + at)));
  }
  if (q < n) {
    const at = <usize>q << 3;
    const x = load<f64>(a + at);
    const y = load<f64>(b + at);
    store<f64>(out + at, select<f64>(x, y, x < y));
  }
}
