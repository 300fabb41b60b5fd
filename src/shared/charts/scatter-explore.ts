// Exploring the cluster scatter in the app: zoom and pan (dataZoom inside the plot), rectangle and
// lasso selection (brush), and which displayed points a selection holds. Pure: the renderer adds
// these to clusterScatter's option; the reports' static SVG does not.
import type { EChartsOption } from 'echarts';

/** A brush area as ECharts reports it when the brush is bound to the grid's axes (data coordinates). */
export type BrushArea =
  | { brushType: 'rect'; coordRange: [[number, number], [number, number]] }
  | { brushType: 'polygon'; coordRange: [number, number][] };

/** Ray casting: whether (px, py) is inside the closed polygon (points on an edge may fall either way). */
export function insidePolygon(px: number, py: number, poly: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Positions (ascending) of the points inside any of `areas`; `shown(i)` false leaves a point out
 * (a cluster hidden through the legend). Unknown area types are refused, never ignored.
 */
export function pointsInAreas(x: ArrayLike<number>, y: ArrayLike<number>, areas: readonly BrushArea[], shown: (i: number) => boolean = () => true): number[] {
  if (x.length !== y.length) throw new RangeError(`pointsInAreas: ${x.length} x values but ${y.length} y values`);
  const tests = areas.map((a): ((px: number, py: number) => boolean) => {
    if (a.brushType === 'rect') {
      const [[x0, x1], [y0, y1]] = a.coordRange;
      const [xl, xh] = x0 <= x1 ? [x0, x1] : [x1, x0];
      const [yl, yh] = y0 <= y1 ? [y0, y1] : [y1, y0];
      return (px, py) => px >= xl && px <= xh && py >= yl && py <= yh;
    }
    if (a.brushType === 'polygon') return (px, py) => insidePolygon(px, py, a.coordRange);
    throw new RangeError(`pointsInAreas: selection shape "${(a as { brushType: string }).brushType}" is not supported (rect and polygon are)`);
  });
  const out: number[] = [];
  if (tests.length === 0) return out;
  for (let i = 0; i < x.length; i++) {
    if (!shown(i)) continue;
    for (const t of tests) {
      if (t(x[i], y[i])) {
        out.push(i);
        break;
      }
    }
  }
  return out;
}

/**
 * The option parts that make the scatter explorable: wheel zoom and drag pan on both axes, and a
 * brush bound to the axes (so its areas come in data coordinates). No toolbox: the tab's own
 * buttons switch between panning, rectangle and lasso selection (keyboard-reachable HTML).
 */
export function explorationOption(): Pick<EChartsOption, 'dataZoom' | 'brush' | 'toolbox'> {
  return {
    // filterMode 'none': zooming only changes the axis window; filtering 20,000 points on every
    // wheel step would cost more than drawing them (points outside are clipped by the grid).
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    // A brush always brings ECharts' own toolbox buttons (canvas icons, no keyboard): hidden.
    toolbox: { show: false },
    // Points outside a selection keep their cluster colour, dimmed (ECharts' default greys them all).
    brush: { xAxisIndex: 0, yAxisIndex: 0, brushMode: 'single', transformable: false, throttleType: 'debounce', throttleDelay: 200, removeOnClick: false, outOfBrush: { colorAlpha: 0.3 }, brushStyle: { borderWidth: 1, color: 'rgba(120,140,180,0.12)', borderColor: 'rgba(120,140,180,0.9)' } },
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Column names come from the user's file: never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

export interface PointTooltip {
  /** 1-based data-row number in the file, or null while unknown. */
  row: number | null;
  cluster: number | null;
  x: number;
  y: number;
  xName: string;
  yName: string;
  /** The row's feature values (as the algorithm saw them), null while they are fetched. */
  features: { name: string; value: number }[] | null;
  scaling: string;
  /** Why the values could not be fetched, if they could not. */
  error?: string;
}

/** A number for people: at most 6 significant digits, no exponent for ordinary magnitudes. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e9 || a < 1e-4)) return v.toExponential(4);
  return Number(v.toPrecision(6)).toLocaleString('en-US', { maximumFractionDigits: 10 });
}

/** The tooltip of one point: row number, cluster, its coordinates on the plot, its feature values. */
export function pointTooltipHtml(t: PointTooltip): string {
  const head = `<strong>Row ${t.row === null ? '…' : t.row.toLocaleString('en-US')}</strong>${t.cluster === null ? '' : ` · cluster ${t.cluster}`}`;
  const coords = `${escapeHtml(t.xName)}: ${formatValue(t.x)}<br>${escapeHtml(t.yName)}: ${formatValue(t.y)}`;
  let values: string;
  if (t.error) values = `<em>${escapeHtml(t.error)}</em>`;
  else if (!t.features) values = '<em>reading the row…</em>';
  else {
    const scaled = t.scaling === 'none' ? '' : ` <em>(${escapeHtml(t.scaling)} scaled)</em>`;
    values = `Features${scaled}:<br>${t.features.map((f) => `${escapeHtml(f.name)} = ${formatValue(f.value)}`).join('<br>')}`;
  }
  return `<div class="point-tooltip" data-testid="point-tooltip">${head}<br>${coords}<hr>${values}</div>`;
}
