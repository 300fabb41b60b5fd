// CSV loading: one test per unusual or malformed input, each asserting the exact outcome.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadOptions } from '../../src/shared/types.ts';
import { CsvError, loadCsv, parseCsvText, type LoadHooks } from '../../src/main/engine/dataset/csv.ts';
import { CancelToken } from '../../src/main/engine/pool/cancel.ts';

const fixture = (name: string): string => join(import.meta.dirname, '../fixtures/csv', name);
const load = (name: string, options?: LoadOptions, hooks?: LoadHooks) => loadCsv(fixture(name), options, hooks);
const values = (ds: { values: Float64Array }): number[] => Array.from(ds.values);

async function csvError(p: Promise<unknown>): Promise<CsvError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(CsvError);
    return err as CsvError;
  }
  throw new Error('expected the load to fail');
}

const tmp = mkdtempSync(join(tmpdir(), 'clusterbench-csv-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('delimiters, header, encodings', () => {
  it('comma-separated with a header and a text column', async () => {
    const { summary, dataset } = await load('comma.csv');
    expect(summary.delimiter).toBe(',');
    expect(summary.hasHeader).toBe(true);
    expect(summary.columns.map((c) => [c.name, c.type])).toEqual([
      ['x', 'numeric'],
      ['y', 'numeric'],
      ['name', 'text'],
    ]);
    expect(summary.features).toEqual(['x', 'y']);
    expect(values(dataset)).toEqual([1, 2, 3, 4]);
    expect([dataset.n, dataset.d]).toEqual([2, 2]);
    expect(summary.preview).toEqual([
      ['1', '2', 'a'],
      ['3', '4', 'b'],
    ]);
    expect(summary.warnings).toEqual([]);
    expect(summary.id).toBe(dataset.id);
  });

  it('semicolon-separated', async () => {
    const { summary, dataset } = await load('semicolon.csv');
    expect(summary.delimiter).toBe(';');
    expect(summary.features).toEqual(['a', 'b']);
    expect(values(dataset)).toEqual([1.5, 2, -3, 400]);
  });

  it('semicolon with decimal commas: the semicolon wins, "1,5" is text', async () => {
    const { summary, dataset } = await load('decimal-comma.csv');
    expect(summary.delimiter).toBe(';');
    expect(summary.columns.map((c) => c.type)).toEqual(['text', 'numeric']);
    expect(summary.features).toEqual(['h']);
    expect(values(dataset)).toEqual([2, 4]);
  });

  it('tab-separated', async () => {
    const { summary, dataset } = await load('tab.tsv');
    expect(summary.delimiter).toBe('\t');
    expect(summary.features).toEqual(['p', 'q']);
    expect(values(dataset)).toEqual([1, 2, 3, 4]);
  });

  it('UTF-8 byte order mark is not part of the first column name; the hash covers every byte', async () => {
    const { summary } = await load('bom.csv');
    expect(summary.columns.map((c) => c.name)).toEqual(['x', 'y']);
    expect(summary.encoding).toBe('utf-8');
    expect(summary.hash).toBe(createHash('sha256').update(readFileSync(fixture('bom.csv'))).digest('hex'));
    expect(summary.bytes).toBe(15);
  });

  it('UTF-16LE with a byte order mark', async () => {
    const { summary, dataset } = await load('utf16le.csv');
    expect(summary.encoding).toBe('utf-16le');
    expect(summary.features).toEqual(['x', 'y']);
    expect(values(dataset)).toEqual([1, 2, 3, 4]);
  });

  it('CRLF line endings leave no carriage returns in names or values', async () => {
    const { summary, dataset } = await load('crlf.csv');
    expect(summary.columns.map((c) => c.name)).toEqual(['x', 'y']);
    expect(summary.preview).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(values(dataset)).toEqual([1, 2, 3, 4]);
  });

  it('headerless file: generated names "column 1"…', async () => {
    const { summary, dataset } = await load('headerless.csv');
    expect(summary.hasHeader).toBe(false);
    expect(summary.totalRows).toBe(3);
    expect(summary.columns.map((c) => c.name)).toEqual(['column 1', 'column 2']);
    expect(values(dataset)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('forcing header=false makes the header row data: every column turns mixed or text', async () => {
    const err = await csvError(load('comma.csv', { header: false }));
    expect(err.code).toBe('no-numeric-column');
    expect(err.message).toBe(
      'No numeric column to cluster. Columns: "column 1" (mixed: "x" on line 1 is not a number), "column 2" (mixed: "y" on line 1 is not a number), "column 3" (text).',
    );
  });

  it('forcing header=true on a headerless file names the columns after the first row', async () => {
    const { summary, dataset } = await load('headerless.csv', { header: true });
    expect(summary.detected).toEqual({ delimiter: true, header: false });
    expect(summary.columns.map((c) => c.name)).toEqual(['1', '2']);
    expect(values(dataset)).toEqual([3, 4, 5, 6]);
  });

  it('Latin-1 bytes: read as Windows-1252, text comes out right, with a warning', async () => {
    const { summary, dataset } = await load('latin1.csv');
    expect(summary.encoding).toBe('windows-1252');
    expect(summary.preview).toEqual([
      ['Café', '1'],
      ['Müller', '2'],
      ['Åse', '3'],
    ]);
    expect(values(dataset)).toEqual([1, 2, 3]);
    expect(summary.warnings).toEqual(['The file is not valid UTF-8; it was read as Latin-1 (Windows-1252).']);
  });

  it('Latin-1 bytes far beyond the sniffed window: the file is read again as Latin-1', async () => {
    const lines = ['id,v'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},${i % 7}`);
    const head = Buffer.from(lines.join('\n') + '\n', 'utf8');
    expect(head.length).toBeGreaterThan(100_000);
    const file = join(tmp, 'late-latin1.csv');
    writeFileSync(file, Buffer.concat([head, Buffer.from('9,caf\xe9\n', 'latin1')])); // 0xE9 alone is not UTF-8
    const { summary } = await loadCsv(file);
    expect(summary.encoding).toBe('windows-1252');
    expect(summary.columns[1]).toMatchObject({ name: 'v', type: 'mixed', firstOffending: { value: 'café', line: 20_002 } });
    expect(summary.totalRows).toBe(20_001);
  });

  it('multi-byte UTF-8 characters cut by read-chunk boundaries decode intact', async () => {
    // Files are read in 256 KiB chunks. Put the first text cell (50 × "é", 2 bytes each) at an odd
    // byte offset across the first boundary, so one "é" is cut in half between two chunks.
    const boundary = 256 * 1024;
    const start = boundary - 51;
    const prefix = 'v\n10\n' + '1\n'.repeat((start - 5) / 2);
    expect(Buffer.byteLength(prefix)).toBe(start);
    const cell = 'é'.repeat(50);
    const file = join(tmp, 'utf8-boundary.csv');
    writeFileSync(file, prefix + cell + '\n' + '2\n'.repeat(1000));
    const { summary } = await loadCsv(file, { features: ['v'] });
    expect(summary.encoding).toBe('utf-8');
    expect(summary.columns[0]).toMatchObject({ type: 'mixed', numericCount: 1 + (start - 5) / 2 + 1000 });
    expect(summary.columns[0].firstOffending).toEqual({ value: cell, line: 2 + 1 + (start - 5) / 2 });
    expect(summary.rows).toBe(1 + (start - 5) / 2 + 1000);
  });
});

describe('quoting, blank lines, trailing delimiters', () => {
  it('quoted fields with newlines, commas and doubled quotes; line numbers count the embedded newline', async () => {
    const { summary, dataset } = await load('quoted-newline.csv');
    expect(summary.preview.map((r) => r[1])).toEqual(['two\nlines, with a comma', 'say "hi"', 'plain']);
    expect(summary.columns.map((c) => c.type)).toEqual(['numeric', 'text', 'mixed']);
    expect(summary.columns[2].firstOffending).toEqual({ value: 'abc', line: 4 });
    expect(summary.features).toEqual(['id']);
    expect(values(dataset)).toEqual([1, 2, 3]);
  });

  it('picking a mixed column as feature drops its text rows and says where', async () => {
    const { summary, dataset } = await load('quoted-newline.csv', { features: ['id', 'v'] });
    expect(values(dataset)).toEqual([1, 5, 3, 7]);
    expect(Array.from(dataset.rowIndex)).toEqual([0, 2]);
    expect(summary.droppedRows).toBe(1);
    expect(summary.warnings).toEqual([
      'Feature "v" mixes numbers and text: its 1 text cell count as missing (first: "abc" on line 4).',
      '1 row dropped because a feature is missing or not finite (first on line 4).',
    ]);
  });

  it('trailing delimiter on every line and blank lines: empty last column dropped with a warning', async () => {
    const { summary, dataset } = await load('trailing-delimiter.csv');
    expect(summary.columns.map((c) => c.name)).toEqual(['x', 'y']);
    expect(values(dataset)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(summary.totalRows).toBe(3);
    expect(summary.preview).toEqual([
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
    expect(summary.warnings).toEqual(['Every line ends with a delimiter; the empty last column was ignored.']);
  });

  it('trailing delimiter on data lines only (header without it)', async () => {
    const { summary, dataset } = await parseCsvText('x,y\n1,2,\n3,4,\n');
    expect(summary.columns.map((c) => c.name)).toEqual(['x', 'y']);
    expect(summary.raggedRows).toBe(0);
    expect(values(dataset)).toEqual([1, 2, 3, 4]);
  });

  it('blank lines still count for line numbers', async () => {
    const { summary } = await parseCsvText('x,y\n\n1,2\n\n\n3,oops\n');
    expect(summary.columns[1].firstOffending).toEqual({ value: 'oops', line: 6 });
  });

  it('an unclosed quote is an error naming its line', async () => {
    const err = await csvError(load('bad-quotes.csv'));
    expect(err.code).toBe('bad-quotes');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^Line 3: a quoted field is not closed properly/);
  });
});

describe('cells: missing tokens, numbers, types', () => {
  it('missing tokens "", NA, N/A, NaN, nan, null, NULL, ?, - are counted and their rows dropped', async () => {
    const { summary, dataset } = await load('missing-tokens.csv');
    expect(summary.columns[1]).toMatchObject({ name: 'y', type: 'numeric', missing: 9, numericCount: 1, min: 10, max: 10, mean: 10 });
    expect(summary.columns[0]).toMatchObject({ missing: 0, numericCount: 10, min: 1, max: 10, mean: 5.5 });
    expect(summary.droppedRows).toBe(9);
    expect(summary.rows).toBe(1);
    expect(values(dataset)).toEqual([10, 10]);
    expect(Array.from(dataset.rowIndex)).toEqual([9]);
    expect(summary.warnings).toEqual(['9 rows dropped because a feature is missing or not finite (first on line 2).']);
  });

  it('mixed column: first offending value and its line; excluded from the default features with a warning', async () => {
    const { summary, dataset } = await load('mixed.csv');
    expect(summary.columns[1]).toEqual({
      index: 1,
      name: 'value',
      type: 'mixed',
      missing: 0,
      numericCount: 4,
      firstOffending: { value: 'oops', line: 5 },
      min: 10,
      max: 50,
      mean: 27.5,
    });
    expect(summary.features).toEqual(['id']);
    expect(values(dataset)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(summary.warnings).toEqual([
      'Column "value" is not used by default because it mixes numbers and text (first non-number: "oops" on line 5); pick it as a feature to treat its text as missing.',
    ]);
  });

  it('Infinity and -inf are numeric but non-finite: excluded from stats, their rows dropped', async () => {
    const { summary, dataset } = await load('infinity.csv');
    expect(summary.columns[0]).toEqual({ index: 0, name: 'x', type: 'numeric', missing: 0, numericCount: 4, nonFinite: 2, min: 1, max: 5, mean: 3 });
    expect(summary.features).toEqual(['x', 'y']);
    expect(values(dataset)).toEqual([1, 2, 5, 6]);
    expect(summary.droppedRows).toBe(2);
    expect(Array.from(dataset.rowIndex)).toEqual([0, 3]);
  });

  it('scientific notation with spaces around it', async () => {
    const { dataset } = await load('scientific-spaces.csv');
    expect(values(dataset)).toEqual([1500, -0.02, 7, 0.5, 3, 100]);
  });

  it('strict numbers: "713752e1x", hex and "1_000" are text', async () => {
    const { summary } = await load('strict-numbers.csv');
    expect(summary.columns[1]).toMatchObject({ type: 'mixed', numericCount: 1, firstOffending: { value: '713752e1x', line: 2 } });
    expect(summary.features).toEqual(['v']);
  });

  it('duplicate header names become "x (2)", "x (3)" with warnings', async () => {
    const { summary, dataset } = await load('duplicate-headers.csv');
    expect(summary.columns.map((c) => c.name)).toEqual(['x', 'x (2)', 'y', 'x (3)']);
    expect(summary.features).toEqual(['x', 'x (2)', 'y', 'x (3)']);
    expect(values(dataset)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(summary.warnings).toEqual([
      'Column name "x" appears more than once; column 2 is called "x (2)".',
      'Column name "x" appears more than once; column 4 is called "x (3)".',
    ]);
  });
});

describe('ragged rows', () => {
  it('within tolerance (2 of 200 = 1%): skipped, counted, first line named', async () => {
    const { summary, dataset } = await load('ragged-tolerated.csv');
    expect(summary.totalRows).toBe(200);
    expect(summary.raggedRows).toBe(2);
    expect(summary.rows).toBe(198);
    expect(summary.droppedRows).toBe(0);
    const idx = Array.from(dataset.rowIndex);
    expect(idx).not.toContain(9);
    expect(idx).not.toContain(149);
    expect(idx.length).toBe(198);
    // Row i holds (i, 2i): kept rows map back to their original data-row index.
    for (let r = 0; r < dataset.n; r++) expect([dataset.values[2 * r], dataset.values[2 * r + 1]]).toEqual([idx[r], 2 * idx[r]]);
    expect(summary.warnings).toEqual([
      '2 of 200 rows had the wrong number of fields and were skipped (first: line 11 has 3 fields instead of 2 as in the header).',
    ]);
  });

  it('beyond tolerance: CsvError "ragged" naming the first bad line and the counts', async () => {
    const err = await csvError(load('ragged-too-many.csv'));
    expect(err.code).toBe('ragged');
    expect(err.line).toBe(4);
    expect(err.message).toBe(
      'Line 4 has 1 fields instead of 2 as in the header; 2 of 5 rows have the wrong number of fields, more than the 1% tolerated. To skip them, use --bad-rows skip (the "skip bad rows" option).',
    );
  });

  it('a larger tolerance accepts the same file', async () => {
    const { summary, dataset } = await load('ragged-too-many.csv', { raggedTolerance: 0.5 });
    expect(summary.raggedRows).toBe(2);
    expect(values(dataset)).toEqual([1, 2, 3, 4, 7, 8]);
    expect(Array.from(dataset.rowIndex)).toEqual([0, 1, 3]);
  });
});

describe('files that cannot be used', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['empty.csv', 'empty-file', /The file is empty \(0 bytes\)\./],
    ['blank-lines-only.csv', 'empty-file', /no rows: it is empty or holds only blank lines/],
    ['header-only.csv', 'header-only', /^The file has a header \(x, y\) but no data rows\.$/],
    ['binary.bin', 'binary', /does not look like a CSV text file: it contains binary data \(a NUL byte at byte 9\)/],
    ['workbook.xlsx', 'binary', /ZIP archive \(an Excel \.xlsx workbook is one\)/],
    ['text-only.csv', 'no-numeric-column', /^No numeric column to cluster\. Columns: "name" \(text\), "city" \(text\)\.$/],
    ['does-not-exist.csv', 'not-found', /^File not found: .*does-not-exist\.csv$/],
  ];
  for (const [file, code, message] of cases) {
    it(`${file} → ${code}`, async () => {
      const err = await csvError(load(file));
      expect(err.code).toBe(code);
      expect(err.message).toMatch(message);
    });
  }

  it('a folder is not a file', async () => {
    expect((await csvError(loadCsv(tmp))).code).toBe('not-a-file');
  });

  it('control characters without NUL bytes are binary too', async () => {
    const file = join(tmp, 'controls.dat');
    writeFileSync(file, Buffer.from(Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 1 : 65))));
    const err = await csvError(loadCsv(file));
    expect(err.code).toBe('binary');
    expect(err.message).toMatch(/33% of its first 1000 bytes are control characters/);
  });

  it('bad options are rejected before reading', async () => {
    const err = await csvError(load('comma.csv', { scaling: 'log' as never }));
    expect(err.code).toBe('bad-option');
    expect(err.message).toBe('scaling must be one of none, zscore, minmax; got "log".');
  });
});

describe('features, missing values, scaling', () => {
  it('unknown feature name: clear error listing the columns', async () => {
    const err = await csvError(load('comma.csv', { features: ['x', 'z'] }));
    expect(err.code).toBe('unknown-feature');
    expect(err.message).toBe('Unknown feature "z". Columns in this file: "x" (numeric), "y" (numeric), "name" (text).');
  });

  it('wrong case gets a hint', async () => {
    const err = await csvError(load('comma.csv', { features: ['X'] }));
    expect(err.message).toMatch(/^Unknown feature "X"\. Did you mean "x"\?/);
  });

  it('a text column cannot be a feature', async () => {
    const err = await csvError(load('comma.csv', { features: ['name'] }));
    expect(err.code).toBe('not-numeric-feature');
    expect(err.message).toBe('Column "name" holds text (first value "a" on line 2), so it cannot be a feature.');
  });

  it('a mostly-text column stops storing numbers and cannot be picked', async () => {
    const text = 'tag,v\n' + 'abc,1\n'.repeat(100) + '7,2\n'.repeat(10);
    const { summary } = await parseCsvText(text);
    expect(summary.columns[0]).toMatchObject({ type: 'mixed', numericCount: 10, firstOffending: { value: 'abc', line: 2 }, min: 7, max: 7 });
    const err = await csvError(parseCsvText(text, { features: ['tag'] }));
    expect(err.code).toBe('not-numeric-feature');
    expect(err.message).toBe('Column "tag" is mostly text (100 text cells, 10 numbers), so it cannot be a feature.');
  });

  it('a lone CR line ending and no final newline', async () => {
    const { summary, dataset } = await parseCsvText('x,y\r1,2\r3,4');
    expect(summary.columns.map((c) => c.name)).toEqual(['x', 'y']);
    expect(values(dataset)).toEqual([1, 2, 3, 4]);
  });

  it('picked features keep their order', async () => {
    const { dataset, summary } = await load('comma.csv', { features: ['y', 'x'] });
    expect(summary.features).toEqual(['y', 'x']);
    expect(dataset.columns).toEqual(['y', 'x']);
    expect(values(dataset)).toEqual([2, 1, 4, 3]);
  });

  it('drop (default): rows with a missing feature go, rowIndex keeps the original rows', async () => {
    const { summary, dataset } = await load('impute.csv');
    expect(values(dataset)).toEqual([1, 2, 5, 8]);
    expect(Array.from(dataset.rowIndex)).toEqual([0, 2]);
    expect([summary.totalRows, summary.rows, summary.droppedRows, summary.imputedValues]).toEqual([4, 2, 2, 0]);
  });

  it('mean-impute: missing values become the column mean of the present values', async () => {
    const { summary, dataset } = await load('impute.csv', { missing: 'mean-impute' });
    // x mean = (1+3+5)/3 = 3, y mean = (2+8)/2 = 5
    expect(values(dataset)).toEqual([1, 2, 3, 5, 5, 8, 3, 5]);
    expect(Array.from(dataset.rowIndex)).toEqual([0, 1, 2, 3]);
    expect([summary.rows, summary.droppedRows, summary.imputedValues]).toEqual([4, 0, 3]);
    expect(summary.warnings).toEqual(['3 missing or non-finite values in 2 rows replaced by the column mean (first on line 3).']);
  });

  it('nothing left after dropping: a clear error', async () => {
    const err = await csvError(parseCsvText('x,y\n1,NA\n,2\n'));
    expect(err.code).toBe('no-rows-left');
    expect(err.message).toMatch(/every row has a missing or non-finite value in the features \(x, y\)/);
  });

  it('zscore scaling matches an independent computation; constant column → 0 with a warning', async () => {
    const { summary, dataset } = await parseCsvText('a,b,c\n1,5,10\n2,5,20\n3,5,60\n');
    const raw = [
      [1, 2, 3],
      [5, 5, 5],
      [10, 20, 60],
    ];
    const { summary: s2, dataset: z } = await parseCsvText('a,b,c\n1,5,10\n2,5,20\n3,5,60\n', { scaling: 'zscore' });
    expect(values(dataset)).toEqual([1, 5, 10, 2, 5, 20, 3, 5, 60]);
    for (let j = 0; j < 3; j++) {
      const m = raw[j].reduce((a, b) => a + b) / 3;
      const sd = Math.sqrt(raw[j].reduce((a, b) => a + (b - m) ** 2, 0) / 3);
      for (let i = 0; i < 3; i++) {
        const want = sd === 0 ? 0 : (raw[j][i] - m) / sd;
        expect(z.values[i * 3 + j]).toBeCloseTo(want, 12);
      }
    }
    expect(z.values[1]).toBe(0);
    expect(s2.scaling).toBe('zscore');
    expect(s2.featureScaling!.offset[0]).toBe(2);
    expect(s2.warnings).toEqual(['Feature "b" is constant; z-score scaling sets it to 0.']);
    // Column reports keep the raw statistics.
    expect(s2.columns[2]).toMatchObject({ min: 10, max: 60, mean: 30 });
    expect(summary.featureScaling).toBeUndefined();
  });

  it('a constant column of 0.1s becomes exactly 0 (no rounding noise blown up)', async () => {
    const text = 'a,b\n' + Array.from({ length: 30 }, (_, i) => `${i},0.1`).join('\n');
    const { dataset } = await parseCsvText(text, { scaling: 'zscore' });
    for (let i = 0; i < 30; i++) expect(dataset.values[2 * i + 1]).toBe(0);
  });

  it('minmax scaling maps each feature onto [0, 1]', async () => {
    const { dataset, summary } = await parseCsvText('a,b\n1,-4\n2,0\n5,4\n', { scaling: 'minmax' });
    expect(values(dataset)).toEqual([0, 0, 0.25, 0.5, 1, 1]);
    expect(summary.featureScaling).toEqual({ offset: [1, -4], factor: [4, 8] });
  });
});

describe('streaming: progress, cancel, hash, big input', () => {
  const big = join(tmp, 'big.csv');
  const lines = ['x,y'];
  for (let i = 0; i < 150_000; i++) lines.push(`${i},${(i * 0.5).toFixed(1)}`);
  writeFileSync(big, lines.join('\n') + '\n');
  const bigBytes = readFileSync(big);

  it('reports progress up to the full size and hashes every byte', async () => {
    const events: Array<{ bytesRead: number; totalBytes: number; rows: number }> = [];
    const { summary, dataset } = await loadCsv(big, {}, { onProgress: (p) => events.push(p) });
    expect(dataset.n).toBe(150_000);
    expect(dataset.values[2 * 149_999]).toBe(149_999);
    expect(dataset.values[2 * 149_999 + 1]).toBe(74_999.5);
    expect(events.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < events.length; i++) {
      expect(events[i].bytesRead).toBeGreaterThanOrEqual(events[i - 1].bytesRead);
      expect(events[i].rows).toBeGreaterThanOrEqual(events[i - 1].rows);
    }
    expect(events.at(-1)).toEqual({ bytesRead: bigBytes.length, totalBytes: bigBytes.length, rows: 150_000 });
    expect(summary.hash).toBe(createHash('sha256').update(bigBytes).digest('hex'));
    expect(summary.preview.length).toBe(100);
  });

  it('cancel during reading rejects with CsvError "cancelled"', async () => {
    const token = new CancelToken();
    let calls = 0;
    const err = await csvError(
      loadCsv(big, {}, {
        token,
        onProgress: () => {
          calls++;
          token.cancel('user pressed stop');
        },
      }),
    );
    expect(err.code).toBe('cancelled');
    expect(err.message).toBe('Loading was cancelled (user pressed stop).');
    expect(calls).toBe(1);
  });

  it('cancel from outside (a timer) stops the read promptly', async () => {
    const token = new CancelToken();
    const p = loadCsv(big, {}, { token });
    let cancelledAt = 0;
    setTimeout(() => {
      cancelledAt = performance.now();
      token.cancel();
    }, 0);
    const err = await csvError(p);
    expect(err.code).toBe('cancelled');
    expect(performance.now() - cancelledAt).toBeLessThan(1000);
  });

  it('an error thrown by the progress callback rejects the load unchanged', async () => {
    const boom = new Error('listener failed');
    await expect(
      loadCsv(big, {}, {
        onProgress: () => {
          throw boom;
        },
      }),
    ).rejects.toBe(boom);
  });

  it('a token cancelled before the start rejects at once', async () => {
    const token = new CancelToken();
    token.cancel();
    expect((await csvError(loadCsv(big, {}, { token }))).code).toBe('cancelled');
  });

  it('parseCsvText runs the same pipeline as files', async () => {
    const fromText = await parseCsvText(readFileSync(fixture('quoted-newline.csv'), 'utf8'));
    const fromFile = await load('quoted-newline.csv');
    const strip = (s: typeof fromText.summary) => ({ ...s, id: '', name: '', path: '', loadMs: 0 });
    expect(strip(fromText.summary)).toEqual(strip(fromFile.summary));
    expect(values(fromText.dataset)).toEqual(values(fromFile.dataset));
  });
});
