// k-means assignment step in WebAssembly SIMD128 (AssemblyScript; built by scripts/build-wasm.mjs
// into src/main/engine/wasm/). Same answer, bit for bit, as the JavaScript kernel
// (src/main/engine/kmeans/kernel.ts): every squared distance is accumulated as (x_t − c_t)² one
// dimension after the other from t = 0, exactly as the scalar loop does, only two centroids per
// f64x2 lane pair; the nearest centroid is the lowest index among the smallest distances; the
// chunk's inertia and per-cluster sums are added row after row. No FMA (it would change bits).
//
// Memory (all offsets in bytes, chosen by the JavaScript side, 16-byte aligned):
//   data    n·d f64, row-major (the worker's copy of the dataset)
//   ct      d·kp f64: centroids transposed (ct[t·kp + j] = c_j[t]), kp = k rounded up to 2
//           (blocks of 8 centroids, then pairs), a padding centroid at +Infinity (never nearest: an all-infinite row goes to cluster 0,
//           as in the scalar loop)
//   cn, crow (assignRowsDot only) ‖c_j‖² per centroid (kp, padding +Infinity), centroids row-major
//   labels  Int32 per row of the chunk: previous label in, new label out
//   rec     the chunk's partial record: k·d sums, k counts, changed, inertia (see kernel.ts)

/** Centroids per full block: 4 f64x2 accumulators per row (kp must be a multiple of 2). */
const BLOCK: i32 = 8;

/**
 * Assigns rows [start, stop) (labels[0] is row start) and writes the chunk's partial record.
 * Rows go in pairs so every centroid load serves two rows.
 */
export function assignRows(data: usize, d: i32, ct: usize, k: i32, kp: i32, labels: usize, rec: usize, start: i32, stop: i32): void {
  assign(false, data, d, ct, 0, 0, k, kp, labels, rec, start, stop);
}

/**
 * The same pass with scores instead of distances (scikit-learn's formulation): the nearest
 * centroid minimises ‖c‖² − 2·x·c, accumulated as cn[j] + Σ_t x_t·ct[t][j] with ct = −2c
 * transposed (scaling by 2 is exact), two operations per term instead of three. The answer is
 * still assignRows' bits: each row also keeps its second-best score, and when the gap between
 * the two is not larger than what rounding could move them (see verifiedNearest), the row's label
 * is decided again from exact distances as assignRows computes them. The winner's distance
 * (inertia) is always recomputed that way, from the row-major centroids `crow`.
 * `norms` holds ‖x_i‖ for every row of the dataset (upper bounds suffice), `cmax` ≥ max_j ‖c_j‖.
 */
export function assignRowsDot(data: usize, d: i32, ct: usize, cn: usize, crow: usize, k: i32, kp: i32, labels: usize, rec: usize, start: i32, stop: i32, norms: usize, cmax: f64): void {
  dotNorms = norms;
  dotCmax = cmax;
  assign(true, data, d, ct, cn, crow, k, kp, labels, rec, start, stop);
}

/** assignRowsDot's row norms and centroid-norm bound (globals: the inlined kernel reads them per row). */
let dotNorms: usize = 0;
let dotCmax: f64 = 0;

