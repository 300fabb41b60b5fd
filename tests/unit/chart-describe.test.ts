// The charts' text alternative reads the drawn option: title, axes, short series value by value.
import { describe, expect, it } from 'vitest';
import { chartTitle, describeChart, LISTED_POINTS } from '../../src/shared/charts/describe.ts';
import { clusterScatter, convergence, packPoints } from '../../src/shared/charts/index.ts';

describe('describeChart', () => {
  it('says there is no chart for a null option', () => {
    expect(describeChart(null)).toEqual(['No chart yet.']);
  });

  it('reads title, axes, and the values of short series; counts long ones', () => {
    const long = Array.from({ length: LISTED_POINTS + 1 }, (_, i) => [i, i * 2]);
    const lines = describeChart({
      title: { text: 'Speedup', subtext: 'k = 3' },
      xAxis: { name: 'workers' },
      yAxis: { name: 'speedup' },
      series: [
        { type: 'line', name: 'N=400', data: [[1, 1], [2, 1.8349]] },
        { type: 'scatter', name: 'cluster 0', data: long },
        { type: 'line', name: 'empty', data: [] },
      ],
    });
    expect(lines).toEqual([
      'Speedup — k = 3.',
      'Horizontal axis: workers; vertical axis: speedup.',
      'N=400 (line, 2 points): (1, 1); (2, 1.835).',
      `cluster 0 (scatter): ${LISTED_POINTS + 1} points.`,
    ]);
  });

  it('counts and reads packed scatter points (one typed array per series) as points, not as one item', () => {
    const x = [1, 2, 3, 4];
    const y = [10, 20, 30, 40];
    const lines = describeChart({ series: [{ type: 'scatter', name: 'few', data: packPoints(x, y, [0, 2]) as never, dimensions: ['x', 'y', 'row'] }] });
    expect(lines).toEqual(['few (scatter, 2 points): (1, 10); (3, 30).']);
    const n = LISTED_POINTS * 3;
    const big = clusterScatter({ x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, () => 0), labels: Array.from({ length: n }, (_, i) => i % 2), centers: [], centerKind: 'centroid', xName: 'x', yName: 'y', k: 2 });
    expect(describeChart(big)).toContain(`cluster 1 (scatter): ${(n / 2).toLocaleString('en-US')} points.`);
  });

  it('names bar values by their category', () => {
    const lines = describeChart({ xAxis: { type: 'category', data: ['EKM', 'PAM'] }, yAxis: {}, series: [{ type: 'bar', name: 'cost', data: [10, { value: 12.5 }] }] });
    expect(lines).toContain('cost (bar, 2 points): EKM: 10; PAM: 12.5.');
  });

  it('works on a real builder option', () => {
    const iterations = [1, 2, 3].map((i) => ({ iteration: i, inertia: 100 / i, changedFraction: 0.1 / i, changed: 3 - i, elapsedMs: i }));
    const opt = convergence(iterations, { title: 'k-means, k = 3' });
    expect(chartTitle(opt)).toMatch(/k-means/);
    expect(describeChart(opt).some((l) => l.startsWith('inertia (line, 3 points)'))).toBe(true);
  });
});
