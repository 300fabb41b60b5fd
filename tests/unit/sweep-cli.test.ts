// `clusterbench sweep`: the table with best k marked, --json and the HTML report.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/main/cli/args.ts';
import { commands } from '../../src/main/cli/commands.ts';
import { parseKRange } from '../../src/main/cli/sweep-run.ts';
import type { SweepDocument } from '../../src/shared/analysis.ts';

const BLOBS = resolve(import.meta.dirname, '../../resources/blobs-400.csv');
const dir = mkdtempSync(join(tmpdir(), 'sweep-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sweep command', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  it('parses k ranges and refuses others', () => {
    expect(parseKRange('2..10')).toEqual({ kFrom: 2, kTo: 10 });
    expect(parseKRange('3-5')).toEqual({ kFrom: 3, kTo: 5 });
    expect(() => parseKRange(undefined)).toThrow(/--k A\.\.B is required/);
    expect(() => parseKRange('2,3')).toThrow(/range like 2\.\.10/);
  });

  it('prints the table with the best k marked and writes JSON and HTML', async () => {
    const json = join(dir, 'sweep.json');
    const html = join(dir, 'sweep.html');
    const code = await commands.sweep.run(parseArgs([BLOBS, '--k', '2..5', '--workers', '2', '--n-init', '2', '--json', json, '--report', html, '--quiet']));
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/k sweep on blobs-400\.csv: 400 rows × 2 features, k-means \(2 restarts, seed 0\), k = 2\.\.5 on 2 workers/);
    expect(text).toMatch(/best k: silhouette 3, Davies–Bouldin 3, Calinski–Harabasz 3; elbow of the cost curve 3/);
    // the k = 3 row carries all four stars
    expect(text).toMatch(/^3 +[\d.]+ \* +[\d.]+ \* +[\d.]+ \* +[\d.]+ \*/m);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as SweepDocument;
    expect(doc.kind).toBe('sweep');
    expect(doc.sweep.points.map((p) => p.k)).toEqual([2, 3, 4, 5]);
    expect(doc.dataset.name).toBe('blobs-400.csv');
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/fits best with k = 3: the silhouette, Davies–Bouldin and Calinski–Harabasz scores all pick it, and the cost curve bends there too/);
    for (const name of ['sweep-silhouette', 'sweep-elbow', 'sweep-davies-bouldin', 'sweep-calinski-harabasz']) expect(page).toContain(`data-chart="${name}"><svg`);
    expect(page).not.toContain(resolve(BLOBS)); // no local path unless asked
    expect(page).not.toMatch(/<script/i);
  });

  it('refuses an unknown algorithm, and a budget without EKM', async () => {
    await expect(commands.sweep.run(parseArgs([BLOBS, '--k', '2..3', '--algo', 'dbscan', '--quiet']))).rejects.toThrow(/--algo must be kmeans, pam or ekm/);
    await expect(commands.sweep.run(parseArgs([BLOBS, '--k', '2..3', '--ekm-budget', '5', '--quiet']))).rejects.toThrow(/--ekm-budget applies to --algo ekm only/);
  });

  it('--algo ekm runs the k within the budget and lists the others as not run, in the table, JSON and HTML', async () => {
    const json = join(dir, 'ekm.json');
    const html = join(dir, 'ekm.html');
    // k = 2: C(400, 2) ≈ 8e4 medoid sets, well within 20 s; k = 4: C(400, 4) ≈ 1e9 sets of 400 terms, far above
    const code = await commands.sweep.run(parseArgs([BLOBS, '--k', '2..4', '--algo', 'ekm', '--ekm-budget', '20', '--workers', '2', '--json', json, '--report', html, '--quiet']));
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/exact K-medoids \(EKM fused, euclidean, budget 20 s per k\)/);
    expect(text).toMatch(/^k = 4 not run: estimated at ~[\d.]+ s unpruned on one worker \(1\.05e\+9 medoid sets\), above the budget of 20\.0 s per k$/m);
    expect(text).toMatch(/^2 +[\d.]+/m);
    const doc = JSON.parse(readFileSync(json, 'utf8')) as SweepDocument;
    expect(doc.sweep.params).toMatchObject({ algorithm: 'ekm', ekmBudgetS: 20 });
    expect(doc.sweep.skipped!.map((s) => s.k)).toContain(4);
    expect(doc.sweep.points.map((p) => p.k)).toContain(2);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('k = 4 was not run: estimated at ~');
    expect(page).toMatch(/<th scope="row">4<\/th><td><em>not run<\/em>/);
  });
});
