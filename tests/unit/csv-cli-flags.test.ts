// CLI flags for the loader's ways forward: --bad-rows skip and --decimal-comma, in inspect (and so in
// kmeans/ekm, which share loadOptionsFromArgs) and in compare (csvRepairOptionsFromArgs).
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/main/cli/args.ts';
import { csvRepairOptionsFromArgs, inspectCommand, loadOptionsFromArgs } from '../../src/main/cli/inspect.ts';

const fixture = (name: string): string => join(import.meta.dirname, '../fixtures/csv', name);

async function inspectJson(...argv: string[]): Promise<{ code: number; summary?: Record<string, unknown>; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const code = await inspectCommand.run(parseArgs([...argv, '--json', '--quiet']));
  return { code, summary: code === 0 ? JSON.parse(out.join('\n')) : undefined, err: err.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('--bad-rows', () => {
  it('without it, too many ragged rows fail and the message names the flag', async () => {
    const r = await inspectJson(fixture('ragged-too-many.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Line 4 has 1 fields .* To skip them, use --bad-rows skip/);
  });

  it('skip loads the file and reports the skipped lines', async () => {
    const r = await inspectJson(fixture('ragged-too-many.csv'), '--bad-rows', 'skip');
    expect(r.code).toBe(0);
    expect(r.summary).toMatchObject({ rows: 3, raggedRows: 2, raggedLines: [4, 6] });
  });

  it('a value other than skip|fail is a usage error (exit 2)', async () => {
    const r = await inspectJson(fixture('ragged-too-many.csv'), '--bad-rows', 'drop');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--bad-rows must be skip or fail; got "drop"');
  });
});

describe('--decimal-comma', () => {
  it('without it, the error hints at the flag', async () => {
    const r = await inspectJson(fixture('decimal-comma-only.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('use --decimal-comma');
  });

  it('with it, the cells load as numbers', async () => {
    const r = await inspectJson(fixture('decimal-comma-only.csv'), '--decimal-comma');
    expect(r.code).toBe(0);
    expect(r.summary).toMatchObject({ delimiter: ';', features: ['w', 'h'], rows: 2 });
  });

  it('before the file it would swallow the path: a usage error, not a silent misread', async () => {
    const r = await inspectJson('--decimal-comma', fixture('decimal-comma-only.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--decimal-comma takes no value');
  });
});

describe('option mapping', () => {
  it('inspect/kmeans/ekm and compare map the flags to the same load options', () => {
    const args = parseArgs(['x.csv', '--bad-rows', 'skip', '--decimal-comma']);
    expect(csvRepairOptionsFromArgs(args)).toEqual({ badRows: 'skip', decimal: ',' });
    expect(loadOptionsFromArgs(args)).toEqual({ badRows: 'skip', decimal: ',' });
    expect(csvRepairOptionsFromArgs(parseArgs(['x.csv']))).toEqual({});
    expect(csvRepairOptionsFromArgs(parseArgs(['x.csv', '--bad-rows', 'fail']))).toEqual({ badRows: 'fail' });
  });
});
