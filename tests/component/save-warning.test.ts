// A run whose history write failed comes back with `saveWarning`: the App shows it as a visible
// notice (not only in the record), for single runs and experiments.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src/renderer/src/App.vue';
import { STORE_KEY } from '../../src/renderer/src/store/store.ts';
import { fakeApi, flush, summary } from './fake-api.ts';
import { setup } from './mount.ts';
import { recordView } from '../../src/main/services/records.ts';
import { kmeansFixture } from '../unit/report-fixtures.ts';

afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
});

const WARNING = 'Not saved to history: ENOSPC: no space left on device. The result is shown but will be gone after a restart.';
const points = () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 });

/** A real-shaped k-means record (the report fixtures'), with this id and maybe a save warning. */
function run(id: string, saveWarning?: string) {
  return { ...recordView(kmeansFixture().record), id, ...(saveWarning ? { saveWarning } : {}) };
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
