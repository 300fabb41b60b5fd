// Small helpers shared by benchmarks: robust statistics and plain-text tables.
import { readFileSync } from 'node:fs';

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

/**
 * CPU time (ms) the whole machine has spent busy so far, from /proc/stat (Linux; null elsewhere).
 * Minus this process's own CPU time (process.cpuUsage(), worker threads included) it tells how
 * much other programs ran during a measurement. Resolution: 10 ms ticks, so use it over seconds.
 */
export function machineBusyMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …
    const busyTicks = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7];
    return busyTicks * 10;
  } catch {
    return null;
  }
}

/** This process's CPU time in ms (all threads). */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Measures how much CPU other programs used while `fn` ran: otherCpuMs (null off Linux) and
 * wallMs, so a caller can subtract helper processes of its own (their CPU counts as "other").
 */
export async function withInterference<T>(fn: () => Promise<T>): Promise<{ value: T; otherCpuMs: number | null; wallMs: number }> {
  const busy0 = machineBusyMs();
  const own0 = processCpuMs();
  const t0 = performance.now();
  const value = await fn();
  const wallMs = performance.now() - t0;
  const busy1 = machineBusyMs();
  if (busy0 === null || busy1 === null) return { value, otherCpuMs: null, wallMs };
  return { value, otherCpuMs: Math.max(0, busy1 - busy0 - (processCpuMs() - own0)), wallMs };
}
