// Pieces every chart builder shares: title block, axis styling, number formatting.
import type { EChartsOption } from 'echarts';
import { chartTheme, type ChartTheme } from './palette.ts';

export interface ChartCommonOptions {
  title?: string;
  dark?: boolean;
}

type TitleOption = Exclude<EChartsOption['title'], unknown[] | undefined>;

export function titleBlock(text: string, subtext: string | undefined, theme: ChartTheme): TitleOption {
  return {
    text,
    subtext,
    left: 'center',
    textStyle: { color: theme.text, fontSize: 15, fontWeight: 'bold' },
    // A two-line subtitle needs a line height, or its lines overlap; one line keeps the default.
    subtextStyle: { color: theme.subtext, fontSize: 12, ...(subtext?.includes('\n') ? { lineHeight: 16 } : {}) },
  };
}

export function axisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.axisLine } },
    axisLabel: { color: theme.text },
    nameTextStyle: { color: theme.text },
    splitLine: { lineStyle: { color: theme.splitLine } },
  };
}

export function baseOption(theme: ChartTheme): EChartsOption {
  return {
    backgroundColor: theme.background,
    textStyle: { color: theme.text },
  };
}

export function legendBlock(theme: ChartTheme, extra: Record<string, unknown> = {}) {
  return { bottom: 0, type: 'scroll' as const, textStyle: { color: theme.text }, ...extra };
}

export { chartTheme };

/** Compact number for labels: 10000 → "1e4", 250000 → "2.5e5", 300 → "300". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n) || Math.abs(n) < 10000) return String(n);
  const exp = Math.floor(Math.log10(Math.abs(n)));
  const mantissa = Number((n / 10 ** exp).toFixed(2));
  return `${mantissa}e${exp}`;
}

/** Milliseconds in a readable unit. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function uniqueSorted(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
