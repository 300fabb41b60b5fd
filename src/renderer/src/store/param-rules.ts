// What each run-panel field accepts, as one readable sentence per failure, so the panel can say
// why a value is refused while it is typed (instead of silently keeping the previous one).
export type NumericParam = 'k' | 'seed' | 'nInit' | 'changedFraction' | 'tolerance' | 'maxIterations' | 'repeats';
/** Compare's grids, typed as lists: "0,1,2,4". */
export type ListParam = 'gridWorkers' | 'gridSizes';
export type CheckedParam = NumericParam | ListParam;

/** What the bounds depend on: the loaded dataset and the host. */
export interface RuleContext {
  rows: number | null;
  maxWorkers: number | null;
}

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

/** Each list entry is a number rule; `required` lists need at least one entry. */
function listRule(field: ListParam, ctx: RuleContext): Omit<NumberRule, 'integer'> & { required: boolean; example: string } {
  return field === 'gridWorkers'
    ? { label: 'Workers grid', min: 0, max: ctx.maxWorkers ?? Infinity, required: true, example: '"0,1,2,4" (0 = serial)' }
    : { label: 'Sizes N', min: 1, max: ctx.rows ?? Infinity, required: false, example: '"1000,10000"' };
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

/** "0, 1,2 4" → [0, 1, 2, 4], each entry checked like a number field; the reason otherwise. */
export function checkList(text: string, field: ListParam, ctx: RuleContext): { value: number[] } | { error: string } {
  const rule = listRule(field, ctx);
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return rule.required ? { error: `${rule.label}: give at least one value, e.g. ${rule.example}` } : { value: [] };
  const values: number[] = [];
  const upper = rule.max === Infinity ? '' : ` and ≤ ${rule.max.toLocaleString('en-US')}`;
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isFinite(v)) return { error: `${rule.label}: "${p}" is not a number` };
    if (!Number.isInteger(v)) return { error: `${rule.label}: "${p}" is not a whole number` };
    if (v < rule.min || v > rule.max) return { error: `${rule.label}: "${p}" is out of range (each value ≥ ${rule.min}${upper})` };
    values.push(v);
  }
  if (new Set(values).size !== values.length) return { error: `${rule.label}: a value is listed twice` };
  return { value: values };
}

/** Checks any field; numbers come back as numbers, lists as the text the store keeps. */
export function checkField(field: CheckedParam, text: string, ctx: RuleContext): { value: number | string } | { error: string } {
  if (field === 'gridWorkers' || field === 'gridSizes') {
    const r = checkList(text, field, ctx);
    return 'error' in r ? r : { value: text };
  }
  return checkNumber(text, ruleFor(field, ctx.rows));
}

/** Fields each action reads: a bad value elsewhere does not block it. */
export function fieldsFor(algorithm: 'kmeans' | 'ekm' | 'pam', action: 'run' | 'compare'): CheckedParam[] {
  const base: CheckedParam[] = ['k'];
  if (algorithm !== 'ekm') base.push('seed');
  if (algorithm === 'kmeans') base.push('nInit', 'changedFraction', 'tolerance', 'maxIterations');
  if (action === 'compare') base.push('seed', 'repeats', 'gridWorkers', 'gridSizes');
  return [...new Set(base)];
}
