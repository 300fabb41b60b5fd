import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { distancesToCenters, labelsCsv } from '../../src/main/report/csv.ts';
import { ekmFixture, kmeansFixture, sqDist } from './report-fixtures.ts';

function parse(text: string): string[][] {
  return Papa.parse<string[]>(text.trim(), { header: false }).data;
}

describe('labels CSV', () => {
  it('k-means: row, cluster — one line per label, rows numbered from 1 (the first data row) by default', () => {
    const { record } = kmeansFixture({ n: 50, k: 3 });
    const rows = parse(labelsCsv(record));
    expect(rows[0]).toEqual(['row', 'cluster']);
    expect(rows).toHaveLength(51);
    rows.slice(1).forEach((r, i) => expect(r).toEqual([String(i + 1), String(record.result.labels[i])]));
  });

  it('uses original row indices and adds distances when given', () => {
    const { record, dataset } = kmeansFixture({ n: 30, k: 2 });
    if (record.result.algorithm !== 'kmeans') throw new Error('fixture');
    const rowIndex = Int32Array.from({ length: 30 }, (_, i) => i * 2 + 1); // e.g. rows dropped for missing values
    const distances = distancesToCenters(dataset.values, 30, 2, record.result.labels, record.result.centroids);
    const rows = parse(labelsCsv(record, { rowIndex, distances }));
    expect(rows[0]).toEqual(['row', 'cluster', 'distance_to_center']);
    for (let i = 0; i < 30; i++) {
      expect(Number(rows[i + 1][0])).toBe(2 * i + 2); // data row 2i+1 (0-based) is row 2i+2 in the app's numbering
      // Oracle: Euclidean distance recomputed here; the CSV keeps full precision.
      const c = record.result.centroids[record.result.labels[i]];
      expect(Number(rows[i + 1][2])).toBe(Math.sqrt(sqDist(dataset.values, i, 2, c)));
    }
    expect(() => labelsCsv(record, { distances: [1, 2] })).toThrow(/2 distances for 30 labels/);
  });

  it('EKM: is_medoid marks exactly the medoid rows', () => {
    const { record, exact } = ekmFixture();
    const rows = parse(labelsCsv(record));
    expect(rows[0]).toEqual(['row', 'cluster', 'is_medoid']);
    const marked = rows.slice(1).flatMap((r, i) => (r[2] === '1' ? [i] : []));
    expect(marked).toEqual([...exact.medoids].sort((a, b) => a - b));
    expect(rows.slice(1).every((r) => r[2] === '0' || r[2] === '1')).toBe(true);
    // Each medoid is in its own cluster, at distance 0 from its centre.
    if (record.result.algorithm === 'kmeans') throw new Error('fixture');
    const d = distancesToCenters(ekmFixture().dataset.values, 12, 3, record.result.labels, record.result.medoidCoordinates);
    for (const m of exact.medoids) expect(d[m]).toBe(0);
  });

  it('distancesToCenters rejects labels without a centre', () => {
    expect(() => distancesToCenters([0, 0], 1, 2, [3], [[0, 0]])).toThrow(/label 3/);
  });
});
