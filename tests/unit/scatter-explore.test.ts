// Scatter selection and tooltips (shared/charts/scatter-explore.ts). Selections are checked
// against an independent oracle: a winding-number point-in-polygon and plain comparisons.
import { describe, expect, it } from 'vitest';
import { insidePolygon, pointTooltipHtml, pointsInAreas, type BrushArea } from '../../src/shared/charts/scatter-explore.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

/** Winding number of the polygon around (px, py): non-zero = inside (a second, independent test). */
function winding(px: number, py: number, poly: [number, number][]): number {
  let w = 0;
  for (let i = 0; i < poly.length; i++) {
    const [ax, ay] = poly[i];
    const [bx, by] = poly[(i + 1) % poly.length];
    const cross = (bx - ax) * (py - ay) - (px - ax) * (by - ay);
    if (ay <= py && by > py && cross > 0) w++;
    else if (ay > py && by <= py && cross < 0) w--;
  }
  return w;
}

describe('scatter selection', () => {
  const rand = rng(7);
  const n = 3000;
  const x = Float64Array.from({ length: n }, () => rand() * 10);
  const y = Float64Array.from({ length: n }, () => rand() * 10);

  it('a rectangle (either corner order) selects exactly the points inside it', () => {
    for (let t = 0; t < 20; t++) {
      const [x0, x1, y0, y1] = [rand() * 10, rand() * 10, rand() * 10, rand() * 10];
      const got = pointsInAreas(x, y, [{ brushType: 'rect', coordRange: [[x0, x1], [y0, y1]] }]);
      const want: number[] = [];
      for (let i = 0; i < n; i++) if (x[i] >= Math.min(x0, x1) && x[i] <= Math.max(x0, x1) && y[i] >= Math.min(y0, y1) && y[i] <= Math.max(y0, y1)) want.push(i);
      expect(got).toEqual(want);
    }
  });

  it('a lasso (simple, star-shaped polygons) agrees with the winding-number test', () => {
    for (let t = 0; t < 20; t++) {
      const cx = 2 + rand() * 6;
      const cy = 2 + rand() * 6;
      const corners = 3 + Math.floor(rand() * 12);
      const poly: [number, number][] = Array.from({ length: corners }, (_, c) => {
        const a = (2 * Math.PI * c) / corners;
        const r = 0.5 + rand() * 3;
        return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
      });
      const got = pointsInAreas(x, y, [{ brushType: 'polygon', coordRange: poly }]);
      const want: number[] = [];
      for (let i = 0; i < n; i++) if (winding(x[i], y[i], poly) !== 0) want.push(i);
      expect(got).toEqual(want);
      expect(got.length).toBeGreaterThan(0);
    }
  });

  it('several areas select their union once; hidden points and no area select nothing', () => {
    const a: BrushArea = { brushType: 'rect', coordRange: [[0, 5], [0, 5]] };
    const b: BrushArea = { brushType: 'rect', coordRange: [[4, 10], [4, 10]] };
    const union = pointsInAreas(x, y, [a, b]);
    const separately = new Set([...pointsInAreas(x, y, [a]), ...pointsInAreas(x, y, [b])]);
    expect(union).toEqual([...separately].sort((p, q) => p - q));
    expect(pointsInAreas(x, y, [a], (i) => i % 2 === 0).every((i) => i % 2 === 0)).toBe(true);
    expect(pointsInAreas(x, y, [])).toEqual([]);
    expect(insidePolygon(1, 1, [[0, 0], [2, 0], [2, 2], [0, 2]])).toBe(true);
    expect(insidePolygon(3, 1, [[0, 0], [2, 0], [2, 2], [0, 2]])).toBe(false);
  });

  it('refuses selection shapes it does not handle and mismatched inputs', () => {
    expect(() => pointsInAreas(x, y, [{ brushType: 'lineX', coordRange: [0, 1] } as unknown as BrushArea])).toThrow(/lineX/);
    expect(() => pointsInAreas(x, y.subarray(1), [])).toThrow(/same|y values/);
  });
});

describe('point tooltips', () => {
  it('show row, cluster, coordinates and formatted feature values, with file text escaped', () => {
    const html = pointTooltipHtml({
      row: 12345,
      cluster: 2,
      x: 1.23456789,
      y: 1e-7,
      xName: 'a<b>',
      yName: 'y',
      features: [{ name: '<img src=x>', value: 0.1 + 0.2 }, { name: 'n', value: 1234567 }],
      scaling: 'none',
    });
    expect(html).toContain('Row 12,345');
    expect(html).toContain('cluster 2');
    expect(html).toContain('a&lt;b&gt;: 1.23457');
    expect(html).toContain('y: 1.0000e-7');
    expect(html).toContain('&lt;img src=x&gt; = 0.3<'); // 0.30000000000000004 shown as 0.3
    expect(html).toContain('n = 1,234,567');
    expect(html).not.toContain('<img');
    expect(pointTooltipHtml({ row: null, cluster: null, x: 0, y: 0, xName: 'x', yName: 'y', features: null, scaling: 'zscore' })).toContain('reading the row');
    expect(pointTooltipHtml({ row: 1, cluster: null, x: 0, y: 0, xName: 'x', yName: 'y', features: [{ name: 'x', value: -1.5 }], scaling: 'zscore' })).toContain('(zscore scaled)');
  });
});
