// Dataset panel: samples, opening by path / file / dialog, column report, feature picking and
// reload options, recent files, and the error panel for bad files.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import DatasetPanel from '../../src/renderer/src/components/DatasetPanel.vue';
import { fakeApi, flush, summary } from './fake-api.ts';
import { mountPanel, setup } from './mount.ts';

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
});

describe('DatasetPanel', () => {
  it('opens a sample with one click and shows the column report', async () => {
    const api = fakeApi({ 'dataset:open': () => summary(), 'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }) });
    const { store } = await setup(api);
    const w = await mountPanel(DatasetPanel, store);

    await w.get('[data-testid="sample-blobs-400.csv"]').trigger('click');
    await flush();
    const open = api.callsTo('dataset:open');
    expect(open).toHaveLength(1);
    expect(open[0].path).toBe('/res/blobs-400.csv');
    expect(open[0].jobId).toMatch(/^load-/);

    expect(w.get('[data-testid="dataset-meta"]').text()).toContain('4 rows × 2 features');
    const rows = w.findAll('[data-testid="column-row"]');
    const cells = rows.map((r) => r.findAll('td').slice(1).map((td) => td.text()));
    expect(cells).toEqual([
      ['x', 'numeric', '0', '-1.5 – 2.25'],
      ['y', 'numeric', '1', '0 – 10'],
      ['label', 'text', '0', '–'],
    ]);
    expect(rows[1].findAll('td')[3].classes()).toContain('warn'); // missing values stand out
    expect((w.get('[data-testid="feature-x"]').element as HTMLInputElement).checked).toBe(true);
    expect((w.get('[data-testid="feature-label"]').element as HTMLInputElement).disabled).toBe(true);
    expect(w.find('[data-testid="dataset-error"]').exists()).toBe(false);
    expect(store.state.recent).toEqual([]); // samples are always listed; recent is for the user's files
  });

  it('shows a clear error panel (message and code) for a bad file, and can dismiss it', async () => {
    const api = fakeApi({
      'dataset:open': () => {
        throw Object.assign(new Error('No numeric column to cluster. Columns: "name" (text).'), { code: 'no-numeric-column' });
      },
    });
    const { store } = await setup(api);
    const w = await mountPanel(DatasetPanel, store);
    await w.get('[data-testid="path-input"]').setValue('/data/names.csv');
    await w.get('form').trigger('submit');
    await flush();

    const panel = w.get('[data-testid="dataset-error"]');
    expect(panel.text()).toContain('Could not open names.csv');
    expect(panel.text()).toContain('No numeric column to cluster');
    expect(panel.text()).toContain('no-numeric-column');
    expect(panel.attributes('role')).toBe('alert');
    expect(store.state.job?.status).toBe('error');
    expect(store.state.recent).toEqual([]); // failures are not remembered

    await panel.get('button').trigger('click');
    expect(w.find('[data-testid="dataset-error"]').exists()).toBe(false);
  });

  it('reloads with the picked features, scaling and missing-value policy', async () => {
    let loads = 0;
    const api = fakeApi({ 'dataset:open': (p) => summary({ id: `ds-${++loads}`, ...(p.options as object) }), 'dataset:points': () => ({ xName: 'x', yName: 'x', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }), 'dataset:close': () => ({ closed: true }) });
    const { store } = await setup(api);
    const w = await mountPanel(DatasetPanel, store);
    await store.openPath('/data/blobs.csv');
    await flush();

    const reload = w.get('[data-testid="reload"]');
    expect(reload.attributes('disabled')).toBeDefined(); // nothing changed yet
    await w.get('[data-testid="feature-y"]').setValue(false);
    await w.get('[data-testid="scaling"]').setValue('zscore');
    await w.get('[data-testid="missing"]').setValue('mean-impute');
    expect(w.get('[data-testid="reload"]').attributes('disabled')).toBeUndefined();
    await w.get('[data-testid="reload"]').trigger('click');
    await flush();

    const opens = api.callsTo('dataset:open');
    expect(opens).toHaveLength(2);
    expect(opens[1].path).toBe('/data/blobs.csv');
    expect(opens[1].options).toEqual({ features: ['x'], scaling: 'zscore', missing: 'mean-impute' });
    // The replaced dataset is released on the host.
    expect(api.callsTo('dataset:close')).toEqual([{ datasetId: 'ds-1' }]);
  });

  it('refuses to reload with no feature picked', async () => {
    const api = fakeApi({ 'dataset:open': () => summary(), 'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }) });
    const { store } = await setup(api);
    const w = await mountPanel(DatasetPanel, store);
    await store.openPath('/data/blobs.csv');
    await flush();
    await w.get('[data-testid="feature-x"]').setValue(false);
    await w.get('[data-testid="feature-y"]').setValue(false);
    const reload = w.get('[data-testid="reload"]');
    expect(reload.text()).toBe('Pick at least one feature');
    expect(reload.attributes('disabled')).toBeDefined();
  });

  it('in a browser, sends a chosen file as text through dataset:openText', async () => {
    const api = fakeApi({ 'dataset:openText': (p) => summary({ name: String(p.name) }), 'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }) });
    const { store } = await setup(api);
    const w = await mountPanel(DatasetPanel, store);
    const file = new File(['x,y\n1,2\n3,4\n'], 'mine.csv', { type: 'text/csv' });
    await (w.vm as unknown as { openFile(f: File): Promise<void> }).openFile(file);
    await flush();
    expect(api.callsTo('dataset:openText')).toEqual([expect.objectContaining({ name: 'mine.csv', text: 'x,y\n1,2\n3,4\n', options: { skipIdColumns: true } })]);
    expect(api.callsTo('dataset:open')).toEqual([]);
    expect(store.state.recent).toEqual([]); // no host path to reopen
  });

  it('in Electron, opens through the native dialog and dropped files by their path', async () => {
    const api = fakeApi({ 'dialog:openCsv': () => ({ path: '/home/me/d.csv' }), 'dataset:open': () => summary(), 'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }) }, 'electron');
    api.pathForFile = (f: File) => `/dropped/${f.name}`;
    const { store } = await setup(api);
    const w = await mountPanel(DatasetPanel, store);
    expect(w.find('[data-testid="path-input"]').exists()).toBe(false);
    await w.get('[data-testid="open-dialog"]').trigger('click');
    await flush();
    expect(api.callsTo('dialog:openCsv')).toHaveLength(1);
    expect(api.callsTo('dataset:open')[0].path).toBe('/home/me/d.csv');

    await (w.vm as unknown as { openFile(f: File): Promise<void> }).openFile(new File(['a'], 'drop.csv'));
    await flush();
    expect(api.callsTo('dataset:open')[1].path).toBe('/dropped/drop.csv');
    expect(api.callsTo('dataset:openText')).toEqual([]);
  });

  it('remembers recent files across sessions and can forget one', async () => {
    const api = fakeApi({ 'dataset:open': () => summary(), 'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }) });
    const first = await setup(api);
    await first.store.openPath('/data/one.csv');
    await first.store.openPath('/data/two.csv');

    const { store } = await setup(api); // a new session reads localStorage
    const w = await mountPanel(DatasetPanel, store);
    const links = w.findAll('[data-testid="recent"] .link');
    expect(links.map((l) => l.text())).toEqual(['two.csv', 'one.csv']);
    await links[1].trigger('click');
    await flush();
    expect(api.callsTo('dataset:open').at(-1)?.path).toBe('/data/one.csv');
    await w.findAll('[data-testid="recent"] .icon-btn')[0].trigger('click');
    expect(w.findAll('[data-testid="recent"] .link').map((l) => l.text())).toEqual(['two.csv']);
  });
});
