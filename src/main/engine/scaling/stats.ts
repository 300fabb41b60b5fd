// Small summary statistics for repeated timings.

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function minOf(values: number[]): number {
  return values.length ? Math.min(...values) : NaN;
}

export function maxOf(values: number[]): number {
  return values.length ? Math.max(...values) : NaN;
}
