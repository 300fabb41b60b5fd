// Profiles tab: what it shows for a run with an empty cluster (the note, no values, no box), the
// original-units statement, and that "Compute" asks the host for profiles only (not the scores).
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import EChart from '../../src/renderer/src/components/EChart.vue';
import ProfilesTab from '../../src/renderer/src/components/tabs/ProfilesTab.vue';
import { STORE_KEY } from '../../src/renderer/src/store/store.ts';
import { datasetFromRows } from '../../src/main/engine/dataset/dataset.ts';
import { clusterProfiles } from '../../src/main/engine/metrics/index.ts';
import type { RunRecordView } from '../../src/shared/types.ts';
import { fakeApi, flush, summary } from './fake-api.ts';
import { setup } from './mount.ts';

afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
});

async function mountWith(withProfiles: boolean) {
  const rows = [[1, 10], [2, 20], [3, 30], [10, 5], [12, 6]];
  const profiles = await clusterProfiles(datasetFromRows(rows, ['len', 'width']), [0, 0, 0, 2, 2], { k: 3, scaling: { mode: 'none' } });
  const run = { id: 'run-1', dataset: { rows: 5, features: ['len', 'width'] }, ...(withProfiles ? { profiles } : {}) } as unknown as RunRecordView;
  const api = fakeApi({ 'analysis:run': () => ({ ...run, profiles }) });
  const { store } = await setup(api);
  store.state.dataset = summary({ id: 'ds-1' });
  store.state.run = run;
  const w = mount(ProfilesTab, { global: { provide: { [STORE_KEY as symbol]: store }, stubs: { EChart: true } }, attachTo: document.body });
  await flush();
  return { w, api, store };
}

describe('ProfilesTab', () => {
  it('lists an empty cluster with 0 rows and no values, says so, and leaves it out of the box plot', async () => {
    const { w } = await mountWith(true);
    expect(w.get('[data-testid="profiles-units"]').text()).toMatch(/^Original units of the CSV\. The clustering used these values as they are/);
    expect(w.get('[data-testid="profiles-empty"]').text()).toBe('Cluster 1 is empty (0 rows): no statistics, and no box.');
    const sizes = w.get('[data-testid="profiles-sizes"]').findAll('tbody tr').map((tr) => tr.text());
    expect(sizes).toEqual(['whole data5100.0%', 'cluster 0360.0%', 'cluster 100.0%', 'cluster 2240.0%']);
    const median = w.get('[data-testid="profile-table-0"]').findAll('tbody tr').find((tr) => tr.get('th').text() === 'median')!;
    expect(median.findAll('td').map((td) => td.text())).toEqual(['3', '2', '–', '11']);
    const chart = w.findAllComponents(EChart).find((c) => c.props('name') === 'profile-box-0')!;
    expect((chart.props('option') as { xAxis: { data: string[] } }).xAxis.data).toEqual(['whole data', 'cluster 0', 'cluster 2']);
  });

  it('before computing says so; Compute asks for profiles only and shows them', async () => {
    const { w, api } = await mountWith(false);
    expect(w.text()).toMatch(/Not computed yet/);
    await w.get('[data-testid="profiles-compute"]').trigger('click');
    await flush();
    expect(api.callsTo('analysis:run')).toEqual([expect.objectContaining({ recordId: 'run-1', datasetId: 'ds-1', quality: false, profiles: true })]);
    expect(w.find('[data-testid="profile-table-1"]').exists()).toBe(true);
  });
});
