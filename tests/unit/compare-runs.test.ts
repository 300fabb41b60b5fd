// Comparing two runs (History → Compare): the agreement of two labelings against the independent
// pair-counting and entropy oracles, the one-to-one matching against brute force, and the
// runs:compare channel end to end (two k-means runs with different k; runs on other data refused).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelingAgreement } from '../../src/main/engine/metrics/index.ts';
import { createRng, randInt } from '../../src/main/engine/random.ts';
import { Workbench } from '../../src/main/services/workbench.ts';
import { contractCaller, type ContractCall } from './support/contract-call.ts';
import { ariByPairs, reference } from './metrics-oracle.ts';

/** Most rows any one-to-one pairing of A's clusters with B's keeps together, by trying every pairing. */
function bestMatchBruteForce(a: number[], b: number[]): number {
  const ca = [...new Set(a)];
  const cb = [...new Set(b)];
  const count = (x: number, y: number) => a.filter((v, i) => v === x && b[i] === y).length;
  let best = 0;
  const walk = (i: number, used: Set<number>, sum: number) => {
    if (i === ca.length) return void (best = Math.max(best, sum));
    walk(i + 1, used, sum); // A's cluster i left unmatched
    for (const y of cb) {
      if (used.has(y)) continue;
      used.add(y);
      walk(i + 1, used, sum + count(ca[i], y));
      used.delete(y);
    }
  };
  walk(0, new Set(), 0);
  return best;
}

describe('agreement of two labelings', () => {
  it('equals the pair-counting ARI, the entropy NMI and the brute-force matching on random labelings', () => {
    const rng = createRng(21);
    for (let trial = 0; trial < 40; trial++) {
      const n = 2 + randInt(rng, 50);
      const a = Array.from({ length: n }, () => randInt(rng, 1 + randInt(rng, 5)));
      // half the trials: B is a relabelled, partly moved copy of A
      const b = trial % 2 ? a.map((x) => (rng() < 0.25 ? randInt(rng, 4) : 7 - x)) : Array.from({ length: n }, () => randInt(rng, 1 + randInt(rng, 5)));
      const got = labelingAgreement(a, b);
      expect(got.n).toBe(n);
      expect(got.ari).toBeCloseTo(ariByPairs(a, b), 12);
      const ref = reference(a, b);
      const bothOne = new Set(a).size === 1 && new Set(b).size === 1;
      expect(got.nmi).toBeCloseTo(bothOne ? 1 : ref.mi < 1e-15 ? 0 : ref.nmi, 12);
      expect(got.matched).toBe(bestMatchBruteForce(a, b));
      expect(got.moved).toBe(n - got.matched);
      expect(got.table.counts.flat().reduce((s, x) => s + x, 0)).toBe(n);
      // symmetric: B against A agrees as much
      expect(labelingAgreement(b, a).ari).toBeCloseTo(got.ari, 12);
      expect(labelingAgreement(b, a).matched).toBe(got.matched);
    }
  });

  it('is 1 for the same partition under other cluster numbers, and refuses different lengths', () => {
    const a = [0, 0, 1, 1, 2, 2];
    const same = labelingAgreement(a, [5, 5, 3, 3, 9, 9]);
    expect(same).toMatchObject({ ari: 1, nmi: 1, matched: 6, moved: 0 });
    expect(same.table).toEqual({ clustersA: [0, 1, 2], clustersB: [3, 5, 9], counts: [[0, 2, 0], [2, 0, 0], [0, 0, 2]], aOfB: [1, 0, 2] });
    expect(() => labelingAgreement([0, 1], [0])).toThrow(/differ in length/);
  });
});