// Specialised per `dot` at compile time (both callers pass a constant).
@inline
function assign(dot: bool, data: usize, d: i32, ct: usize, cn: usize, crow: usize, k: i32, kp: i32, labels: usize, rec: usize, start: i32, stop: i32): void {
  const stride = k * d + k + 2;
  memory.fill(rec, 0, <usize>stride << 3);
  const countBase = rec + (<usize>(k * d) << 3);
  const rowBytes = <usize>d << 3;
  const colBytes = <usize>kp << 3;
  changed = 0;
  let inertia: f64 = 0;
  for (let i = start; i < stop; i += 2) {
    const second = i + 1 < stop;
    const x0 = data + <usize>i * rowBytes;
    // A lone last row is paired with itself; its twin's result is dropped.
    const x1 = second ? x0 + rowBytes : x0;
    // Per row: the best distance and its centroid index in each of two lanes.
    let best0 = f64x2.splat(Infinity);
    let best1 = f64x2.splat(Infinity);
    let idx0 = i64x2.splat(0);
    let idx1 = i64x2.splat(0);
    // Dot form: the second-smallest score per lane (the gap to it decides whether to re-check).
    let sec0 = f64x2.splat(Infinity);
    let sec1 = f64x2.splat(Infinity);
    const full = kp & ~(BLOCK - 1);
    for (let j = 0; j < full; j += BLOCK) {
      const n0 = dot ? v128.load(cn + (<usize>j << 3)) : f64x2.splat(0);
      const n1 = dot ? v128.load(cn + (<usize>j << 3), 16) : f64x2.splat(0);
      const n2 = dot ? v128.load(cn + (<usize>j << 3), 32) : f64x2.splat(0);
      const n3 = dot ? v128.load(cn + (<usize>j << 3), 48) : f64x2.splat(0);
      let a0 = n0, a1 = n1, a2 = n2, a3 = n3;
      let b0 = n0, b1 = n1, b2 = n2, b3 = n3;
      let c = ct + (<usize>j << 3);
      for (let t: usize = 0; t < rowBytes; t += 8) {
        const c0 = v128.load(c), c1 = v128.load(c, 16), c2 = v128.load(c, 32), c3 = v128.load(c, 48);
        const p = f64x2.splat(load<f64>(x0 + t));
        const q = f64x2.splat(load<f64>(x1 + t));
        a0 = term(dot, a0, p, c0); a1 = term(dot, a1, p, c1); a2 = term(dot, a2, p, c2); a3 = term(dot, a3, p, c3);
        b0 = term(dot, b0, q, c0); b1 = term(dot, b1, q, c1); b2 = term(dot, b2, q, c2); b3 = term(dot, b3, q, c3);
        c += colBytes;
      }
      // Lane l of accumulator m holds centroid j + 2m + l. Merge later (higher-index) candidates
      // only when strictly closer, so ties keep the lowest index within each lane.
      const jj = <i64>j;
      const i0 = i64x2(jj, jj + 1), i1 = i64x2(jj + 2, jj + 3), i2 = i64x2(jj + 4, jj + 5), i3 = i64x2(jj + 6, jj + 7);
      let m = f64x2.lt(a1, a0); const a01 = v128.bitselect(a1, a0, m); const ia01 = v128.bitselect(i1, i0, m);
      m = f64x2.lt(a3, a2); const a23 = v128.bitselect(a3, a2, m); const ia23 = v128.bitselect(i3, i2, m);
      m = f64x2.lt(a23, a01); const ab = v128.bitselect(a23, a01, m); const iab = v128.bitselect(ia23, ia01, m);
      if (dot) sec0 = secondOf(sec0, best0, ab, a0, a1, a2, a3, a01, a23);
      m = f64x2.lt(ab, best0); best0 = v128.bitselect(ab, best0, m); idx0 = v128.bitselect(iab, idx0, m);
      m = f64x2.lt(b1, b0); const b01 = v128.bitselect(b1, b0, m); const ib01 = v128.bitselect(i1, i0, m);
      m = f64x2.lt(b3, b2); const b23 = v128.bitselect(b3, b2, m); const ib23 = v128.bitselect(i3, i2, m);
      m = f64x2.lt(b23, b01); const bb = v128.bitselect(b23, b01, m); const ibb = v128.bitselect(ib23, ib01, m);
      if (dot) sec1 = secondOf(sec1, best1, bb, b0, b1, b2, b3, b01, b23);
      m = f64x2.lt(bb, best1); best1 = v128.bitselect(bb, best1, m); idx1 = v128.bitselect(ibb, idx1, m);
    }
    // The last k mod 8 centroids (rounded up to a pair), one f64x2 per row.
    for (let j = full; j < kp; j += 2) {
      let a = dot ? v128.load(cn + (<usize>j << 3)) : f64x2.splat(0);
      let b = a;
      let c = ct + (<usize>j << 3);
      for (let t: usize = 0; t < rowBytes; t += 8) {
        const c0 = v128.load(c);
        a = term(dot, a, f64x2.splat(load<f64>(x0 + t)), c0);
        b = term(dot, b, f64x2.splat(load<f64>(x1 + t)), c0);
        c += colBytes;
      }
      const ij = i64x2(<i64>j, <i64>j + 1);
      if (dot) {
        sec0 = f64x2.min(sec0, f64x2.max(best0, a));
        sec1 = f64x2.min(sec1, f64x2.max(best1, b));
      }
      let m = f64x2.lt(a, best0); best0 = v128.bitselect(a, best0, m); idx0 = v128.bitselect(ij, idx0, m);
      m = f64x2.lt(b, best1); best1 = v128.bitselect(b, best1, m); idx1 = v128.bitselect(ij, idx1, m);
    }
    inertia += finishRow(dot, x0, d, crow, k, rec, countBase, labels + (<usize>(i - start) << 2), best0, idx0, sec0, i);
    if (second) inertia += finishRow(dot, x1, d, crow, k, rec, countBase, labels + (<usize>(i + 1 - start) << 2), best1, idx1, sec1, i + 1);
  }
  const tail = countBase + (<usize>k << 3);
  store<f64>(tail, <f64>changed);
  store<f64>(tail, inertia, 8);
}

