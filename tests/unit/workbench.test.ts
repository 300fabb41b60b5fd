// The Workbench through the transport-free dispatcher: what every host (Electron IPC, web host)
// does, minus the transport. Real engine, real files, temp history folder.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkbenchEvent } from '../../src/shared/contract/index.ts';
import type { RunRecord } from '../../src/shared/types.ts';
import { Workbench } from '../../src/main/services/workbench.ts';
import { contractCaller, type ContractCall } from './support/contract-call.ts';

const resources = join(import.meta.dirname, '..', '..', 'resources');

describe('Workbench over the contract', () => {
  let dir: string;
  let wb: Workbench;
  let call: ContractCall;
  const events: WorkbenchEvent[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'cb-wb-'));
    wb = new Workbench({ samplesDir: resources, historyDir: join(dir, 'history'), transport: 'direct', poolSize: 2 });
    call = contractCaller(wb, (e) => events.push(e));
  });
  afterAll(async () => {
    await wb.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens a sample with load progress, runs k-means and keeps the run in history', async () => {
    const info = await call('app:info', {});
    const pkg = JSON.parse(await readFile(join(resources, '..', 'package.json'), 'utf8')) as { version: string };
    expect(info.machine.appVersion).toBe(pkg.version);
    expect(info.machine.logicalCores).toBeGreaterThan(0);
    const blobs = info.samples.find((s) => s.name === 'blobs-10k.csv');
    expect(blobs).toBeDefined();
    const summary = await call('dataset:open', { jobId: 'load-1', path: blobs!.path });
    expect(summary.rows).toBe(10_000);
    expect(summary.features).toEqual(['x', 'y']);
    expect(events.some((e) => e.type === 'progress' && e.progress.jobId === 'load-1')).toBe(true);

    const rec = await call('kmeans:run', { jobId: 'km-1', datasetId: summary.id, params: { k: 6, workers: 2, seed: 5 } });
    expect(rec.kind).toBe('run');
    // The reply carries cluster sizes, not 10,000 labels; the full record (labels) is in history.
    expect('labels' in rec.result).toBe(false);
    const stored = JSON.parse((await call('report:render', { recordId: rec.id, format: 'json' })).text) as RunRecord;
    expect(stored.result.labels).toHaveLength(10_000);
    expect(rec.result.clusterSizes).toEqual([0, 1, 2, 3, 4, 5].map((c) => stored.result.labels.filter((l) => l === c).length));
    expect(JSON.stringify(rec).length).toBeLessThan(JSON.stringify(stored).length / 5);
    const fractions = events
      .filter((e) => e.type === 'progress' && e.progress.jobId === 'km-1')
      .map((e) => (e.type === 'progress' ? e.progress.fraction : null))
      .filter((f): f is number => f !== null);
    expect(fractions.length).toBeGreaterThan(1);
    // k-means++ (the default start) names its phase before the first iteration is reported (#14).
    const phases = events.flatMap((e) => (e.type === 'progress' && e.progress.jobId === 'km-1' ? [e.progress.phase] : []));
    expect(phases.indexOf('seeding')).toBeGreaterThanOrEqual(0);
    expect(phases.indexOf('seeding')).toBeLessThan(phases.lastIndexOf('kmeans'));
    expect(Math.min(...fractions)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...fractions)).toBeLessThanOrEqual(1);

    const list = await call('history:list', {});
    expect(list.entries.map((e) => e.id)).toContain(rec.id);

    // The scatter: k centroids, one label per shown point, axis names from the features.
    const pts = await call('dataset:points', { datasetId: summary.id, x: 'x', y: 'y', maxPoints: 1000, recordId: rec.id });
    expect(pts.x).toHaveLength(1000);
    expect(pts.labels).toHaveLength(1000);
    expect(pts.centers).toHaveLength(6);
    expect(pts.centerKind).toBe('centroid');
    expect(pts.total).toBe(10_000);
  });

  it('labels PCA axes with their share of variance for d > 2', async () => {
    const iris = await call('dataset:open', { jobId: 'load-iris', path: join(resources, 'iris.csv') });
    const pts = await call('dataset:points', { datasetId: iris.id, x: 'pca', y: 'pca', maxPoints: 500 });
    expect(pts.x).toHaveLength(150);
    expect(pts.xName).toMatch(/^PC1 \(\d+\.\d% of variance\)$/);
  });

  it('runs exact EKM with the PAM baseline and renders all three report formats', async () => {
    const small = await call('dataset:open', { jobId: 'load-400', path: join(resources, 'blobs-400.csv') });
    const est = await call('ekm:estimate', { datasetId: small.id, params: { k: 2 } });
    expect(est.combinations).toBe((400 * 399) / 2);
    const rec = await call('ekm:run', { jobId: 'ekm-1', datasetId: small.id, params: { k: 2, variant: 'fused', workers: 2 } });
    expect(rec.result.clusterSizes.reduce((a, b) => a + b, 0)).toBe(400);
    expect(rec.heuristic?.clusterSizes.reduce((a, b) => a + b, 0)).toBe(400);
    expect(rec.result.algorithm).toBe('ekm');
    expect(rec.heuristic?.algorithm).toBe('pam');
    if (rec.result.algorithm !== 'kmeans' && rec.heuristic) expect(rec.result.cost).toBeLessThanOrEqual(rec.heuristic.cost * (1 + 1e-12));

    const html = await call('report:render', { recordId: rec.id, format: 'html' });
    expect(html.text).toContain('<svg');
    const json = await call('report:render', { recordId: rec.id, format: 'json' });
    expect(JSON.parse(json.text)).toMatchObject({ schemaVersion: 1, id: rec.id });
    const csv = await call('report:render', { recordId: rec.id, format: 'csv' });
    expect(csv.text.trim().split('\n')).toHaveLength(401);

    const out = join(dir, 'saved.html');
    // saveReport is main's, behind the native save dialog (no channel reaches it).
    await wb.saveReport(await wb.record(rec.id), 'html', out);
    expect(await readFile(out, 'utf8')).toContain('<svg');
    // The input CSV is never overwritten.
    await expect(wb.saveReport(await wb.record(rec.id), 'html', join(resources, 'blobs-400.csv'))).rejects.toThrow(/input data file/);
  });

  it('cancels a running job by id', async () => {
    const blobs = (await call('dataset:list', {})).find((s) => s.name === 'blobs-10k.csv')!;
    const run = call('kmeans:run', { jobId: 'km-long', datasetId: blobs.id, params: { k: 40, nInit: 200, changedFraction: 0, tolerance: 0, maxIterations: 300, workers: 2 } });
    await new Promise((r) => setTimeout(r, 200));
    expect(await call('job:cancel', { jobId: 'km-long' })).toEqual({ cancelled: true });
    await expect(run).rejects.toThrow(/^cancelled:/);
    expect(await call('job:cancel', { jobId: 'km-long' })).toEqual({ cancelled: false });
  });

  it('explains bad requests: unknown dataset, k larger than N', async () => {
    await expect(call('kmeans:run', { jobId: 'x1', datasetId: 'nope', params: { k: 2 } })).rejects.toThrow(/nope/);
    const small = (await call('dataset:list', {})).find((s) => s.name === 'blobs-400.csv')!;
    await expect(call('kmeans:run', { jobId: 'x2', datasetId: small.id, params: { k: 401 } })).rejects.toThrow(/larger than the number of rows/);
  });
});
