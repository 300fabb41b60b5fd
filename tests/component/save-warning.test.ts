// A run whose history write failed comes back with `saveWarning`: the App shows it as a visible
// notice (not only in the record), for single runs and experiments.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/renderer/src/App.vue';
import { STORE_KEY } from '../../src/renderer/src/store/store.ts';
import { fakeApi, flush, summary } from './fake-api.ts';
import { setup } from './mount.ts';

afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
});

const WARNING = 'Not saved to history: ENOSPC: no space left on device. The result is shown but will be gone after a restart.';
const points = () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 });

function run(id: string, saveWarning?: string) {
  return {
    schemaVersion: 1,
    id,
    kind: 'run',
    createdAt: '2025-01-01T00:00:00Z',
    title: 'k-means k=3 (serial) on blobs.csv',
    dataset: { name: 'blobs.csv', path: '/data/blobs.csv', hash: 'abc123', rows: 4, d: 2, features: ['x', 'y'], scaling: 'none' },
    machine: {},
    result: { algorithm: 'kmeans', params: { k: 3, changedFraction: 0.01, nInit: 1 }, labels: [0, 1, 2, 0], centroids: [[0, 0], [1, 1], [2, 2]], inertia: 1, iterations: 2, stopReason: 'changed-fraction', history: [], workers: 0, timings: { totalMs: 1, initMs: 0, iterateMs: 1, perIterationMs: 0.5 }, bestRestart: 0 },
    ...(saveWarning ? { saveWarning } : {}),
  };
}

async function mountWith(record: (id: string) => unknown) {
  const api = fakeApi({ 'dataset:open': () => summary(), 'dataset:points': points, 'kmeans:run': (p) => record(`rec-${String(p.jobId)}`) });
  const { store } = await setup(api);
  const w = mount(App, { global: { provide: { [STORE_KEY as symbol]: store }, stubs: { EChart: true } }, attachTo: document.body });
  await flush();
  await store.openPath('/data/blobs.csv');
  await flush();
  return { store, w };
}

describe('saveWarning', () => {
  it('shows a visible error notice when the run was not saved to history, and still shows the run', async () => {
    const { store, w } = await mountWith((id) => run(id, WARNING));
    await store.runSerial();
    await flush();
    const notice = w.get('[data-testid="notice"]');
    expect(notice.text()).toContain('Not saved to history');
    expect(notice.classes()).toContain('error');
    expect(notice.attributes('role')).toBe('status');
    expect(store.state.run?.result.algorithm).toBe('kmeans');
    expect(store.state.job?.status).toBe('done');
  });

  it('shows no notice when the run was saved', async () => {
    const { store, w } = await mountWith((id) => run(id));
    await store.runSerial();
    await flush();
    expect(w.find('[data-testid="notice"]').exists()).toBe(false);
  });
});