/** Rows of the current chunk whose label changed. */
let changed: i32 = 0;

/**
 * The second-smallest value per lane after merging a block (leaves a0..a3, pairwise minima a01,
 * a23, block minimum ab) into a running (best, second): each merge's loser is a candidate. Equal
 * values count twice, so an exact tie leaves a gap of 0 (and the row is re-checked).
 */
@inline
function secondOf(sec: v128, best: v128, ab: v128, a0: v128, a1: v128, a2: v128, a3: v128, a01: v128, a23: v128): v128 {
  const inBlock = f64x2.min(f64x2.min(f64x2.max(a0, a1), f64x2.max(a2, a3)), f64x2.max(a01, a23));
  return f64x2.min(f64x2.min(sec, inBlock), f64x2.max(best, ab));
}

/**
 * The dot form's winner when no rounding can have put it first, else the distance form's own
 * choice. A score ŝ_j approximates s_j = ‖c_j‖² − 2·x·c_j within γ·(2‖c_j‖² + 2‖x‖‖c_j‖) and the
 * distance form's D̂_j approximates ‖x − c_j‖² = ‖x‖² + s_j within γ·(‖x‖ + ‖c_j‖)², with
 * γ ≈ (d + 2)·2⁻⁵³ (sequential sums, one rounding per operation); both are below
 * 3γ·(‖x‖ + C)², C ≥ max ‖c_j‖. So when the second-best score exceeds the best by more than twice
 * that (with a factor 8 to spare, plus an absolute term for underflow), every other D̂_j is
 * strictly larger than the winner's: the distance form picks the same centroid. Otherwise the row's
 * label is decided from exact D̂_j, lowest index among the smallest (assignRows' rule).
 */
@inline
function verifiedNearest(x: usize, d: i32, crow: usize, k: i32, best: f64, second: f64, nearest: i32, row: i32): i32 {
  const r = load<f64>(dotNorms + (<usize>row << 3)) + dotCmax;
  const margin = <f64>(48 * (d + 2)) * (1.1102230246251565e-16 * (r * r) + 2.2250738585072014e-308);
  if (second - best > margin) return nearest;
  let winner = 0;
  let bestDist = Infinity;
  const rowBytes = <usize>d << 3;
  for (let j = 0; j < k; j++) {
    const dist = sqDist(x, crow + <usize>j * rowBytes, d);
    if (dist < bestDist) {
      bestDist = dist;
      winner = j;
    }
  }
  return winner;
}

