// The HTML report's medoid column uses the app's row numbering when the data is at hand: the row's
// number in the file (1 = first data row), so dropped rows do not shift the numbers.
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/main/report/html.ts';
import { pointsFromData } from '../../src/main/report/points.ts';
import { ekmFixture } from './report-fixtures.ts';

describe('report medoid rows', () => {
  it('are file row numbers from rowIndex when the data is loaded, loaded-row positions otherwise', () => {
    const { record, dataset } = ekmFixture();
    if (record.result.algorithm === 'kmeans') throw new Error('fixture');
    const medoids = record.result.medoids;
    // As if data rows 0 and 1 of the file were dropped: kept row i is file data row i + 2.
    const rowIndex = Int32Array.from({ length: dataset.n }, (_, i) => i + 2);
    const points = pointsFromData(record, { values: dataset.values, n: dataset.n, d: dataset.d, columns: dataset.columns, rowIndex });
    expect(points.extras.medoidRows).toEqual(medoids.map((m) => m + 3));
    const withData = renderHtmlReport(record, points.extras);
    expect(withData).toContain('medoid (row in the file, from 1)');
    const withoutData = renderHtmlReport(record, {});
    expect(withoutData).toContain('medoid (loaded row, from 1)');
    expect(withoutData).not.toContain('row in the file');
  });
});
