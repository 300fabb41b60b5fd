// The k-means oracle shared by the k-means tests (moved out of kmeans.test.ts unchanged).
import type { StopReason } from '../../src/shared/types.ts';

// ---------------------------------------------------------------------------------------------
// The oracle: textbook Lloyd with the engine's documented rules (ties → lowest index; stop when
// no label changes, or fewer than changedFraction·n change, or maxIterations; empty clusters take
// the farthest row whose cluster keeps ≥ 1 row; final labelling pass with the final centroids).

export interface Reference {
  labels: number[];
  centroids: number[][];
  inertia: number;
  iterations: number;
  stopReason: StopReason;
}

export function referenceLloyd(X: number[][], init: number[][], changedFraction: number, maxIterations: number): Reference {
  const n = X.length;
  const k = init.length;
  const d = X[0].length;
  let C = init.map((c) => [...c]);
  const labels: number[] = new Array(n).fill(-1);
  const dist: number[] = new Array(n).fill(0);
  const assign = (): number => {
    let changed = 0;
    X.forEach((x, i) => {
      let best = 0;
      let bestDist = Infinity;
      C.forEach((c, j) => {
        let s = 0;
        for (let t = 0; t < d; t++) s += (x[t] - c[t]) * (x[t] - c[t]);
        if (s < bestDist) {
          bestDist = s;
          best = j;
        }
      });
      if (labels[i] !== best) changed++;
      labels[i] = best;
      dist[i] = bestDist;
    });
    return changed;
  };
  const inertia = () => dist.reduce((a, b) => a + b, 0);
  let iterations = 0;
  let stopReason: StopReason = 'max-iterations';
  while (iterations < maxIterations) {
    iterations++;
    const changed = assign();
    if (changed === 0) return { labels, centroids: C, inertia: inertia(), iterations, stopReason: 'converged' };
    const counts = new Array(k).fill(0);
    const sums = Array.from({ length: k }, () => new Array(d).fill(0));
    X.forEach((x, i) => {
      counts[labels[i]]++;
      x.forEach((v, t) => (sums[labels[i]][t] += v));
    });
    const taken = new Set<number>();
    for (let e = 0; e < k; e++) {
      if (counts[e] !== 0) continue;
      let pick = -1;
      X.forEach((_, i) => {
        if (taken.has(i) || dist[i] <= 0 || counts[labels[i]] <= 1) return;
        if (pick < 0 || dist[i] > dist[pick]) pick = i;
      });
      if (pick < 0) continue;
      taken.add(pick);
      counts[labels[pick]]--;
      X[pick].forEach((v, t) => {
        sums[labels[pick]][t] -= v;
        sums[e][t] = v;
      });
      counts[e] = 1;
    }
    C = C.map((old, j) => (counts[j] > 0 ? sums[j].map((s) => s / counts[j]) : old));
    if (changed < changedFraction * n) {
      stopReason = 'changed-fraction';
      break;
    }
  }
  assign();
  return { labels, centroids: C, inertia: inertia(), iterations, stopReason };
}

