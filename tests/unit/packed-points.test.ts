// Packed scatter points: what is packed comes back unpacked, counted per point; ordinary arrays pass through.
import { describe, expect, it } from 'vitest';
import { clusterPositions, isPacked, packPoints, packedSeriesFields, pointCount, unpackPoints } from '../../src/shared/charts/index.ts';

describe('packed scatter points', () => {
  it('round-trips the chosen points with their positions', () => {
    const x = Float64Array.from([0.5, -1, 1e300, 7]);
    const y = [3, 4, -0, Number.MIN_VALUE];
    const packed = packPoints(x, y, [3, 0, 2]);
    expect(isPacked(packed)).toBe(true);
    expect(pointCount(packed)).toBe(3);
    expect(unpackPoints(packed)).toEqual([[7, Number.MIN_VALUE, 3], [0.5, 3, 0], [1e300, -0, 2]]);
    expect(packedSeriesFields(packed)).toEqual({ data: packed, dimensions: ['x', 'y', 'row'], encode: { x: 0, y: 1 } });
  });

  it('leaves ordinary series data alone', () => {
    const items = [[1, 2], [3, 4]];
    expect(isPacked(items)).toBe(false);
    expect(pointCount(items)).toBe(2);
    expect(unpackPoints(items)).toBe(items);
    expect(pointCount(undefined)).toBe(0);
    expect(unpackPoints(null)).toEqual([]);
  });

  it('groups positions by cluster in ascending order and refuses labels outside 0..k-1', () => {
    const labels = [2, 0, 2, 1, 0, 2];
    expect(clusterPositions(labels, 3).map((p) => Array.from(p))).toEqual([[1, 4], [3], [0, 2, 5]]);
    expect(clusterPositions([], 2).map((p) => p.length)).toEqual([0, 0]);
    expect(() => clusterPositions([0, 3], 3)).toThrow(/label 3 of point 1 is outside 0\.\.2/);
    expect(() => clusterPositions([0.5], 3)).toThrow(/outside/);
  });
});
