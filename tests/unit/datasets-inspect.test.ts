// `clusterbench inspect`: the column report a user sees, and a non-zero exit with the message for bad files.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/main/cli/args.ts';
import { inspectCommand } from '../../src/main/cli/inspect.ts';

const fixture = (name: string): string => join(import.meta.dirname, '../fixtures/csv', name);

async function inspect(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await inspectCommand.run(parseArgs([...argv, '--quiet']));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('inspect command', () => {
  it('prints the column table, detection and row counts', async () => {
    const r = await inspect(fixture('mixed.csv'));
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[1]).toBe('delimiter: "," (detected)   header: yes (detected)   encoding: utf-8');
    expect(lines[2]).toBe('rows: 6 in file, 6 kept, 0 dropped for missing values, 0 skipped (wrong field count), 0 values imputed');
    expect(lines[3]).toBe('features (1): id   scaling: none   missing: drop');
    expect(lines.slice(5, 8)).toEqual([
      '#  name   type     missing  min  max  mean  note',
      '1  id     numeric  0        1    6    3.5',
      '2  value  mixed    0        10   50   27.5  first non-number "oops" on line 5',
    ]);
    expect(r.out).toContain('warnings:\n  - Column "value" is not used by default');
  });

  it('passes --features, --missing and --scaling through', async () => {
    const r = await inspect(fixture('impute.csv'), '--features', 'y,x', '--missing', 'mean-impute', '--scaling', 'zscore', '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect([s.features, s.missing, s.scaling, s.imputedValues, s.rows]).toEqual([['y', 'x'], 'mean-impute', 'zscore', 3, 4]);
  });

  it('finds bundled samples by name', async () => {
    const r = await inspect('iris');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^iris\.csv {2}3\.6 KiB {2}sha256 [0-9a-f]{16}…$/);
  });

  it('bad files exit 1 with the clear message', async () => {
    const r = await inspect(fixture('ragged-too-many.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toBe('Error: Line 4 has 1 fields instead of 2 as in the header; 2 of 5 rows have the wrong number of fields, more than the 1% tolerated. To skip them, use --bad-rows skip (the "skip bad rows" option).');
    expect((await inspect(fixture('comma.csv'), '--features', 'nope')).err).toMatch(/^Error: Unknown feature "nope"/);
  });

  it('usage errors exit 2', async () => {
    expect((await inspect()).code).toBe(2);
    expect((await inspect(fixture('comma.csv'), '--scaling', 'log')).code).toBe(2);
    expect((await inspect(fixture('comma.csv'), '--header', 'maybe')).err).toBe('Error: --header must be yes, no or auto; got "maybe"');
  });
});
