// What each numeric run-panel field accepts, as one readable sentence per failure, so the panel can
// say why a value is refused while it is typed (instead of silently keeping the previous one).
export type NumericParam = 'k' | 'seed' | 'nInit' | 'changedFraction' | 'tolerance' | 'maxIterations' | 'repeats';

export interface NumberRule {
  label: string;
  integer: boolean;
  min: number;
  /** Inclusive; Infinity = no upper bound. */
  max: number;
}

export function ruleFor(field: NumericParam, rows: number | null): NumberRule {
  switch (field) {
    case 'k':
      return { label: 'k', integer: true, min: 1, max: rows ?? Infinity };
    case 'seed':
      return { label: 'Seed', integer: true, min: 0, max: Number.MAX_SAFE_INTEGER };
    case 'nInit':
      return { label: 'Restarts', integer: true, min: 1, max: 1000 };
    case 'changedFraction':
      return { label: 'Stop: changed ≤', integer: false, min: 0, max: 1 };
    case 'tolerance':
      return { label: 'Stop: centroid shift ≤', integer: false, min: 0, max: Infinity };
    case 'maxIterations':
      return { label: 'Max iterations', integer: true, min: 1, max: 1_000_000 };
    case 'repeats':
      return { label: 'Repeats', integer: true, min: 1, max: 50 };
  }
}

/** The value typed, or the reason it is refused. */
export function checkNumber(text: string, rule: NumberRule): { value: number } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: `${rule.label}: enter a value` };
  const v = Number(t);
  if (!Number.isFinite(v)) return { error: `${rule.label}: "${t}" is not a number` };
  if (rule.integer && !Number.isInteger(v)) return { error: `${rule.label} must be a whole number, got ${t}` };
  const upper = rule.max === Infinity ? '' : ` and ≤ ${rule.max.toLocaleString('en-US')}`;
  if (v < rule.min || v > rule.max) return { error: `${rule.label} must be ≥ ${rule.min}${upper}, got ${t}` };
  return { value: v };
}

/** Fields each action reads: a bad value elsewhere does not block it. */
export function fieldsFor(algorithm: 'kmeans' | 'ekm' | 'pam', action: 'run' | 'compare'): NumericParam[] {
  const base: NumericParam[] = ['k'];
  if (algorithm !== 'ekm') base.push('seed');
  if (algorithm === 'kmeans') base.push('nInit', 'changedFraction', 'tolerance', 'maxIterations');
  if (action === 'compare') base.push('seed', 'repeats');
  return [...new Set(base)];
}
