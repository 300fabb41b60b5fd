// Class-column detection from the load summary, and reading its values for the kept rows.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classColumnCandidates, readClassColumn, suggestClassColumn } from '../../src/main/engine/dataset/class-column.ts';
import { loadCsv } from '../../src/main/engine/dataset/csv.ts';
import { validationSummary } from '../../src/main/engine/metrics/index.ts';
import { useTempDir } from './tmpdir.ts';

const dir = useTempDir('cb-class-');

async function csvFile(name: string, text: string | Buffer): Promise<string> {
  const path = join(dir(), name);
  await writeFile(path, text);
  return path;
}

describe('class column detection', () => {
  it('finds iris species and the blobs true_cluster', async () => {
    const iris = await loadCsv('resources/iris.csv');
    expect(suggestClassColumn(iris.summary)?.column).toBe('species');
    const blobs = await loadCsv('resources/blobs-400.csv');
    const s = suggestClassColumn(blobs.summary)!;
    expect(s.column).toBe('true_cluster');
    expect(s.reasons.join('; ')).toMatch(/usual name.*text with 3 distinct.*last column/);
  });

  it('offers a trailing integer code column, not an id or a measurement', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i + 1},${(i * 0.37).toFixed(2)},${i % 7},${i % 3}`);
    const path = await csvFile('codes.csv', ['id,x,weekday,kind', ...rows].join('\n'));
    const { summary } = await loadCsv(path);
    const names = classColumnCandidates(summary).map((c) => c.column);
    expect(names[0]).toBe('kind'); // last column, 3 codes
    expect(names).not.toContain('id');
    expect(names).not.toContain('x');
  });

  it('offers nothing for plain measurements', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i * 1.5},${i * i}`);
    const { summary } = await loadCsv(await csvFile('plain.csv', ['a,b', ...rows].join('\n')));
    expect(suggestClassColumn(summary)).toBeNull();
  });
});

describe('reading the class column', () => {
  it('aligns with the kept rows: dropped rows, blank lines, CRLF, quotes, semicolons', async () => {
    const text = ['x;y;label', '1;2;"a"', '', '3;;b', '5;6;"c;d"', '7;8;a', '9;10;'].join('\r\n') + '\r\n';
    const path = await csvFile('mixed.csv', text);
    const { summary, dataset } = await loadCsv(path, { features: ['x', 'y'], missing: 'drop' });
    expect(dataset.n).toBe(4); // the row with empty y is dropped
    const c = await readClassColumn(path, summary, dataset, 'label');
    expect(c.names).toEqual(['a', 'c;d']);
    expect(Array.from(c.codes)).toEqual([0, 1, 0, -1]);
    expect(c.missing).toBe(1);
  });

  it('orders class names naturally and reads Latin-1 files', async () => {
    const latin1 = Buffer.from('v,k\n1,c10\n2,c2\n3,\xe9t\xe9\n4,c2\n', 'latin1');
    const path = await csvFile('latin.csv', latin1);
    const { summary, dataset } = await loadCsv(path);
    const c = await readClassColumn(path, summary, dataset, 'k');
    expect(c.names).toEqual(['c2', 'c10', 'été']);
    expect(Array.from(c.codes)).toEqual([1, 0, 2, 0]);
  });

  it('refuses an unknown column, a feature column, and a file that changed since loading', async () => {
    const path = await csvFile('c.csv', 'a,b,kind\n1,2,x\n3,4,y\n5,6,x\n');
    const { summary, dataset } = await loadCsv(path);
    await expect(readClassColumn(path, summary, dataset, 'nope')).rejects.toThrow(/no column "nope".*columns: a, b, kind/);
    await expect(readClassColumn(path, summary, dataset, 'a')).rejects.toThrow(/is a feature/);
    await writeFile(path, 'a,b,kind\n1,2,x\n3,4,y\n5,6,y\n');
    await expect(readClassColumn(path, summary, dataset, 'kind')).rejects.toThrow(/changed since it was loaded/);
  });

  it('feeds validation: iris species against the species itself is perfect', async () => {
    const { summary, dataset } = await loadCsv('resources/iris.csv');
    const c = await readClassColumn('resources/iris.csv', summary, dataset, 'species');
    const v = validationSummary(c, c.codes);
    expect(v.ari).toBe(1);
    expect(v.confusion.misassigned).toBe(0);
    expect(v.confusion.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(v.n).toBe(150);
  });
});
