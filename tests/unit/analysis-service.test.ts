// The analysis channels through the dispatcher: class columns, scoring a run, the k sweep.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, RequestOutputs } from '../../src/shared/contract/index.ts';
import { createDispatch } from '../../src/main/services/dispatch.ts';
import { Workbench } from '../../src/main/services/workbench.ts';
import { contractCaller, type ContractCall } from './support/contract-call.ts';
import { externalScores } from '../../src/main/engine/metrics/index.ts';

const resources = join(import.meta.dirname, '..', '..', 'resources');

describe('analysis over the contract', () => {
  let dir: string;
  let wb: Workbench;
  let call: ContractCall;

  beforeAll(async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'cb-analysis-'));
    wb = new Workbench({ samplesDir: resources, historyDir: join(dir, 'history'), transport: 'direct', poolSize: 2 });
    call = contractCaller(wb);
  });
  afterAll(async () => {
    await wb.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('suggests species, scores a k-means run against it, and saves the scores with the record', async () => {
    const iris = await call('dataset:open', { jobId: 'l', path: join(resources, 'iris.csv') });
    const cols = await call('analysis:classColumns', { datasetId: iris.id });
    expect(cols.suggestions[0].column).toBe('species');
    expect(cols.columns).toEqual(['species']);
    expect(cols.unavailable).toBeNull();
    const run = await call('kmeans:run', { jobId: 'r', datasetId: iris.id, params: { k: 3, seed: 2, workers: 2 } });
    const scored = await call('analysis:run', { jobId: 'a', recordId: run.id, datasetId: iris.id, classColumn: 'species' });
    expect(scored.id).toBe(run.id);
    expect(scored.quality!.silhouette.exact).toBe(true);
    expect(scored.validation!.confusion.classes).toEqual(['setosa', 'versicolor', 'virginica']);
    // the kept record (history on disk) carries the same numbers, and ARI is that of its labels
    const saved = JSON.parse(await readFile(join(dir, 'history', `${run.id}.json`), 'utf8'));
    expect(saved.validation.ari).toBe(scored.validation!.ari);
    const species = (await readFile(join(resources, 'iris.csv'), 'utf8')).trim().split('\n').slice(1).map((l) => ['setosa', 'versicolor', 'virginica'].indexOf(l.split(',')[4]));
    expect(scored.validation!.ari).toBe(externalScores(species, saved.result.labels).ari);
    // a dataset with no path on the host (pasted text, a browser upload) is read from main's kept copy
    const text = await call('dataset:openText', { jobId: 't', name: 'x.csv', text: 'a,b,c\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n' });
    expect(text.path).toBe('');
    expect((await call('analysis:classColumns', { datasetId: text.id })).unavailable).toBeNull();
    const textRun = await call('kmeans:run', { jobId: 'rt', datasetId: text.id, params: { k: 2, seed: 1, workers: 1 } });
    const textScored = await call('analysis:run', { jobId: 'at', recordId: textRun.id, datasetId: text.id, classColumn: 'c', quality: false });
    expect(textScored.validation!.confusion.classes).toEqual(['x', 'y']);
    expect(textScored.validation!.n).toBe(4);
  });

  it('says why the class column cannot be read when no copy of a browser file was kept', async () => {
    const noCopies = new Workbench({ samplesDir: resources, historyDir: join(dir, 'history-nocopy'), transport: 'direct', poolSize: 1, inputCopyLimitBytes: 0 });
    try {
      const dispatch = createDispatch(noCopies.handlers());
      const ask = async <C extends keyof RequestOutputs>(channel: C, payload: unknown) => {
        const env = (await dispatch(channel, payload, { emit: () => {} })) as Envelope<RequestOutputs[C]>;
        if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
        return env.value;
      };
      const text = await ask('dataset:openText', { jobId: 't', name: 'x.csv', text: 'a,b,c\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n' });
      expect((await ask('analysis:classColumns', { datasetId: text.id })).unavailable).toMatch(/has no file on this host.*no copy of it was kept/);
      const run = await ask('kmeans:run', { jobId: 'r', datasetId: text.id, params: { k: 2, workers: 1 } });
      await expect(ask('analysis:run', { jobId: 'a', recordId: run.id, datasetId: text.id, classColumn: 'c' })).rejects.toThrow(/unsupported: .*no copy of it was kept/);
    } finally {
      await noCopies.dispose();
    }
  });

  it('refuses to score a run on other data', async () => {
    const blobs = await call('dataset:open', { jobId: 'l2', path: join(resources, 'blobs-400.csv') });
    const iris = (await call('dataset:list', {})).find((s) => s.name === 'iris.csv')!;
    const run = await call('kmeans:run', { jobId: 'r2', datasetId: blobs.id, params: { k: 3, workers: 1 } });
    await expect(call('analysis:run', { jobId: 'a2', recordId: run.id, datasetId: iris.id })).rejects.toThrow(/computed on other data/);
  });

  it('runs a k sweep and returns its document', async () => {
    const blobs = (await call('dataset:list', {})).find((s) => s.name === 'blobs-400.csv')!;
    const doc = await call('sweep:run', { jobId: 's', datasetId: blobs.id, params: { kFrom: 2, kTo: 4, nInit: 2, workers: 2 } });
    expect(doc.kind).toBe('sweep');
    expect(doc.sweep.points.map((p) => p.k)).toEqual([2, 3, 4]);
    expect(doc.sweep.best.silhouette).toBe(3);
    await expect(call('sweep:run', { jobId: 's2', datasetId: blobs.id, params: { kFrom: 300, kTo: 400 } })).rejects.toThrow(/below the number of rows/);
    await expect(call('sweep:run', { jobId: 's3', datasetId: blobs.id, params: { kFrom: 2, kTo: 300 } })).rejects.toThrow(/at most 200 values of k/);
  });

  it('puts a sweep in the HTML report of a run on the same data, or reports it alone', async () => {
    const blobs = (await call('dataset:list', {})).find((s) => s.name === 'blobs-400.csv')!;
    const doc = await call('sweep:run', { jobId: 's4', datasetId: blobs.id, params: { kFrom: 2, kTo: 5, nInit: 2, workers: 2 } });
    expect(doc.id).toMatch(/^sweep-/);
    const run = await call('kmeans:run', { jobId: 'r4', datasetId: blobs.id, params: { k: 3, workers: 1 } });
    const both = await call('report:render', { recordId: run.id, sweepId: doc.id, format: 'html' });
    expect(both.fileName).toMatch(/^k-means_k_3/);
    expect(both.text).toContain('<section id="sweep"><h2>Choosing k: sweep 2–5 (k-means)</h2>');
    for (const name of ['sweep-silhouette', 'sweep-elbow', 'sweep-davies-bouldin', 'sweep-calinski-harabasz']) expect(both.text).toContain(`data-chart="${name}"><svg`);
    expect(both.text).toMatch(/fits best with k = 3/);
    expect(both.text.indexOf('id="sweep"')).toBeGreaterThan(both.text.indexOf('id="summary"')); // the run's answer first
    const plain = await call('report:render', { recordId: run.id, format: 'html' });
    expect(plain.text).not.toContain('id="sweep"');
    const alone = await call('report:render', { sweepId: doc.id, format: 'html' });
    expect(alone.fileName).toBe('k-sweep-2-5-blobs-400.csv.html');
    expect(alone.text).toMatch(/<title>k sweep 2–5 on blobs-400\.csv/);
    expect(JSON.parse((await call('report:render', { sweepId: doc.id, format: 'json' })).text).sweep.best.silhouette).toBe(3);
    await expect(call('report:render', { sweepId: doc.id, format: 'csv' })).rejects.toThrow(/A sweep has no per-row labels/);
    await expect(call('report:render', { recordId: run.id, sweepId: doc.id, format: 'json' })).rejects.toThrow(/HTML report only/);
    const iris = (await call('dataset:list', {})).find((s) => s.name === 'iris.csv')!;
    const irisRun = await call('kmeans:run', { jobId: 'r5', datasetId: iris.id, params: { k: 3, workers: 1 } });
    await expect(call('report:render', { recordId: irisRun.id, sweepId: doc.id, format: 'html' })).rejects.toThrow(/The sweep was run on blobs-400\.csv .* the record on iris\.csv/);
    await expect(call('report:render', { sweepId: 'sweep-20260101T000000Z-0123abcd', format: 'html' })).rejects.toThrow(/^not-found: No sweep "sweep-20260101T000000Z-0123abcd" in history/);
    await expect(call('report:render', { format: 'html' })).rejects.toThrow(/name the record \(recordId\) or the sweep \(sweepId\)/);
  });
});