describe('runs:compare over the contract', () => {
  const resources = join(import.meta.dirname, '..', '..', 'resources');
  let dir: string;
  let wb: Workbench;
  let call: ContractCall;

  beforeAll(async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'cb-compare-'));
    wb = new Workbench({ samplesDir: resources, historyDir: join(dir, 'history'), transport: 'direct', poolSize: 2 });
    call = contractCaller(wb);
  });
  afterAll(async () => {
    await wb.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('compares k-means k = 3 and k = 4 on iris: the ARI of their labels from history, parameters by name', async () => {
    const iris = await call('dataset:open', { jobId: 'l', path: join(resources, 'iris.csv') });
    const r3 = await call('kmeans:run', { jobId: 'a', datasetId: iris.id, params: { k: 3, seed: 1, workers: 1 } });
    const r4 = await call('kmeans:run', { jobId: 'b', datasetId: iris.id, params: { k: 4, seed: 1, workers: 2, nInit: 2 } });
    const cmp = await call('runs:compare', { recordA: r3.id, recordB: r4.id });
    const [la, lb] = await Promise.all([wb.history.load(r3.id), wb.history.load(r4.id)]);
    if (la.kind !== 'run' || lb.kind !== 'run') throw new Error('expected runs');
    expect(cmp.agreement.ari).toBeCloseTo(ariByPairs(la.result.labels, lb.result.labels), 12);
    expect(cmp.agreement.ari).toBeGreaterThan(0.3);
    expect(cmp.agreement.ari).toBeLessThan(1);
    expect(cmp.agreement.n).toBe(150);
    expect(cmp.a).toMatchObject({ id: r3.id, algorithm: 'kmeans', k: 3, costName: 'inertia', cost: r3.result.algorithm === 'kmeans' ? r3.result.inertia : NaN });
    expect(cmp.b.k).toBe(4);
    expect(cmp.agreement.table.clustersA).toHaveLength(3);
    expect(cmp.agreement.table.clustersB).toHaveLength(4);
    const byName = new Map(cmp.parameters.map((p) => [p.name, p]));
    expect(byName.get('Clusters (k)')).toEqual({ name: 'Clusters (k)', a: '3', b: '4', differs: true });
    expect(byName.get('Restarts (best one kept)')).toMatchObject({ a: '1', b: '2', differs: true });
    expect(byName.get('Algorithm')).toMatchObject({ a: 'k-means (Lloyd)', differs: false });
    expect([...byName.keys()]).not.toContain('nInit');
  });

  it('refuses runs on different data and experiments, with the reason', async () => {
    const iris = (await call('dataset:list', {})).find((s) => s.name === 'iris.csv')!;
    const blobs = await call('dataset:open', { jobId: 'l2', path: join(resources, 'blobs-400.csv') });
    const a = await call('kmeans:run', { jobId: 'c', datasetId: iris.id, params: { k: 3, workers: 1 } });
    const b = await call('pam:run', { jobId: 'd', datasetId: blobs.id, k: 3 });
    const b2 = await call('pam:run', { jobId: 'd2', datasetId: blobs.id, k: 4, distance: 'manhattan' });
    const pams = await call('runs:compare', { recordA: b.id, recordB: b2.id });
    expect(pams.parameters.map((p) => p.name)).not.toContain('EKM variant'); // PAM has no variant
    expect(pams.parameters.find((p) => p.name === 'Distance')).toMatchObject({ a: 'squared Euclidean', b: 'Manhattan', differs: true });
    expect(pams.a.costName).toBe('sum of squared distances to the medoid');
    await expect(call('runs:compare', { recordA: a.id, recordB: b.id })).rejects.toThrow(/^different-data: These runs are on different data: A on iris\.csv \(SHA-256 [0-9a-f]{12}…\), B on blobs-400\.csv/);
    // same file, other rows kept: refused too
    const fewer = await call('dataset:openText', { jobId: 't1', name: 'x.csv', text: 'a,b\n1,2\n3,4\n5,\n7,8\n' });
    const more = await call('dataset:openText', { jobId: 't2', name: 'x.csv', text: 'a,b\n1,2\n3,4\n5,\n7,8\n', options: { missing: 'mean-impute' } });
    const ra = await call('kmeans:run', { jobId: 'e', datasetId: fewer.id, params: { k: 2, workers: 1 } });
    const rb = await call('kmeans:run', { jobId: 'f', datasetId: more.id, params: { k: 2, workers: 1 } });
    await expect(call('runs:compare', { recordA: ra.id, recordB: rb.id })).rejects.toThrow(/^different-data: These runs are on the same file \(x\.csv\) but on different rows: A kept 3 rows, B 4/);
    const exp = await call('experiment:run', { jobId: 'x', datasetId: iris.id, spec: { algorithm: 'kmeans', kmeans: { k: 2 }, workers: [1], repeats: 1, warmup: false } });
    await expect(call('runs:compare', { recordA: a.id, recordB: exp.id })).rejects.toThrow(/^not-a-run: Run B .* is a scaling experiment/);
  });
});
