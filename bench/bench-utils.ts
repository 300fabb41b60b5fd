// Small helpers shared by benchmarks: robust statistics and plain-text tables.

/** Median (mean of the two middle values for even counts). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Half the min–max range relative to the median, in percent: a quick noise gauge. */
export function spreadPercent(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  return ((Math.max(...xs) - Math.min(...xs)) / 2 / median(xs)) * 100;
}

/** "12.3 ±4%" */
export function withSpread(xs: readonly number[], digits = 2): string {
  return `${median(xs).toFixed(digits)} ±${spreadPercent(xs).toFixed(0)}%`;
}

/** Left-aligns the first column, right-aligns the rest; the first row is the header. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => (r[j] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, j) => (j === 0 ? (c ?? '').padEnd(widths[j]) : (c ?? '').padStart(widths[j]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Rotates a list by `by` places: interleaved repeats start with a different member each round. */
export function rotate<T>(xs: readonly T[], by: number): T[] {
  const r = ((by % xs.length) + xs.length) % xs.length;
  return [...xs.slice(r), ...xs.slice(0, r)];
}

/** 1e4 → "1e4", 250000 → "2.5e5". */
export function sci(n: number): string {
  const e = Math.floor(Math.log10(n));
  const m = n / 10 ** e;
  return `${Number(m.toFixed(2))}e${e}`.replace(/^1e/, '1e');
}
