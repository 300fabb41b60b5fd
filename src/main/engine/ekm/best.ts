// The selection rule shared by every kernel and every reduction: lowest cost wins, and among
// equal costs the lexicographically smallest sorted medoid set. Because each combination is
// evaluated by exactly one kernel and this order is total, the answer cannot depend on how the
// work was split or in what order the pieces finished.

export interface BestSet {
  cost: number;
  /** Sorted ascending; empty while nothing was found. */
  medoids: number[];
}

/** a < b lexicographically (equal-length sorted index lists). */
export function lexLess(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return a.length < b.length;
}

/** Whether (cost, medoids) beats `best` under the selection rule. */
export function beats(cost: number, medoids: ArrayLike<number>, best: BestSet): boolean {
  if (cost < best.cost) return true;
  return cost === best.cost && (best.medoids.length === 0 || lexLess(medoids, best.medoids));
}

export function emptyBest(): BestSet {
  return { cost: Infinity, medoids: [] };
}

/** Deterministic reduction of per-worker bests. */
export function reduceBest(parts: Iterable<BestSet>): BestSet {
  let best = emptyBest();
  for (const p of parts) if (p.medoids.length > 0 && beats(p.cost, p.medoids, best)) best = { cost: p.cost, medoids: [...p.medoids] };
  return best;
}
