// `clusterbench kmeans`: flags → parameters, the printed summary, and the --json run record.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/main/cli/args.ts';
import { formatResult, kernelFlag, kmeansCommand, paramsFromArgs } from '../../src/main/cli/kmeans.ts';
import { loadJsonReport } from '../../src/main/report/json.ts';

const SAMPLE = resolve(import.meta.dirname, '../../resources/blobs-400.csv');
const dir = mkdtempSync(join(tmpdir(), 'kmeans-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kmeans command', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('maps flags to parameters and rejects bad ones with sentences', () => {
    const p = paramsFromArgs(parseArgs(['x.csv', '--k', '4', '--workers', '2', '--seed', '9', '--init', 'random', '--n-init', '3', '--changed', '0']), 100);
    expect(p).toMatchObject({ k: 4, workers: 2, seed: 9, init: 'random', nInit: 3, changedFraction: 0 });
    expect(paramsFromArgs(parseArgs(['--k', '2']), 10).workers).toBe('auto');
    expect(() => paramsFromArgs(parseArgs([]), 10)).toThrow('--k is required');
    expect(() => paramsFromArgs(parseArgs(['--k', '12']), 10)).toThrow('k (12) is larger than the number of rows (10)');
    expect(() => paramsFromArgs(parseArgs(['--k', '2', '--workers', 'many']), 10)).toThrow(/--workers must be/);
  });

  it('writes the labelled data: the input rows with cluster and distance, matching the JSON record', async () => {
    const json = join(dir, 'run-l.json');
    const labelled = join(dir, 'labelled.csv');
    expect(await kmeansCommand.run(parseArgs([SAMPLE, '--k', '3', '--workers', '1', '--seed', '2', '--json', json, '--labelled-data', labelled, '--quiet']))).toBe(0);
    const rec = loadJsonReport(readFileSync(json, 'utf8'));
    if (rec.kind !== 'run' || rec.result.algorithm !== 'kmeans') throw new Error('expected a k-means run');
    const input = readFileSync(SAMPLE, 'utf8').trim().split('\n');
    const lines = readFileSync(labelled, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(`${input[0]},cluster,distance_to_center`);
    expect(lines).toHaveLength(input.length);
    for (let i = 1; i < lines.length; i++) {
      const cells = lines[i].split(',');
      expect(cells.slice(0, -2).join(',')).toBe(input[i]);
      expect(Number(cells[cells.length - 2])).toBe(rec.result.labels[i - 1]);
    }
  });

  it('runs on a CSV, prints the summary and writes a loadable JSON record', async () => {
    const json = join(dir, 'run.json');
    const code = await kmeansCommand.run(parseArgs([SAMPLE, '--k', '4', '--workers', '2', '--seed', '1', '--json', json, '--quiet']));
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/k-means on blobs-400\.csv: 400 rows × 2 features, k = 4/);
    expect(text).toMatch(/iterations: \d+ {3}stop: /);
    expect(text).toMatch(/^cluster +size/m);
    const rec = loadJsonReport(readFileSync(json, 'utf8'));
    expect(rec.kind).toBe('run');
    if (rec.kind !== 'run' || rec.result.algorithm !== 'kmeans') throw new Error('expected a k-means run record');
    expect(rec.result.labels).toHaveLength(400);
    expect(Array.isArray(rec.result.labels)).toBe(true);
    expect(rec.result.centroids).toHaveLength(4);
    // The printed cluster sizes are the label counts.
    const sizes = [0, 1, 2, 3].map((j) => rec.result.labels.filter((l) => l === j).length);
    for (const [j, size] of sizes.entries()) expect(text).toMatch(new RegExp(`^${j} +${size} `, 'm'));
  });

  it('--kernel picks how passes run, never the answer (same labels and inertia for every kernel)', async () => {
    expect(kernelFlag(parseArgs([]))).toBe('auto');
    expect(() => kernelFlag(parseArgs(['--kernel', 'fast']))).toThrow(/--kernel must be one of auto, js, wasm, wasm-dot, wasm-hamerly/);
    const answers = [];
    for (const kernel of ['js', 'wasm-hamerly', 'wasm-dot']) {
      const json = join(dir, `run-${kernel}.json`);
      expect(await kmeansCommand.run(parseArgs([SAMPLE, '--k', '5', '--workers', '2', '--seed', '4', '--kernel', kernel, '--json', json, '--quiet']))).toBe(0);
      const rec = loadJsonReport(readFileSync(json, 'utf8'));
      if (rec.kind !== 'run' || rec.result.algorithm !== 'kmeans') throw new Error('expected a k-means run');
      answers.push({ labels: rec.result.labels, inertia: rec.result.inertia, centroids: rec.result.centroids });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('cuts long centroid tables with a note', () => {
    const k = 60;
    const text = formatResult(
      {
        algorithm: 'kmeans',
        params: { k, init: 'random', nInit: 1, seed: 0, changedFraction: 0.01, tolerance: 0, maxIterations: 10, workers: 0 },
        labels: new Int32Array(k).map((_, i) => i),
        centroids: Array.from({ length: k }, (_, j) => [j]),
        inertia: 0,
        iterations: 1,
        stopReason: 'converged',
        history: [],
        workers: 0,
        timings: { totalMs: 1, initMs: 0, iterateMs: 1, perIterationMs: 1 },
        bestRestart: 0,
        warnings: [],
      },
      ['x'],
      'data.csv',
    );
    expect(text).toMatch(/… 10 more clusters \(see --json\)/);
    expect(text).toMatch(/workers: 0 \(serial driver\)/);
  });
});
