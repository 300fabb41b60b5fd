// Loader gaps found by fuzzing (#12): wide headers, huge lines, mixed line endings, skipping bad
// rows, decimal commas. Each case failed (wrongly) before its fix.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvError, loadCsv, parseCsvText } from '../../src/main/engine/dataset/csv.ts';

const tmp = mkdtempSync(join(tmpdir(), 'clusterbench-csv-gaps-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function csvError(p: Promise<unknown>): Promise<CsvError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(CsvError);
    return err as CsvError;
  }
  throw new Error('expected the load to fail');
}

describe('headers wider than the 64 KiB sniff window', () => {
  it('100,000 columns load, from a file and from text', async () => {
    const cols = 100_000;
    const header = Array.from({ length: cols }, (_, j) => `c${j}`).join(',');
    const row = (r: number): string => Array.from({ length: cols }, (_, j) => String((r * 7 + j) % 10)).join(',');
    const text = `${header}\n${row(0)}\n${row(1)}\n${row(2)}\n`;
    expect(header.length).toBeGreaterThan(64 * 1024);
    const path = join(tmp, 'wide.csv');
    writeFileSync(path, text);
    for (const { summary, dataset } of [await loadCsv(path), await parseCsvText(text)]) {
      expect(summary.columns.length).toBe(cols);
      expect(summary.columns[cols - 1].name).toBe(`c${cols - 1}`);
      expect(summary.hasHeader).toBe(true);
      expect(dataset.n).toBe(3);
      expect(dataset.d).toBe(cols);
      expect(dataset.values[0 * cols + 99_999]).toBe(99_999 % 10);
      expect(dataset.values[2 * cols + 5]).toBe((14 + 5) % 10);
    }
  });
});

describe('wide headers after blank lines (found by the fuzz suite)', () => {
  it('blank lines before a header longer than the window do not count as the two rows the sniffer waits for', async () => {
    for (const nl of ['\n', '\r', '\r\n']) {
      const long = 'L'.repeat(70_000);
      const { summary, dataset } = await parseCsvText(` ${nl}${nl}a;${long};b${nl}1;x;2${nl}`);
      expect(summary.hasHeader).toBe(true);
      expect(summary.features).toEqual(['a', 'b']);
      expect(Array.from(dataset.values)).toEqual([1, 2]);
    }
  });

  it('a first row longer than the 16 MiB window is named, not read as a zero-width table', async () => {
    const err = await csvError(parseCsvText(`a,${'L'.repeat(17 * 1024 * 1024)}\n1,x\n2,y\n`));
    expect(err.code).toBe('line-too-long');
    expect(err.message).toMatch(/^The first row is longer than 16 MiB/);
  });
});

describe('very long lines and line endings', () => {
  it('a 50 MB line without quotes is reported as too long, not as an open quote', async () => {
    const path = join(tmp, 'long-line.csv');
    const chunk = '1,2,3,4,5,6,7,8,9,';
    writeFileSync(path, 'a,b\n1,2\n' + chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length)) + '\n');
    const err = await csvError(loadCsv(path));
    expect(err.code).toBe('line-too-long');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^Line 3 is longer than 32 MiB without a line break/);
  });

  it('an unclosed quote followed by many lines is still an open quote', async () => {
    const path = join(tmp, 'open-quote.csv');
    writeFileSync(path, 'a,b\n1,2\n"3,4\n' + '5,6\n'.repeat((34 * 1024 * 1024) / 4));
    const err = await csvError(loadCsv(path));
    expect(err.code).toBe('bad-quotes');
    expect(err.line).toBe(3);
  });

  it('mixed CRLF and LF line endings load, in either order, with the right line numbers', async () => {
    for (const text of ['a,b\r\n1,2\n3,4\r\n5,x\n7,8\r\n', 'a,b\n1,2\r\n3,4\n5,x\r\n7,8\n']) {
      const { summary, dataset } = await parseCsvText(text, { features: ['a', 'b'] });
      expect(Array.from(dataset.values)).toEqual([1, 2, 3, 4, 7, 8]);
      expect(summary.columns.map((c) => c.name)).toEqual(['a', 'b']);
      expect(summary.warnings).toContain('1 row dropped because a feature is missing or not finite (first on line 4).');
    }
  });

  it('a CRLF split across read chunks is still one line break', async () => {
    // 256 KiB read chunks: put a CR as the last byte of the first chunk.
    const first = 'a,b\r\n';
    const filler = '1,2\n';
    let body = first;
    while (body.length + filler.length < 256 * 1024 - 4) body += filler;
    body += '3,'.padEnd(256 * 1024 - body.length - 1, '4') + '\r\n5,6\r\n';
    const path = join(tmp, 'split-crlf.csv');
    writeFileSync(path, body);
    const { summary, dataset } = await loadCsv(path);
    expect(summary.raggedRows).toBe(0);
    expect(dataset.values[dataset.values.length - 1]).toBe(6);
  });
});

