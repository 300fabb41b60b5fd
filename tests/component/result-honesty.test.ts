// Issue 14, honest result views: medoid rows count from 1 like the Data tab (and say so), k-means
// warnings are shown, a mixed column the loader says to tick can be ticked.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import DatasetPanel from '../../src/renderer/src/components/DatasetPanel.vue';
import ClustersTab from '../../src/renderer/src/components/tabs/ClustersTab.vue';
import DataTab from '../../src/renderer/src/components/tabs/DataTab.vue';
import { STORE_KEY, type Store } from '../../src/renderer/src/store/store.ts';
import { recordView } from '../../src/main/services/records.ts';
import type { RunRecord } from '../../src/shared/types.ts';
import { ekmFixture, kmeansFixture } from '../unit/report-fixtures.ts';
import { fakeApi, flush, summary } from './fake-api.ts';
import { mountPanel, setup } from './mount.ts';

afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
});

/** The host's answer to dataset:rows when the first `dropped` data rows of the file were dropped at load. */
function rowsAnswer(dropped: number) {
  return (p: Record<string, unknown>) => ({
    features: ['x'],
    scaling: 'none',
    columns: ['x'],
    cellsUnavailable: null,
    rows: (p.indices as number[]).map((index) => ({ index, row: index + dropped + 1, cluster: null, values: [0], cells: null })),
  });
}

async function withRun(rec: RunRecord, droppedRows = 0): Promise<Store> {
  const { store } = await setup(fakeApi({ 'dataset:rows': rowsAnswer(droppedRows) }));
  store.state.dataset = summary({ hash: rec.dataset.hash, rows: rec.dataset.rows, features: rec.dataset.features, droppedRows });
  store.state.run = recordView(rec); // what the host sends: sizes, not labels
  return store;
}

const mountWith = (component: unknown, store: Store) => mount(component as never, { global: { provide: { [STORE_KEY as symbol]: store }, stubs: { EChart: true } }, attachTo: document.body });

describe('medoid rows', () => {
  it('count from 1, as the Data tab does (the host numbers them), and the header and a note say so', async () => {
    const { record } = ekmFixture();
    const w = mountWith(ClustersTab, await withRun(record));
    await flush();
    const head = w.get('[data-testid="centers-table"]').findAll('thead th').map((th) => th.text());
    const at = head.indexOf('Row (from 1)');
    expect(at).toBeGreaterThan(0);
    const rows = w.get('[data-testid="centers-table"]').findAll('tbody tr').map((tr) => tr.findAll('td')[at].text());
    const medoids = record.result.algorithm === 'kmeans' ? [] : record.result.medoids;
    expect(rows).toEqual(medoids.map((m) => String(m + 1)));
    expect(w.get('[data-testid="medoid-row-note"]').text()).toMatch(/^Rows are numbered as in the Data tab, the tooltips, the selection table and the labels CSV: 1 is the first data row under the header\.$/);
  });

  it('keep their numbers in the file when rows were dropped, and say so', async () => {
    const { record } = ekmFixture();
    const w = mountWith(ClustersTab, await withRun(record, 3));
    await flush();
    const medoids = record.result.algorithm === 'kmeans' ? [] : record.result.medoids;
    expect(w.findAll('[data-testid="medoid-row"]').map((td) => td.text())).toEqual(medoids.map((m) => String(m + 4)));
    expect(w.get('[data-testid="medoid-row-note"]').text()).toContain('counted in the file (the 3 dropped rows keep their numbers)');
  });

  it('are numbered the same way in the Data tab', async () => {
    const { store } = await setup(fakeApi());
    store.state.dataset = summary();
    const w = mountWith(DataTab, store);
    await flush();
    const table = w.get('[data-testid="preview-table"]');
    expect(table.get('thead th').text()).toBe('Row');
    expect(table.findAll('tbody tr').map((tr) => tr.get('td').text())).toEqual(['1', '2']);
  });
});

describe('k-means warnings', () => {
  it('are shown above the clusters when the result has them, and nothing otherwise', async () => {
    const { record } = kmeansFixture();
    const warned = { ...record, result: { ...record.result, warnings: ['2 clusters are empty after the run (k = 3, 1 distinct point).', 'Only 1 distinct point for k = 3.'] } } as RunRecord;
    const w = mountWith(ClustersTab, await withRun(warned));
    await flush();
    expect(w.get('[data-testid="kmeans-warnings"]').findAll('li').map((li) => li.text())).toEqual(warned.result.algorithm === 'kmeans' ? warned.result.warnings : []);
    const quiet = mountWith(ClustersTab, await withRun({ ...record, result: { ...record.result, warnings: [] } } as RunRecord));
    await flush();
    expect(quiet.find('[data-testid="kmeans-warnings"]').exists()).toBe(false);
  });
});

describe('a mixed column', () => {
  it('can be ticked as a feature, as the loader’s warning advises; a text column cannot', async () => {
    const mixed = summary({
      columns: [
        { index: 0, name: 'x', type: 'numeric', missing: 0, numericCount: 4, min: 0, max: 1, mean: 0.5 },
        { index: 1, name: 'm', type: 'mixed', missing: 0, numericCount: 3, min: 1, max: 3, mean: 2, firstOffending: { value: 'n/a', line: 3 } },
        { index: 2, name: 'label', type: 'text', missing: 0, numericCount: 0 },
      ],
      features: ['x'],
      warnings: ['Column "m" is not used by default because it mixes numbers and text (first non-number: "n/a" on line 3); pick it as a feature to treat its text as missing.'],
    } as never);
    const api = fakeApi({ 'dataset:open': () => mixed, 'dataset:points': () => ({ xName: 'x', yName: 'x', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }) });
    const { store } = await setup(api);
    await store.openPath('/data/mixed.csv');
    const w = await mountPanel(DatasetPanel, store);
    const box = w.get('[data-testid="feature-m"]');
    expect(box.attributes('disabled')).toBeUndefined();
    expect(w.get('[data-testid="feature-label"]').attributes('disabled')).toBeDefined();
    await box.setValue(true);
    await w.get('[data-testid="reload"]').trigger('click');
    await flush();
    expect(api.callsTo('dataset:open').at(-1)?.options).toMatchObject({ features: ['x', 'm'] });
  });
});
