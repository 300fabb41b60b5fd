import { readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/main/report/atomic.ts';
import { loadJsonReport } from '../../src/main/report/json.ts';
import { writeReportFiles } from '../../src/main/report/write.ts';
import { experimentFixture, kmeansFixture } from './report-fixtures.ts';
import { useTempDir } from './tmpdir.ts';

const dir = useTempDir('cb-report-');

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an existing one', async () => {
    const path = join(dir(), 'out.html');
    await writeFileAtomic(path, 'one');
    expect(await readFile(path, 'utf8')).toBe('one');
    await writeFileAtomic(path, new TextEncoder().encode('two'));
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(dir())).toEqual(['out.html']);
  });

  it('a failure mid-write leaves the old content and no temp file', async () => {
    const path = join(dir(), 'report.json');
    await writeFile(path, 'old content');
    const failingWriter = {
      async write(handle: import('node:fs/promises').FileHandle, data: string | Uint8Array) {
        const text = String(data);
        await handle.writeFile(text.slice(0, text.length / 2)); // half the report reached the disk…
        throw new Error('disk full (simulated)'); // …then the write failed
      },
    };
    await expect(writeFileAtomic(path, 'x'.repeat(10_000), { io: failingWriter })).rejects.toThrow(/Could not write .*report\.json: disk full \(simulated\)/);
    expect(await readFile(path, 'utf8')).toBe('old content');
    expect(await readdir(dir())).toEqual(['report.json']);
  });

  it('a failing rename leaves the old content and no temp file', async () => {
    const path = join(dir(), 'labels.csv');
    await writeFile(path, 'row,cluster\n0,1\n');
    const failingRename = {
      async rename() {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted (simulated)'), { code: 'EXDEV' });
      },
    };
    await expect(writeFileAtomic(path, 'new', { io: failingRename })).rejects.toThrow(/EXDEV/);
    expect(await readFile(path, 'utf8')).toBe('row,cluster\n0,1\n');
    expect(await readdir(dir())).toEqual(['labels.csv']);
  });

  it('a real failure (target is a folder) is reported clearly and cleaned up', async () => {
    const folder = join(dir(), 'taken');
    await writeFile(join(dir(), 'keep.txt'), 'k');
    await import('node:fs/promises').then((fs) => fs.mkdir(join(folder, 'inner'), { recursive: true }));
    await expect(writeFileAtomic(folder, 'x')).rejects.toThrow(/Could not write .*taken/);
    expect((await readdir(dir())).sort()).toEqual(['keep.txt', 'taken']);
  });

  it('a missing folder fails clearly', async () => {
    await expect(writeFileAtomic(join(dir(), 'nope', 'out.html'), 'x')).rejects.toThrow(/Could not write .*nope.*ENOENT/);
  });

  it('refuses to write over a protected path, however it is spelled', async () => {
    const input = join(dir(), 'data.csv');
    await writeFile(input, 'a,b\n1,2\n');
    const link = join(dir(), 'alias.csv');
    await symlink(input, link);
    for (const target of [input, join(dir(), '.', 'data.csv'), join(dir(), 'sub', '..', 'data.csv'), link]) {
      await expect(writeFileAtomic(target, 'oops', { protect: [input] })).rejects.toThrow(/Refusing to write .*input data file/);
    }
    expect(await readFile(input, 'utf8')).toBe('a,b\n1,2\n');
  });
});

describe('writeReportFiles', () => {
  it('writes HTML, JSON and CSV for a run', async () => {
    const { record } = kmeansFixture({ n: 100, k: 3 });
    const t = { html: join(dir(), 'r.html'), json: join(dir(), 'r.json'), csv: join(dir(), 'r.csv') };
    const written = await writeReportFiles(record, t);
    expect(written.sort()).toEqual(Object.values(t).sort());
    expect(loadJsonReport(await readFile(t.json, 'utf8'))).toEqual(record);
    expect((await readFile(t.html, 'utf8')).startsWith('<!doctype html>')).toBe(true);
    expect((await readFile(t.csv, 'utf8')).split('\n')[0]).toBe('row,cluster');
  });

  it('refuses the input CSV (option and the record\'s own dataset path) before writing anything', async () => {
    const input = join(dir(), 'input.csv');
    await writeFile(input, 'x\n1\n');
    const { record } = kmeansFixture({ n: 10, k: 2 });
    const html = join(dir(), 'r.html');
    await expect(writeReportFiles(record, { html, csv: input }, { protect: [input] })).rejects.toThrow(/Refusing to write/);
    const own = { ...record, dataset: { ...record.dataset, path: input } };
    await expect(writeReportFiles(own, { html, json: input })).rejects.toThrow(/input data file/);
    expect(await readFile(input, 'utf8')).toBe('x\n1\n');
    expect(await readdir(dir())).toEqual(['input.csv']);
  });

  it('refuses a labels CSV for experiments and two reports to one file', async () => {
    await expect(writeReportFiles(experimentFixture(), { csv: join(dir(), 'x.csv') })).rejects.toThrow(/only for single runs/);
    const { record } = kmeansFixture({ n: 10, k: 2 });
    await expect(writeReportFiles(record, { html: join(dir(), 'same'), json: join(dir(), 'same') })).rejects.toThrow(/same file/);
    expect(await readdir(dir())).toEqual([]);
  });
});