/**
 * Picks the row's nearest centroid from its two lanes (the smaller distance; on a tie the lower
 * index; the dot form verified by verifiedNearest), updates its label, counts and sums; returns
 * its squared distance.
 */
@inline
function finishRow(dot: bool, x: usize, d: i32, crow: usize, k: i32, rec: usize, countBase: usize, label: usize, best: v128, idx: v128, sec: v128, row: i32): f64 {
  const v0 = f64x2.extract_lane(best, 0);
  const v1 = f64x2.extract_lane(best, 1);
  const i0 = <i32>i64x2.extract_lane(idx, 0);
  const i1 = <i32>i64x2.extract_lane(idx, 1);
  const first = v0 < v1 || (v0 == v1 && i0 < i1);
  let nearest = first ? i0 : i1;
  if (dot) {
    const second = min<f64>(min<f64>(f64x2.extract_lane(sec, 0), f64x2.extract_lane(sec, 1)), max<f64>(v0, v1));
    nearest = verifiedNearest(x, d, crow, k, first ? v0 : v1, second, nearest, row);
  }
  addRow(x, d, rec + (<usize>(nearest * d) << 3));
  const count = countBase + (<usize>nearest << 3);
  store<f64>(count, load<f64>(count) + 1);
  if (load<i32>(label) != nearest) {
    store<i32>(label, nearest);
    changed++;
  }
  return dot ? sqDist(x, crow + (<usize>(nearest * d) << 3), d) : first ? v0 : v1;
}

/** One term: distance mode a + (p − c)², score mode a + p·c (c holds −2·centroid). */
@inline
function term(dot: bool, a: v128, p: v128, c: v128): v128 {
  if (dot) return f64x2.add(a, f64x2.mul(p, c));
  const u = f64x2.sub(p, c);
  return f64x2.add(a, f64x2.mul(u, u));
}

/** Σ_t (x_t − c_t)² from t = 0, the JS kernel's order (scalar: the order is the point). */
@inline
function sqDist(x: usize, c: usize, d: i32): f64 {
  let s: f64 = 0;
  const bytes = <usize>d << 3;
  for (let t: usize = 0; t < bytes; t += 8) {
    const u = load<f64>(x + t) - load<f64>(c + t);
    s += u * u;
  }
  return s;
}

/** sums[t] += x[t] for every t, two at a time (each element is added exactly as the scalar loop adds it). */
@inline
function addRow(x: usize, d: i32, sums: usize): void {
  const bytes = <usize>d << 3;
  let t: usize = 0;
  for (; t + 16 <= bytes; t += 16) v128.store(sums + t, f64x2.add(v128.load(sums + t), v128.load(x + t)));
  if (t < bytes) store<f64>(sums + t, load<f64>(sums + t) + load<f64>(x + t));
}

// k-means++ seeding (src/main/engine/kmeans/kmeanspp.ts), the same bits as its JavaScript loop:
// each squared distance is Σ_t (x_t − c_t)² from t = 0 (two candidates per f64x2, as centroids
// above), the minimum is f64.min / f64x2.min (Math.min's value for these non-NaN inputs), and every
// sum is added row after row. `ct` holds the candidates transposed (d × cp, cp even, padding +∞).

/**
 * closest[i] = d(x_i, candidate 0) (first) or min(closest[i], d(x_i, candidate 0)) for rows
 * [start, stop) (closest[0] is row start); returns their sum, added in row order.
 */
export function kppUpdate(data: usize, d: i32, ct: usize, cp: i32, closest: usize, start: i32, stop: i32, first: bool): f64 {
  const rowBytes = <usize>d << 3;
  const colBytes = <usize>cp << 3;
  let sum: f64 = 0;
  for (let i = start; i < stop; i++) {
    const x = data + <usize>i * rowBytes;
    let dist: f64 = 0;
    let c = ct;
    for (let t: usize = 0; t < rowBytes; t += 8) {
      const u = load<f64>(x + t) - load<f64>(c);
      dist += u * u;
      c += colBytes;
    }
    const at = closest + (<usize>(i - start) << 3);
    const v = first ? dist : min<f64>(load<f64>(at), dist);
    store<f64>(at, v);
    sum += v;
  }
  return sum;
}