describe('skipping bad rows (badRows: "skip")', () => {
  // One row in ten has a third field: 10% > the 1% tolerated.
  const lines = ['x,y'];
  for (let i = 0; i < 30; i++) lines.push(i % 10 === 3 ? `${i},${2 * i},9` : `${i},${2 * i}`);
  const text = lines.join('\n') + '\n';

  it('without it the file is refused, and the error names the option', async () => {
    const err = await csvError(parseCsvText(text));
    expect(err.code).toBe('ragged');
    expect(err.line).toBe(5);
    expect(err.message).toMatch(/3 of 30 rows have the wrong number of fields, more than the 1% tolerated\. To skip them, use --bad-rows skip/);
  });

  it('with it the rows are skipped, counted, and their lines listed', async () => {
    const { summary, dataset } = await parseCsvText(text, { badRows: 'skip' });
    const kept = Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 10 !== 3);
    expect(Array.from(dataset.values)).toEqual(kept.flatMap((i) => [i, 2 * i]));
    expect(summary.raggedRows).toBe(3);
    expect(summary.raggedLines).toEqual([5, 15, 25]);
    expect(summary.warnings).toContain(
      '3 of 30 rows had the wrong number of fields and were skipped as asked (lines 5, 15, 25; first: line 5 has 3 fields instead of 2 as in the header).',
    );
  });

  it('lists at most 10 lines', async () => {
    const many = ['a,b', ...Array.from({ length: 40 }, (_, i) => (i % 2 ? `${i}` : `${i},1`))].join('\n');
    const { summary } = await parseCsvText(many, { badRows: 'skip' });
    expect(summary.raggedRows).toBe(20);
    expect(summary.raggedLines).toEqual([3, 5, 7, 9, 11, 13, 15, 17, 19, 21]);
    expect(summary.warnings[0]).toMatch(/\(lines 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, …; first/);
  });

  it('a bad value is refused with a sentence', async () => {
    const err = await csvError(parseCsvText(text, { badRows: 'drop' as never }));
    expect(err.code).toBe('bad-option');
  });
});

describe('decimal commas', () => {
  const text = 'w;h\n1,5;2,25\n-3,75;4\n0,5;1e3\n';

  it('are detected and named in the error when no column is numeric otherwise', async () => {
    const err = await csvError(parseCsvText('w;h\n1,5;2,25\n-3,75;4,5\n'));
    expect(err.code).toBe('no-numeric-column');
    expect(err.message).toMatch(/look like numbers with decimal commas \("1,5" on line 2\); use --decimal-comma \/ the decimal comma option\.$/);
  });

  it('are named in a warning when another column loads', async () => {
    // "h" must be wholly numeric here: a column holding "2,25" is mixed, and mixed columns are not default features.
    const { summary } = await parseCsvText('w;h\n1,5;2\n-3,75;4\n0,5;1e3\n');
    expect(summary.features).toEqual(['h']);
    expect(summary.warnings.some((w) => /"w" look like numbers with decimal commas/.test(w))).toBe(true);
  });

  it('decimal "," parses them, and a dot is then not a decimal point', async () => {
    const { summary, dataset } = await parseCsvText(text, { decimal: ',' });
    expect(summary.delimiter).toBe(';');
    expect(summary.features).toEqual(['w', 'h']);
    expect(Array.from(dataset.values)).toEqual([1.5, 2.25, -3.75, 4, 0.5, 1000]);
    const dotted = await parseCsvText('w;h\n1,5;2\n1.5;3\n', { decimal: ',', features: ['w'] });
    expect(dotted.summary.columns[0].type).toBe('mixed');
  });

  it('headerless decimal-comma files are not mistaken for a header', async () => {
    const { summary, dataset } = await parseCsvText('1,5;2,5\n3,5;4,5\n', { decimal: ',' });
    expect(summary.hasHeader).toBe(false);
    expect(Array.from(dataset.values)).toEqual([1.5, 2.5, 3.5, 4.5]);
  });

  it('a comma delimiter with decimal commas is refused', async () => {
    const err = await csvError(parseCsvText('a,b\n1,2\n', { decimal: ',', delimiter: ',' }));
    expect(err.code).toBe('bad-option');
  });
});
