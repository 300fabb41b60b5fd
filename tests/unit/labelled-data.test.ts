// Labelled data export (issue 13): the user's CSV comes back whole — every column (text ones too),
// every row in order, quoted fields intact — with cluster and distance appended. The oracle is the
// fixture itself (written from known rows) and an independent distance computation.
import Papa from 'papaparse';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../../src/main/engine/dataset/csv.ts';
import { labelledDataForRecord } from '../../src/main/report/labelled.ts';
import type { RunRecord } from '../../src/shared/types.ts';
import { kmeansFixture, tinyLloyd } from './report-fixtures.ts';
import { useTempDir } from './tmpdir.ts';

const dir = useTempDir('cb-labelled-');

/** A run record computed (by the tests' own Lloyd) on exactly what the loader reads from `path`. */
async function runOn(path: string, k: number): Promise<RunRecord> {
  const { summary, dataset } = await loadCsv(path, { scaling: 'none' });
  const fit = tinyLloyd(dataset, k);
  const { record } = kmeansFixture({ n: 10, k });
  if (record.result.algorithm !== 'kmeans') throw new Error('fixture');
  return {
    ...record,
    dataset: { name: summary.name, path, hash: summary.hash, rows: dataset.n, d: dataset.d, features: summary.features, scaling: 'none' },
    result: { ...record.result, params: { ...record.result.params, k }, labels: fit.labels, centroids: fit.centroids },
  };
}

const parse = (text: string, delimiter = ',') => Papa.parse<string[]>(text.trimEnd(), { delimiter }).data;

describe('labelled data export', () => {
  it('returns every original row and column in order, with cluster and distance on the clustered ones', async () => {
    // Text column, a quoted field holding the delimiter and a line break, a blank line (not a row),
    // a missing feature (row dropped), a column named "cluster".
    const rows = [
      ['name', 'x', 'y', 'cluster'],
      ['a', '0', '0', 'p'],
      ['"b, with comma"', '0.5', '0.2', 'q'],
      ['c', '10', '10', 'r'],
      [],
      ['"d\nsecond line"', '', '9', 's'],
      ['e', '10.5', '9.5', 't'],
      ['g', '0.1', '0.4', 'u'],
    ];
    const path = join(dir(), 'mixed.csv');
    await writeFile(path, rows.map((r) => r.join(',')).join('\n') + '\n');
    const rec = await runOn(path, 2);
    const out = await labelledDataForRecord(rec, path);
    const table = parse(out.text);
    expect(table[0]).toEqual(['name', 'x', 'y', 'cluster', 'cluster_2', 'distance_to_center']);
    const dataRows = rows.slice(1).filter((r) => r.length > 0).map((r) => r.map((c) => c.replace(/^"|"$/g, '')));
    expect(table.slice(1).map((r) => r.slice(0, 4))).toEqual(dataRows.map((r) => [...r, '', '', ''].slice(0, 4)));
    expect(out.clustered + out.unclustered).toBe(dataRows.length);
    const r = rec.result;
    if (r.algorithm !== 'kmeans') throw new Error('fixture');
    let clustered = 0;
    for (const row of table.slice(1)) {
      const x = Number(row[1]);
      const y = Number(row[2]);
      if (row[0].startsWith('d')) {
        expect(row.slice(4), row[0]).toEqual(['', '']); // dropped: x is missing
        continue;
      }
      const label = r.labels[clustered++];
      expect(Number(row[4]), row[0]).toBe(label);
      const [cx, cy] = r.centroids[label];
      expect(Number(row[5]), row[0]).toBeCloseTo(Math.hypot(x - cx, y - cy), 12);
    }
    expect(clustered).toBe(r.labels.length);
  });

  it('keeps the delimiter and works without a header (generated column names)', async () => {
    const path = join(dir(), 'semi.csv');
    await writeFile(path, '1;2\n1.5;2.5\n8;9\n8.5;9.5\n');
    const rec = await runOn(path, 2);
    const out = await labelledDataForRecord(rec, path);
    const table = parse(out.text, ';');
    expect(table[0]).toEqual(['column 1', 'column 2', 'cluster', 'distance_to_center']);
    expect(table.slice(1).map((row) => row.slice(0, 2))).toEqual([['1', '2'], ['1.5', '2.5'], ['8', '9'], ['8.5', '9.5']]);
    expect(new Set(table.slice(1, 3).map((row) => row[2])).size).toBe(1);
    expect(table[1][2]).not.toBe(table[3][2]);
  });

  it('marks the medoids of an EKM/PAM run and refuses a file that changed since the run', async () => {
    const path = join(dir(), 'm.csv');
    await writeFile(path, 'x,y\n0,0\n0,1\n9,9\n9,8\n');
    const base = await runOn(path, 2);
    const km = base.result;
    if (km.algorithm !== 'kmeans') throw new Error('fixture');
    const medoidRec: RunRecord = {
      ...base,
      result: { algorithm: 'pam', params: { k: 2, variant: 'sequential', distance: 'sqeuclidean', workers: 1 }, labels: [0, 0, 1, 1], medoids: [0, 2], medoidCoordinates: [[0, 0], [9, 9]], cost: 2, combinationsEvaluated: 0, timings: { totalMs: 1 }, timeline: [] } as never,
    };
    const table = parse((await labelledDataForRecord(medoidRec, path)).text);
    expect(table.map((r) => r[4])).toEqual(['is_medoid', '1', '0', '1', '0']);
    await writeFile(path, 'x,y\n0,0\n0,1\n9,9\n9,7\n');
    await expect(labelledDataForRecord(base, path)).rejects.toThrow(/changed since the run/);
  });
});
