// A text alternative for any chart option: title, axes, and per series its size or, for short
// series, its values. Screen readers get it beside the canvas; it is derived from the same option
// that is drawn, so the words cannot drift from the picture.
import type { EChartsOption } from 'echarts';
import { isPacked, pointCount, unpackPoints } from './packed-points.ts';

/** Series with at most this many points are read out value by value. */
export const LISTED_POINTS = 12;

type Obj = Record<string, unknown>;
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function num(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number(v.toPrecision(4))) : String(v);
  return typeof v === 'string' ? v : '–';
}

/**
 * One data item as text: 3, [x, y], {value: [x, y]}, {name, value}; a box as its five numbers. A
 * scatter point is (x, y): a third value there is the point's position in the input (scatter.ts).
 */
function pointText(d: unknown, categories: unknown[] | null, index: number, type = ''): string {
  const value = isObj(d) ? d.value : d;
  if (type === 'boxplot' && Array.isArray(value) && value.length === 5) {
    const [lo, q1, med, q3, hi] = value.map(num);
    return `${categories ? num(categories[index]) : index + 1}: median ${med}, box ${q1} to ${q3}, whiskers ${lo} to ${hi}`;
  }
  if (Array.isArray(value)) return `(${value.slice(0, type === 'scatter' ? 2 : 3).map(num).join(', ')})`;
  const label = categories ? num(categories[index]) : isObj(d) && typeof d.name === 'string' ? d.name : null;
  return label !== null ? `${label}: ${num(value)}` : num(value);
}

function axisNames(axis: unknown): string {
  return asArray(axis)
    .map((a) => (isObj(a) && typeof a.name === 'string' ? a.name : ''))
    .filter(Boolean)
    .join(' / ');
}

/** Title (and subtitle) of the chart, or ''. */
export function chartTitle(option: EChartsOption | null): string {
  const t = asArray(option?.title)[0];
  if (!isObj(t)) return '';
  return [t.text, t.subtext].filter((x) => typeof x === 'string' && x).join(' — ');
}

/** Sentences describing the chart, one per line. */
export function describeChart(option: EChartsOption | null): string[] {
  if (!option) return ['No chart yet.'];
  const lines: string[] = [];
  const title = chartTitle(option);
  if (title) lines.push(`${title}.`);
  const x = axisNames(option.xAxis);
  const y = axisNames(option.yAxis);
  if (x || y) lines.push(`Horizontal axis: ${x || 'unnamed'}; vertical axis: ${y || 'unnamed'}.`);
  const xAxis0 = asArray(option.xAxis)[0];
  const categories = isObj(xAxis0) && Array.isArray(xAxis0.data) ? (xAxis0.data as unknown[]) : null;
  for (const raw of asArray(option.series)) {
    if (!isObj(raw)) continue;
    const name = typeof raw.name === 'string' && raw.name ? raw.name : 'series';
    // Packed scatter points (packed-points.ts) are one typed array, not one item per point.
    const count = isPacked(raw.data) ? pointCount(raw.data) : asArray(raw.data).length;
    const type = typeof raw.type === 'string' ? raw.type : 'series';
    if (count === 0) continue;
    if (count <= LISTED_POINTS) {
      const data = isPacked(raw.data) ? unpackPoints(raw.data) : asArray(raw.data);
      lines.push(`${name} (${type}, ${count} point${count === 1 ? '' : 's'}): ${data.map((d, i) => pointText(d, categories, i, type)).join('; ')}.`);
    } else lines.push(`${name} (${type}): ${count.toLocaleString('en-US')} points.`);
  }
  return lines;
}
