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

async function withRun(rec: RunRecord, droppedRows = 0): Promise<Store> {
  const { store } = await setup(fakeApi());
  store.state.dataset = summary({ hash: rec.dataset.hash, rows: rec.dataset.rows, features: rec.dataset.features, droppedRows });
  store.state.run = recordView(rec); // what the host sends: sizes, not labels
  return store;
}

const mountWith = (component: unknown, store: Store) => mount(component as never, { global: { provide: { [STORE_KEY as symbol]: store }, stubs: { EChart: true } }, attachTo: document.body });

describe('medoid rows', () => {
  it('count from 1, as the Data tab does, and the header and a note say so', async () => {
    const { record } = ekmFixture();
    const w = mountWith(ClustersTab, await withRun(record));
    await flush();
    const head = w.get('[data-testid="centers-table"]').findAll('thead th').map((th) => th.text());
    const at = head.indexOf('Row (from 1)');
    expect(at).toBeGreaterThan(0);
    const rows = w.get('[data-testid="centers-table"]').findAll('tbody tr').map((tr) => tr.findAll('td')[at].text());
    const medoids = record.result.algorithm === 'kmeans' ? [] : record.result.medoids;
    expect(rows).toEqual(medoids.map((m) => String(m + 1)));
    expect(w.get('[data-testid="medoid-row-note"]').text()).toMatch(/^Rows count from 1, the first data row under the header, as in the Data tab\.$/);
  });

  it('say they count the kept rows when some were dropped', async () => {
    const w = mountWith(ClustersTab, await withRun(ekmFixture().record, 3));
    await flush();
    expect(w.get('[data-testid="medoid-row-note"]').text()).toContain('they count the 12 rows kept after 3 were dropped');
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
