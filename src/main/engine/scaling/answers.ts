// Does a parallel run give the serial answer? Parallelism may change time, never answers, so any
// difference is reported as a readable sentence (and flagged loudly by callers).

/** What must equal the serial answer: labels exactly, the medoid set exactly, cost to 1e-9 relative. */
export interface CellAnswer {
  labels?: ArrayLike<number>;
  medoids?: number[];
  cost: number;
}

export const COST_RELATIVE_TOLERANCE = 1e-9;

function costsAgree(a: number, b: number): boolean {
  if (a === b) return true;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= COST_RELATIVE_TOLERANCE * scale;
}

function describeLabelDifference(reference: ArrayLike<number>, other: ArrayLike<number>): string | null {
  if (reference.length !== other.length) {
    return `${other.length} labels instead of ${reference.length}`;
  }
  let differing = 0;
  let first = -1;
  for (let i = 0; i < reference.length; i++) {
    if (reference[i] !== other[i]) {
      differing++;
      if (first < 0) first = i;
    }
  }
  if (differing === 0) return null;
  return `${differing} of ${reference.length} labels differ (first at row ${first}: ${other[first]} instead of ${reference[first]})`;
}

function sortedCopy(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Null when `other` equals `reference`; otherwise what differs, e.g. "cost 12.5 instead of 12.4". */
export function compareAnswers(reference: CellAnswer, other: CellAnswer): string | null {
  const problems: string[] = [];
  if (reference.labels !== undefined || other.labels !== undefined) {
    if (reference.labels === undefined || other.labels === undefined) problems.push('labels missing on one side');
    else {
      const diff = describeLabelDifference(reference.labels, other.labels);
      if (diff) problems.push(diff);
    }
  }
  if (reference.medoids !== undefined || other.medoids !== undefined) {
    const a = reference.medoids ? sortedCopy(reference.medoids) : null;
    const b = other.medoids ? sortedCopy(other.medoids) : null;
    if (!a || !b || a.length !== b.length || a.some((v, i) => v !== b[i])) {
      problems.push(`medoids {${b?.join(', ') ?? 'none'}} instead of {${a?.join(', ') ?? 'none'}}`);
    }
  }
  if (!costsAgree(reference.cost, other.cost)) {
    const rel = Math.abs(reference.cost - other.cost) / Math.max(Math.abs(reference.cost), Math.abs(other.cost));
    problems.push(`cost ${other.cost} instead of ${reference.cost} (relative difference ${rel.toExponential(2)})`);
  }
  return problems.length ? problems.join('; ') : null;
}
