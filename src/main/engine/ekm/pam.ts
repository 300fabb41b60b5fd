// PAM (Kaufman & Rousseeuw): greedy BUILD, then best-improvement SWAP until no swap lowers the
// cost. The swap search uses the FastPAM1 decomposition (Schubert & Rousseeuw 2019) — for each
// candidate h, the change for every medoid at once in O(n) — which finds exactly PAM's best swap.
// A heuristic: the EKM result shows how far it is from the optimum (the optimality gap), and its
// answer seeds EKM's pruning bound.
import type { DistanceRows } from './distance.ts';

export interface PamOutcome {
  /** Sorted ascending (indices of the rows' labelling: internal indices, see DistanceRows). */
  medoids: number[];
  /** Canonical cost (DistanceRows.cost: same summation as every EKM kernel). */
  cost: number;
  iterations: number;
  swaps: number;
}

export interface PamOptions {
  maxIterations?: number;
  poll?: () => void;
}

export function pam(rows: DistanceRows, k: number, opts: PamOptions = {}): PamOutcome {
  const n = rows.n;
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`PAM needs 1 ≤ k ≤ n (n = ${n}), got k = ${k}`);
  const maxIterations = opts.maxIterations ?? 100;
  const isMedoid = new Uint8Array(n);
  const medoids: number[] = [];
  const d1 = new Float64Array(n).fill(Infinity);

  // BUILD: each step adds the point that lowers the total distance most (ties: lowest index).
  for (let step = 0; step < k; step++) {
    let bestH = -1;
    let bestGain = -Infinity;
    for (let h = 0; h < n; h++) {
      if (isMedoid[h]) continue;
      const r = rows.row(h, 0);
      let gain = 0;
      if (step === 0) for (let q = 0; q < n; q++) gain -= r[q];
      else for (let q = 0; q < n; q++) if (r[q] < d1[q]) gain += d1[q] - r[q];
      if (gain > bestGain) {
        bestGain = gain;
        bestH = h;
      }
    }
    opts.poll?.();
    isMedoid[bestH] = 1;
    medoids.push(bestH);
    const r = rows.row(bestH, 0);
    for (let q = 0; q < n; q++) if (r[q] < d1[q]) d1[q] = r[q];
  }

  // SWAP state: nearest medoid (position in `medoids`), its distance, the second nearest distance.
  const near = new Int32Array(n);
  const d2 = new Float64Array(n);
  const assign = () => {
    d1.fill(Infinity);
    d2.fill(Infinity);
    for (let t = 0; t < k; t++) {
      const r = rows.row(medoids[t], 0);
      for (let q = 0; q < n; q++) {
        const v = r[q];
        if (v < d1[q]) {
          d2[q] = d1[q];
          d1[q] = v;
          near[q] = t;
        } else if (v < d2[q]) d2[q] = v;
      }
    }
    let s = 0;
    for (let q = 0; q < n; q++) s += d1[q];
    return s;
  };
  let total = assign();
  const delta = new Float64Array(k);
  let iterations = 0;
  let swaps = 0;
  while (iterations < maxIterations) {
    iterations++;
    let bestDelta = 0;
    let bestT = -1;
    let bestH = -1;
    for (let h = 0; h < n; h++) {
      if (isMedoid[h]) continue;
      const r = rows.row(h, 0);
      delta.fill(0);
      // Removing medoid t and adding h: points of t move to min(d2, dh), the others to min(d1, dh).
      let shared = 0;
      for (let q = 0; q < n; q++) {
        const dh = r[q];
        const gainOthers = dh < d1[q] ? dh - d1[q] : 0;
        shared += gainOthers;
        const own = (dh < d2[q] ? dh : d2[q]) - d1[q];
        delta[near[q]] += own - gainOthers;
      }
      for (let t = 0; t < k; t++) {
        const dt = shared + delta[t];
        if (dt < bestDelta) {
          bestDelta = dt;
          bestT = t;
          bestH = h;
        }
      }
      if ((h & 63) === 0) opts.poll?.();
    }
    // A relative tolerance stops float round-off from cycling between equal-cost sets.
    if (bestT < 0 || bestDelta >= -1e-12 * Math.max(1, Math.abs(total))) break;
    isMedoid[medoids[bestT]] = 0;
    isMedoid[bestH] = 1;
    medoids[bestT] = bestH;
    swaps++;
    total = assign();
  }
  const sorted = [...medoids].sort((a, b) => a - b);
  return { medoids: sorted, cost: rows.cost(sorted), iterations, swaps };
}
