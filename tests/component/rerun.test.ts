// "Re-run with these settings" for every kind of record: the side panel's algorithm and every
// parameter, the experiment grid, and the class column come back from the record.
import { afterEach, describe, expect, it } from 'vitest';
import type { ExperimentRecord, RecordView, RunRecordView } from '../../src/shared/types.ts';
import { recordView } from '../../src/main/services/records.ts';
import { ekmFixture, experimentFixture, kmeansFixture } from '../unit/report-fixtures.ts';
import { fakeApi, summary } from './fake-api.ts';
import { setup } from './mount.ts';

afterEach(() => {
  delete window.clusterbench;
});

const points = () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 });
const ON_DATA = { name: 'blobs.csv', path: '/data/blobs.csv', hash: 'abc123', rows: 4, d: 2, features: ['x', 'y'], scaling: 'none' as const };

async function storeWith(rec: RecordView) {
  const api = fakeApi({
    'dataset:open': () => summary(),
    'dataset:points': points,
    'dataset:list': () => [summary()],
    'history:load': () => rec,
    'analysis:classColumns': () => ({ suggestions: [], columns: ['label'], unavailable: null }),
  });
  const { store } = await setup(api);
  await store.openPath('/data/blobs.csv');
  Object.assign(store.state.params, { algorithm: 'ekm', k: 7, seed: 5, nInit: 1, workers: 3, distance: 'euclidean', gridWorkers: '1', repeats: 9 });
  await store.rerunSettings(rec.id);
  return store;
}

describe('rerunSettings', () => {
  it('k-means: every parameter, the class column; a serial run keeps the panel workers and says so', async () => {
    const base = recordView(kmeansFixture().record) as RunRecordView;
    if (base.result.algorithm !== 'kmeans') throw new Error('fixture');
    const rec: RunRecordView = {
      ...base,
      dataset: ON_DATA,
      result: { ...base.result, params: { ...base.result.params, k: 4, init: 'random', nInit: 6, seed: 42, changedFraction: 0.05, tolerance: 0, maxIterations: 77, workers: 0 } },
      validation: { classColumn: 'label' } as RunRecordView['validation'],
    };
    const store = await storeWith(rec);
    expect(store.state.params).toMatchObject({ algorithm: 'kmeans', k: 4, init: 'random', nInit: 6, seed: 42, changedFraction: 0.05, tolerance: 0, maxIterations: 77, workers: 3 });
    expect(store.state.classColumn).toBe('label');
    expect(store.state.notice?.text).toMatch(/known classes: label; it ran serially: press the serial Run button\./);
  });

  it('PAM: algorithm, k and distance', async () => {
    const { record } = ekmFixture();
    const pam = recordView({ ...record, dataset: ON_DATA, heuristic: undefined, result: { ...record.heuristic!, params: { ...record.heuristic!.params, k: 2, distance: 'manhattan' } } }) as RunRecordView;
    const store = await storeWith(pam);
    expect(store.state.params).toMatchObject({ algorithm: 'pam', k: 2, distance: 'manhattan' });
  });

  it('EKM: variant, distance, workers and whether PAM ran beside it', async () => {
    const { record } = ekmFixture();
    const ekm = recordView({ ...record, dataset: ON_DATA }) as RunRecordView;
    const store = await storeWith(ekm);
    expect(store.state.params).toMatchObject({ algorithm: 'ekm', k: 3, variant: 'tree', distance: 'sqeuclidean', workers: 2, withPam: true });
  });

  it('a scaling experiment: the algorithm parameters and the grid', async () => {
    const exp: ExperimentRecord = experimentFixture();
    exp.dataset = ON_DATA;
    exp.experiment.spec = { algorithm: 'kmeans', kmeans: { k: 5, nInit: 2, seed: 8 }, workers: [0, 1, 2], sizes: [100, 200], ks: [], repeats: 2, warmup: true, seed: 1, ceiling: true };
    const store = await storeWith(exp);
    expect(store.state.params).toMatchObject({ algorithm: 'kmeans', k: 5, nInit: 2, seed: 8, gridWorkers: '0,1,2', gridSizes: '100,200', repeats: 2, ceiling: true });
    expect(store.state.notice?.text).toMatch(/^Settings of the scaling experiment ".*" are in the side panel\.$/);
  });
});