/** pots[t] = Σ_i min(closest[i], d(x_i, candidate t)) over rows [start, stop), t < cp, rows in order. */
export function kppTrials(data: usize, d: i32, ct: usize, cp: i32, closest: usize, pots: usize, start: i32, stop: i32): void {
  const rowBytes = <usize>d << 3;
  const colBytes = <usize>cp << 3;
  memory.fill(pots, 0, colBytes);
  for (let i = start; i < stop; i++) {
    const x = data + <usize>i * rowBytes;
    const ci = f64x2.splat(load<f64>(closest + (<usize>(i - start) << 3)));
    for (let j = 0; j < cp; j += 2) {
      let a = f64x2.splat(0);
      let c = ct + (<usize>j << 3);
      for (let t: usize = 0; t < rowBytes; t += 8) {
        a = term(false, a, f64x2.splat(load<f64>(x + t)), v128.load(c));
        c += colBytes;
      }
      const p = pots + (<usize>j << 3);
      v128.store(p, f64x2.add(v128.load(p), f64x2.min(ci, a)));
    }
  }
}

// Hamerly's bounds (kernel 'wasm-hamerly'), the same bits as assignRows. Per row: the exact
// squared distance D̂_a to its previous centroid a (needed for the inertia anyway) gives an upper
// bound u = √D̂_a·(1 + eps) on its true distance; lower[i] bounds the true distance to every other
// centroid from below (from the last full scan, lowered here by maxShift ≥ the largest centroid
// move since the previous pass, then rounded down), and half[a] = ½·min_j ‖c_a − c_j‖ from below. When u < max(half[a],
// lower[i]), every other centroid is farther by more than rounding (eps > γ_(d+2)/2), so a full
// scan would pick a too, uniquely: the row keeps a and its record gets the bits a full scan gives.
// Otherwise the row is scanned in full (lowest index among the smallest, assignRows' rule) and
// lower[i] = √(second smallest D̂)·(1 − eps). Rows with label −1 (a restart's first pass) are
// always scanned.

/**
 * Assigns rows [start, stop) (labels[0], lower[0] are row start's) with Hamerly's test; `half`
 * holds k values, `crow` the centroids row-major, `maxShift` ≥ the largest move of a centroid
 * since the previous pass. Returns the number of rows scanned in full.
 */
export function assignRowsHamerly(data: usize, d: i32, ct: usize, crow: usize, k: i32, kp: i32, labels: usize, lower: usize, half: usize, rec: usize, start: i32, stop: i32, maxShift: f64, eps: f64): i32 {
  const stride = k * d + k + 2;
  memory.fill(rec, 0, <usize>stride << 3);
  const countBase = rec + (<usize>(k * d) << 3);
  const rowBytes = <usize>d << 3;
  let changedRows = 0;
  let scanned = 0;
  let inertia: f64 = 0;
  for (let i = start; i < stop; i++) {
    const x = data + <usize>i * rowBytes;
    const label = labels + (<usize>(i - start) << 2);
    const low = lower + (<usize>(i - start) << 3);
    const prev = load<i32>(label);
    let nearest = prev;
    let dist: f64 = 0;
    let keep = false;
    if (prev >= 0) {
      // Negative bounds only ever shrink further (and never keep a row): rounding them is harmless.
      const l = (load<f64>(low) - maxShift) * (1 - eps);
      store<f64>(low, l);
      dist = sqDist(x, crow + <usize>prev * rowBytes, d);
      const u = Math.sqrt(dist) * (1 + eps);
      keep = u < max<f64>(load<f64>(half + (<usize>prev << 3)), l);
    }
    if (!keep) {
      scanned++;
      nearest = scanRow(x, d, ct, kp);
      dist = scanBest;
      store<f64>(low, Math.sqrt(scanSecond) * (1 - eps));
    }
    addRow(x, d, rec + (<usize>(nearest * d) << 3));
    const count = countBase + (<usize>nearest << 3);
    store<f64>(count, load<f64>(count) + 1);
    if (prev != nearest) {
      store<i32>(label, nearest);
      changedRows++;
    }
    inertia += dist;
  }
  const tail = countBase + (<usize>k << 3);
  store<f64>(tail, <f64>changedRows);
  store<f64>(tail, inertia, 8);
  return scanned;
}

