import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/main/cli/args.ts';
import { compareCommand, specFromArgs } from '../../src/main/cli/compare.ts';
import { HistoryStore } from '../../src/main/services/history.ts';
import type { ExperimentRecord } from '../../src/shared/types.ts';
import { useTempDir } from './tmpdir.ts';

const args = (line: string) => parseArgs(line.split(' ').filter(Boolean));

describe('compare CLI: spec from flags', () => {
  it('builds a k-means spec with lists, seed and defaults', () => {
    const s = specFromArgs(args('data.csv --ks 10,20,40 --workers 1,2,4,8,16 --repeats 5 --sizes 1e4,1e5 --seed 3'), 2);
    expect(s).toMatchObject({ algorithm: 'kmeans', ks: [10, 20, 40], workers: [1, 2, 4, 8, 16], sizes: [10000, 100000], repeats: 5, seed: 3, warmup: true });
    expect(s.kmeans).toEqual({ k: 10, seed: 3 });
    expect(s.withReplacement).toBeUndefined();
  });

  it('defaults the worker grid from the cores and k from the algorithm', () => {
    expect(specFromArgs(args('data.csv'), 2)).toMatchObject({ workers: [0, 1, 2, 4], ks: [10], repeats: 3, sizes: [] });
    expect(specFromArgs(args('data.csv --algo ekm'), 8)).toMatchObject({ algorithm: 'ekm', ks: [3], workers: [0, 1, 2, 4, 8, 16] });
  });

  it('turns --iterations into a fixed budget and passes EKM options through', () => {
    expect(specFromArgs(args('d.csv --iterations 25 --init random'), 2).kmeans).toEqual({ k: 10, seed: 1, maxIterations: 25, changedFraction: 0, tolerance: 0, init: 'random' });
    const e = specFromArgs(args('d.csv --algo ekm --k 4 --variant gen2 --distance manhattan --leaf 20 --sizes 50,100 --no-warmup --resample'), 2);
    expect(e.ekm).toEqual({ k: 4, variant: 'gen2', distance: 'manhattan', leafLength: 20 });
    expect(e).toMatchObject({ sizes: [50, 100], warmup: false, withReplacement: true });
  });

  it('asks for the machine ceiling only with --ceiling', () => {
    expect(specFromArgs(args('d.csv'), 2).ceiling).toBeUndefined();
    expect(specFromArgs(args('d.csv --ceiling'), 2).ceiling).toBe(true);
    expect(() => specFromArgs(args('--ceiling d.csv'), 2)).toThrow(/--ceiling takes no value/);
  });

  it('rejects bad flags with sentences', () => {
    expect(() => specFromArgs(args('d.csv --algo pam'), 2)).toThrow(/--algo must be kmeans or ekm/);
    expect(() => specFromArgs(args('d.csv --workers 1,x'), 2)).toThrow(/--workers: "x" is not a number/);
    expect(() => specFromArgs(args('d.csv --sizes 1.5e1,1e4.5'), 2)).toThrow(/--sizes/);
    expect(() => specFromArgs(args('d.csv --algo ekm --variant quick'), 2)).toThrow(/--variant must be one of/);
    expect(() => specFromArgs(args('--no-warmup d.csv'), 2)).toThrow(/--no-warmup takes no value .*CSV file before the options/);
  });
});

describe('compare CLI: end to end on the 400-point sample', () => {
  const dir = useTempDir('cb-compare-');
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints the speedup table, writes the JSON record and saves it to history', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const json = join(dir(), 'out.json');
    const code = await compareCommand.run(
      args(`resources/blobs-400.csv --ks 3,4 --workers 1,2 --repeats 1 --sizes 200,400 --predict 1000 --json ${json} --history ${join(dir(), 'hist')}`),
    );
    const text = out.join('\n');
    expect(code).toBe(0);
    expect(text).toContain('=== k = 3 ===');
    expect(text).toContain('=== k = 4 ===');
    expect(text).toMatch(/Processes\s+N = 200\s+N = 400/);
    expect(text).toMatch(/^serial\s+1\.00000\s+1\.00000$/m);
    expect(text).toMatch(/^2\s+\d+\.\d{5}\s+\d+\.\d{5}$/m);
    expect(text).toContain('Runtime models over N');
    expect(text).toContain('All answers equal the serial answer');
    const rec = JSON.parse(await readFile(json, 'utf8')) as ExperimentRecord;
    expect(rec.kind).toBe('experiment');
    expect(rec.dataset.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rec.experiment.cells).toHaveLength(12);
    const history = new HistoryStore(join(dir(), 'hist'));
    expect((await history.list()).map((e) => e.id)).toEqual([rec.id]);
  }, 120_000);

  it('with --ceiling, prints the machine ceiling and the share of it used, and records them', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const json = join(dir(), 'ceiling.json');
    const code = await compareCommand.run(args(`resources/blobs-400.csv --k 3 --workers 1,2 --repeats 2 --ceiling --json ${json}`));
    const text = out.join('\n');
    expect(code).toBe(0);
    expect(text).toMatch(/Machine ceiling \(ceiling = P × median\(serial\) \/ median\(P serial runs started at once[^\n]*\):\nProcesses\s+N = 400\n-+\s+-+\n2\s+\d+\.\d{5}\n/);
    expect(text).toMatch(/Of ceiling \(speedup \/ machine ceiling[^\n]*\):\nProcesses\s+N = 400\n-+\s+-+\n2\s+\d+\.\d %\n/);
    expect(text).toContain('All answers equal the serial answer');
    const rec = JSON.parse(await readFile(json, 'utf8')) as ExperimentRecord;
    expect(rec.experiment.spec.ceiling).toBe(true);
    const [serial, one, two] = rec.experiment.cells;
    expect(serial.ceilingTimesMs).toBeUndefined();
    expect(one.ceilingSpeedup).toBeUndefined();
    expect(two.ceilingTimesMs).toHaveLength(2);
    expect(two.ceilingSpeedup).toBeGreaterThan(0);
    expect(two.ofCeiling).toBeCloseTo(two.speedup / two.ceilingSpeedup!, 12);
  }, 120_000);

  it('fails clearly for sizes larger than the file', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(compareCommand.run(args('resources/blobs-400.csv --workers 1 --sizes 1000'))).rejects.toThrow(/size 1000 is larger than the dataset \(400 rows\)/);
  }, 60_000);
});
