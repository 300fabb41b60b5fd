// Labelings as the metrics read them: any array of integer labels, one per point. Labels are
// arbitrary integers (cluster ids, class codes); the metrics only compare them for equality.

export type Labels = ArrayLike<number>;

/** Dense codes 0..m-1 for a labeling, codes assigned in ascending label order (stable, P-free). */
export interface EncodedLabels {
  codes: Int32Array;
  /** values[c] = the original label of code c, ascending. */
  values: number[];
}

export function encodeLabels(labels: Labels, what = 'labels'): EncodedLabels {
  const seen = new Set<number>();
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!Number.isInteger(v)) throw new RangeError(`${what}[${i}] = ${v} is not an integer label`);
    seen.add(v);
  }
  const values = [...seen].sort((a, b) => a - b);
  const code = new Map<number, number>();
  values.forEach((v, c) => code.set(v, c));
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) codes[i] = code.get(labels[i])!;
  return { codes, values };
}

export function checkSameLength(a: Labels, b: Labels): void {
  if (a.length !== b.length) {
    throw new RangeError(`labelings differ in length: ${a.length} classes vs ${b.length} clusters`);
  }
}