/** scanRow's smallest and second-smallest squared distances. */
let scanBest: f64 = 0;
let scanSecond: f64 = 0;

/**
 * One row against every centroid (transposed, kp of them, padding at +∞): returns the lowest index
 * among the smallest distances; scanBest and scanSecond get the two smallest values (a tie counts
 * twice). Blocks of 8 centroids keep 4 independent accumulators per dimension.
 */
@inline
function scanRow(x: usize, d: i32, ct: usize, kp: i32): i32 {
  const rowBytes = <usize>d << 3;
  const colBytes = <usize>kp << 3;
  let best = f64x2.splat(Infinity);
  let sec = f64x2.splat(Infinity);
  let idx = i64x2.splat(0);
  const full = kp & ~(BLOCK - 1);
  for (let j = 0; j < full; j += BLOCK) {
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
    let c = ct + (<usize>j << 3);
    for (let t: usize = 0; t < rowBytes; t += 8) {
      const p = f64x2.splat(load<f64>(x + t));
      a0 = term(false, a0, p, v128.load(c));
      a1 = term(false, a1, p, v128.load(c, 16));
      a2 = term(false, a2, p, v128.load(c, 32));
      a3 = term(false, a3, p, v128.load(c, 48));
      c += colBytes;
    }
    const jj = <i64>j;
    // In index order, strictly smaller only: ties keep the lower index within each lane.
    sec = f64x2.min(sec, f64x2.max(best, a0)); let m = f64x2.lt(a0, best); best = v128.bitselect(a0, best, m); idx = v128.bitselect(i64x2(jj, jj + 1), idx, m);
    sec = f64x2.min(sec, f64x2.max(best, a1)); m = f64x2.lt(a1, best); best = v128.bitselect(a1, best, m); idx = v128.bitselect(i64x2(jj + 2, jj + 3), idx, m);
    sec = f64x2.min(sec, f64x2.max(best, a2)); m = f64x2.lt(a2, best); best = v128.bitselect(a2, best, m); idx = v128.bitselect(i64x2(jj + 4, jj + 5), idx, m);
    sec = f64x2.min(sec, f64x2.max(best, a3)); m = f64x2.lt(a3, best); best = v128.bitselect(a3, best, m); idx = v128.bitselect(i64x2(jj + 6, jj + 7), idx, m);
  }
  for (let j = full; j < kp; j += 2) {
    let a = f64x2.splat(0);
    let c = ct + (<usize>j << 3);
    for (let t: usize = 0; t < rowBytes; t += 8) {
      a = term(false, a, f64x2.splat(load<f64>(x + t)), v128.load(c));
      c += colBytes;
    }
    sec = f64x2.min(sec, f64x2.max(best, a));
    const m = f64x2.lt(a, best);
    best = v128.bitselect(a, best, m);
    idx = v128.bitselect(i64x2(<i64>j, <i64>j + 1), idx, m);
  }
  const v0 = f64x2.extract_lane(best, 0);
  const v1 = f64x2.extract_lane(best, 1);
  const i0 = <i32>i64x2.extract_lane(idx, 0);
  const i1 = <i32>i64x2.extract_lane(idx, 1);
  const first = v0 < v1 || (v0 == v1 && i0 < i1);
  scanBest = first ? v0 : v1;
  scanSecond = min<f64>(min<f64>(f64x2.extract_lane(sec, 0), f64x2.extract_lane(sec, 1)), max<f64>(v0, v1));
  return first ? i0 : i1;
}
