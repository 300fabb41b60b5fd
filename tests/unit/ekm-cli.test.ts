// The `ekm` CLI command end to end on a small CSV: estimate, result, PAM gap, refusal, bad flags.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/main/cli/args.ts';
import { ekmCommand, paramsFromArgs } from '../../src/main/cli/ekm.ts';

const dir = mkdtempSync(join(tmpdir(), 'ekm-cli-'));
const csv = join(dir, 'points.csv');
// Two obvious groups: medoids are rows 1 and 4 (the middle of each group).
writeFileSync(csv, 'x,y\n0,0\n1,0\n2,0\n10,0\n11,0\n12,0\n');

afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return { out, err };
}

describe('clusterbench ekm', () => {
  it('maps flags to parameters and rejects bad ones', () => {
    const p = paramsFromArgs(parseArgs(['--k', '2', '--variant', 'tree', '--workers', '2', '--leaf-length', '3', '--distance', 'manhattan', '--no-prune', '--force']), 6);
    expect(p).toMatchObject({ k: 2, variant: 'tree', workers: 2, leafLength: 3, distance: 'manhattan', prune: false, force: true });
    expect(() => paramsFromArgs(parseArgs([]), 6)).toThrow(/--k is required/);
    expect(() => paramsFromArgs(parseArgs(['--k', '2', '--variant', 'nope']), 6)).toThrow(/unknown EKM variant/);
    expect(paramsFromArgs(parseArgs(['--k', '2', '--variant', 'tree', '--merge-arity', '3', '--matrix-budget', '0.5']), 6)).toMatchObject({ mergeArity: 3, matrixBudgetBytes: 524_288 });
    expect(() => paramsFromArgs(parseArgs(['--k', '2', '--matrix-budget', '-1']), 6)).toThrow(/in MiB and must be ≥ 0/);
    expect(() => paramsFromArgs(parseArgs(['--k', '2', '--merge-arity', '3']), 6)).toThrow(/tree variant only/);
  });

  it('prints the estimate, the optimum, the PAM gap and writes JSON', async () => {
    const { out } = capture();
    const json = join(dir, 'run.json');
    const code = await ekmCommand.run(parseArgs([csv, '--k', '2', '--workers', '2', '--pam', '--quiet', '--json', json]));
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/estimate: 15 medoid sets/);
    expect(text).toMatch(/cost: 4\b/);
    expect(text).toMatch(/optimality gap of PAM: 0 \(PAM found the optimum\)/);
    expect(text).toMatch(/^0\s+1\s+3\s+1\s+0$/m);
    expect(text).toMatch(/^1\s+4\s+3\s+11\s+0$/m);
    const rec = JSON.parse(readFileSync(json, 'utf8'));
    expect(rec.result.medoids).toEqual([1, 4]);
    expect(rec.heuristic.algorithm).toBe('pam');
  });

  it('refuses runs above the combination limit', async () => {
    const { err } = capture();
    const code = await ekmCommand.run(parseArgs([csv, '--k', '3', '--max-combinations', '5', '--quiet']));
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/refused: C\(6, 3\) = 2\.00e\+1 medoid sets is above the limit/);
  });
});
