// Scaling tab: the machine ceiling's columns, note and chart line appear only for an experiment
// that measured it; RunPanel's "Measure machine ceiling" checkbox asks for it.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import EChart from '../../src/renderer/src/components/EChart.vue';
import RunPanel from '../../src/renderer/src/components/RunPanel.vue';
import ScalingTab from '../../src/renderer/src/components/tabs/ScalingTab.vue';
import { STORE_KEY, type Store } from '../../src/renderer/src/store/store.ts';
import type { ExperimentCell, ExperimentRecord } from '../../src/shared/types.ts';
import { fakeApi, flush, summary } from './fake-api.ts';
import { mountPanel, setup } from './mount.ts';

afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
});

function cell(workers: number, medianMs: number, extra: Partial<ExperimentCell> = {}): ExperimentCell {
  const speedup = 100 / medianMs;
  return { n: 1000, k: 3, workers, timesMs: [medianMs], medianMs, minMs: medianMs, maxMs: medianMs, speedup, efficiency: speedup / Math.max(1, workers), answerMatches: true, ...extra };
}

function experimentRecord(algorithm: 'kmeans' | 'ekm', ceiling: boolean): ExperimentRecord {
  const cells = [
    cell(0, 100),
    cell(1, 100),
    // speedup 100 / 59.5 = 1.68; ceiling 1.8 → 93.4 % of it.
    cell(2, 59.5, ceiling ? { ceilingSpeedup: 1.8, ofCeiling: 100 / 59.5 / 1.8, ceilingTimesMs: [200 / 1.8] } : {}),
  ];
  return {
    schemaVersion: 1,
    id: 'exp-1',
    kind: 'experiment',
    createdAt: '2025-01-01T00:00:00Z',
    title: 'scaling',
    dataset: { name: 'blobs.csv', path: '/data/blobs.csv', hash: 'abc123', rows: 1000, d: 2, features: ['x', 'y'], scaling: 'none' },
    machine: { cpuModel: 'Test CPU', logicalCores: 2, totalMemoryBytes: 8e9, os: 'linux', node: '20', v8: '11', electron: null, appVersion: '0.1.0' },
    experiment: {
      spec: { algorithm, workers: [0, 1, 2], sizes: [1000], ks: [3], repeats: 1, warmup: true, seed: 1, ...(ceiling ? { ceiling: true } : {}) },
      cells,
      fits: [],
      runtimeModels: [],
      mismatches: [],
      totalMs: 500,
      cancelled: false,
    },
  };
}

async function mountTab(rec: ExperimentRecord) {
  const { store } = await setup(fakeApi());
  store.state.experiment = rec;
  const w = mount(ScalingTab, { global: { provide: { [STORE_KEY as symbol]: store }, stubs: { EChart: true } }, attachTo: document.body });
  await flush();
  return w;
}

/** Text of every cell of the cells table, row by row. */
function tableText(w: Awaited<ReturnType<typeof mountTab>>): string[][] {
  const table = w.get('[data-testid="cells-table"]');
  return [table.findAll('thead th').map((th) => th.text()), ...table.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))];
}

type SeriesView = { name: string; data: unknown[] };
const speedupSeries = (w: Awaited<ReturnType<typeof mountTab>>): SeriesView[] => {
  const chart = w.findAllComponents(EChart).find((c) => c.props('name') === 'speedup')!;
  return (chart.props('option') as { series: SeriesView[] }).series;
};

describe('ScalingTab: machine ceiling', () => {
  it('shows no ceiling columns, note or line when the experiment did not measure it', async () => {
    const w = await mountTab(experimentRecord('kmeans', false));
    const [head] = tableText(w);
    expect(head).not.toContain('Ceiling');
    expect(head).not.toContain('Of ceiling');
    expect(w.find('[data-testid="ceiling-note"]').exists()).toBe(false);
    expect(speedupSeries(w).some((s) => s.name.startsWith('machine ceiling'))).toBe(false);
  });

  it('shows the ceiling and the share of it used per cell, the definition, and the chart line', async () => {
    const w = await mountTab(experimentRecord('kmeans', true));
    const [head, serial, one, two] = tableText(w);
    const at = (name: string) => head.indexOf(name);
    expect(at('Ceiling')).toBeGreaterThan(at('Efficiency'));
    expect(at('Of ceiling')).toBe(at('Ceiling') + 1);
    expect([two[at('Speedup')], two[at('Ceiling')], two[at('Of ceiling')]]).toEqual(['1.68', '1.80', '93.4 %']);
    for (const row of [serial, one]) expect([row[at('Ceiling')], row[at('Of ceiling')]]).toEqual(['–', '–']);
    expect(w.get('[data-testid="ceiling-column"]').attributes('title')).toMatch(/P × median\(serial\) \/ median\(P serial runs/);
    expect(w.get('[data-testid="ceiling-note"]').text()).toMatch(/^Machine ceiling: ceiling = P × median\(serial\) \/ median\(P serial runs started at once.*of ceiling = speedup \/ ceiling\.$/);
    const line = speedupSeries(w).find((s) => s.name === 'machine ceiling')!;
    expect(line.data).toEqual([
      [1, 1],
      [2, 1.8],
    ]);
  });

  it('says that the copies of an EKM ceiling are 1-worker pool runs', async () => {
    const w = await mountTab(experimentRecord('ekm', true));
    expect(w.get('[data-testid="ceiling-note"]').text()).toMatch(/median\(P 1-worker pool runs started at once/);
  });
});

describe('RunPanel: Measure machine ceiling', () => {
  async function panel(): Promise<{ store: Store; w: Awaited<ReturnType<typeof mountPanel>>; specs: () => Record<string, unknown>[] }> {
    const api = fakeApi({
      'dataset:open': () => summary(),
      'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }),
      'experiment:run': () => experimentRecord('kmeans', true),
    });
    const { store } = await setup(api);
    await store.openPath('/data/blobs.csv');
    const w = await mountPanel(RunPanel, store);
    return { store, w, specs: () => api.callsTo('experiment:run').map((c) => c.spec as Record<string, unknown>) };
  }

  it('is off by default, explains itself, and when checked asks Compare for the ceiling', async () => {
    const { w, specs } = await panel();
    const box = w.get('[data-testid="grid-ceiling"]');
    expect((box.element as HTMLInputElement).checked).toBe(false);
    expect(box.element.closest('label')!.getAttribute('title')).toMatch(/P identical single-worker runs started at once on P workers/);
    expect(box.element.closest('label')!.textContent).toContain('Measure machine ceiling');

    await w.get('[data-testid="compare"]').trigger('click');
    await flush();
    expect(specs()[0]).not.toHaveProperty('ceiling');

    await box.setValue(true);
    await w.get('[data-testid="compare"]').trigger('click');
    await flush();
    expect(specs()[1]).toMatchObject({ algorithm: 'kmeans', workers: [0, 1, 2, 4], ceiling: true });
  });
});
