// The App shell: Electron menu actions and keyboard shortcuts reach the same actions; Save report
// goes through the native dialog in Electron and a Blob download in the browser; tabs switch.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/renderer/src/App.vue';
import { STORE_KEY, type Store } from '../../src/renderer/src/store/store.ts';
import { fakeApi, flush, summary, type FakeApi } from './fake-api.ts';
import { setup } from './mount.ts';

afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
  vi.restoreAllMocks();
});

const points = () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 });

function record(id: string) {
  return {
    schemaVersion: 1,
    id,
    kind: 'run',
    createdAt: '2025-01-01T00:00:00Z',
    title: 'k-means k=3 (serial) on blobs.csv',
    dataset: { name: 'blobs.csv', path: '/data/blobs.csv', hash: 'abc123', rows: 4, d: 2, features: ['x', 'y'], scaling: 'none' },
    machine: {},
    result: { algorithm: 'kmeans', params: { k: 3, changedFraction: 0.01, nInit: 1 }, clusterSizes: [2, 1, 1], centroids: [[0, 0], [1, 1], [2, 2]], inertia: 1, iterations: 2, stopReason: 'changed-fraction', history: [], workers: 0, timings: { totalMs: 1, initMs: 0, iterateMs: 1, perIterationMs: 0.5 }, bestRestart: 0 },
  };
}

async function mountApp(transport: 'web' | 'electron', extra: Parameters<typeof fakeApi>[0] = {}): Promise<{ api: FakeApi; store: Store; w: ReturnType<typeof mount> }> {
  const api = fakeApi(
    {
      'dataset:open': () => summary(),
      'dataset:points': points,
      'kmeans:run': (p) => record(`rec-${String(p.jobId)}`),
      'experiment:run': () => new Promise(() => undefined),
      'job:cancel': () => ({ cancelled: true }),
      ...extra,
    },
    transport,
  );
  const { store } = await setup(api);
  const w = mount(App, { global: { provide: { [STORE_KEY as symbol]: store }, stubs: { EChart: true } }, attachTo: document.body });
  await flush();
  return { api, store, w };
}

function press(key: string, mods: { ctrl?: boolean; shift?: boolean } = {}): KeyboardEvent {
  const ev = new KeyboardEvent('keydown', { key, ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, bubbles: true, cancelable: true });
  window.dispatchEvent(ev);
  return ev;
}

describe('App', () => {
  it('runs the Electron menu actions (run serial, compare, cancel)', async () => {
    const { api, store } = await mountApp('electron');
    await store.openPath('/data/blobs.csv');
    api.emit({ type: 'menu', action: 'run-serial' });
    await flush();
    expect(api.callsTo('kmeans:run')).toHaveLength(1);
    expect((api.callsTo('kmeans:run')[0].params as { workers: number }).workers).toBe(0);

    api.emit({ type: 'menu', action: 'compare' });
    await flush();
    expect(api.callsTo('experiment:run')).toHaveLength(1);
    api.emit({ type: 'menu', action: 'cancel' });
    await flush();
    expect(api.callsTo('job:cancel')).toEqual([{ jobId: api.callsTo('experiment:run')[0].jobId }]);
  });

  it('maps Ctrl+R, Ctrl+Shift+R, Ctrl+E and Escape, keeping the browser from reloading', async () => {
    const { api, store } = await mountApp('web');
    await store.openPath('/data/blobs.csv');
    const reload = press('r', { ctrl: true });
    expect(reload.defaultPrevented).toBe(true);
    await flush();
    press('R', { ctrl: true, shift: true });
    await flush();
    const runs = api.callsTo('kmeans:run').map((c) => (c.params as { workers: unknown }).workers);
    expect(runs).toEqual(['auto', 0]);
    press('e', { ctrl: true });
    await flush();
    expect(api.callsTo('experiment:run')).toHaveLength(1);
    press('Escape');
    await flush();
    expect(api.callsTo('job:cancel')).toHaveLength(1);
  });

  it('in Electron leaves the keys to the menu (no double runs) and saves through the native dialog', async () => {
    const { api, store } = await mountApp('electron', { 'dialog:saveReport': () => ({ path: '/home/me/report.html' }) });
    await store.openPath('/data/blobs.csv');
    press('r', { ctrl: true }); // the menu accelerator sends 'run-parallel'; the page ignores the key
    await flush();
    expect(api.callsTo('kmeans:run')).toEqual([]);
    await store.runSerial();
    api.emit({ type: 'menu', action: 'save-report' }); // File › Save Report… (Ctrl+S)
    await flush();
    expect(api.callsTo('dialog:saveReport')).toEqual([{ recordId: store.state.run?.id, format: 'html' }]);
    expect(api.callsTo('report:render')).toEqual([]);
    expect(store.state.notice?.text).toBe('Report saved to /home/me/report.html');
  });

  it('downloads the report as a Blob in the browser, in the chosen format', async () => {
    const { api, store, w } = await mountApp('web', { 'report:render': (p) => ({ fileName: `r.${String(p.format)}`, mime: 'application/json', text: '{"a":1}' }) });
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:fake';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    await store.openPath('/data/blobs.csv');
    expect(w.get('[data-testid="save-report"]').attributes('disabled')).toBeDefined();
    await store.runSerial();
    await flush();
    await w.get('[data-testid="report-format"]').setValue('json');
    await w.get('[data-testid="save-report"]').trigger('click');
    await flush();
    expect(api.callsTo('report:render')).toEqual([{ recordId: store.state.run?.id, format: 'json' }]);
    expect(clicks).toEqual(['r.json']);
    expect(await created[0].text()).toBe('{"a":1}');
  });

  it('switches tabs and never shows a blank main area', async () => {
    const { w } = await mountApp('web');
    for (const tab of ['clusters', 'profiles', 'convergence', 'scaling', 'ekm', 'history', 'data']) {
      await w.get(`[data-testid="tab-button-${tab}"]`).trigger('click');
      expect(w.get(`[data-testid="tab-button-${tab}"]`).attributes('aria-selected')).toBe('true');
      expect(w.find('[data-testid="empty-state"]').exists()).toBe(true);
    }
  });
});
