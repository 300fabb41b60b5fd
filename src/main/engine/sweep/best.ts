// The best k by each score of a sweep, and the elbow of the cost curve.
import type { SweepBest, SweepPoint } from '../../../shared/analysis.ts';

function argBest(points: readonly SweepPoint[], value: (p: SweepPoint) => number, better: (a: number, b: number) => boolean): number | null {
  let best: SweepPoint | null = null;
  for (const p of points) {
    const v = value(p);
    if (!Number.isFinite(v)) continue;
    if (best === null || better(v, value(best))) best = p; // ties: the smaller k (seen first)
  }
  return best?.k ?? null;
}

/**
 * The elbow: the k whose (k, cost) point lies farthest below the straight line from the first to
 * the last point, both axes scaled to [0, 1] (the "kneedle" idea). A heuristic, said so wherever shown.
 */
export function elbowK(points: readonly SweepPoint[]): number | null {
  if (points.length < 3) return null;
  const ks = points.map((p) => p.k);
  const cs = points.map((p) => p.cost);
  const k0 = ks[0];
  const k1 = ks[ks.length - 1];
  const cMin = Math.min(...cs);
  const cMax = Math.max(...cs);
  if (cMax === cMin) return null;
  let best: number | null = null;
  let bestGap = 0;
  points.forEach((p) => {
    const x = (p.k - k0) / (k1 - k0);
    const y = (p.cost - cMin) / (cMax - cMin);
    const line = 1 - x; // from (0, 1) to (1, 0): cost falls with k
    const gap = line - y;
    if (gap > bestGap) {
      bestGap = gap;
      best = p.k;
    }
  });
  return best;
}

export function bestByScore(points: readonly SweepPoint[]): SweepBest {
  return {
    silhouette: argBest(points, (p) => p.silhouette, (a, b) => a > b),
    daviesBouldin: argBest(points, (p) => p.daviesBouldin, (a, b) => a < b),
    calinskiHarabasz: argBest(points, (p) => p.calinskiHarabasz, (a, b) => a > b),
    elbow: elbowK(points),
  };
}
