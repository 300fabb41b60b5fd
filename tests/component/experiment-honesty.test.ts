// Issue 14, honest experiment views: a cancelled Compare says cancelled (status bar and tab),
// shows how many repeats each cell really has, keeps the asked-for ceiling columns; cells too
// short or too thin to time are flagged with what to do.
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import ScalingTab from '../../src/renderer/src/components/tabs/ScalingTab.vue';
import { STORE_KEY } from '../../src/renderer/src/store/store.ts';
import { describeExperiment } from '../../src/renderer/src/store/experiment.ts';
import { MIN_RELIABLE_MS } from '../../src/shared/timing-notes.ts';
import type { ExperimentCell, ExperimentRecord, ExperimentResult } from '../../src/shared/types.ts';
import { fakeApi, flush, summary } from './fake-api.ts';
import { setup } from './mount.ts';

afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
});

function cell(workers: number, timesMs: number[], n = 1000): ExperimentCell {
  const sorted = [...timesMs].sort((a, b) => a - b);
  const medianMs = sorted[Math.floor(sorted.length / 2)];
  return { n, k: 3, workers, timesMs, medianMs, minMs: sorted[0], maxMs: sorted[sorted.length - 1], speedup: 1, efficiency: 1, answerMatches: true };
}

function record(experiment: Partial<ExperimentResult> & { cells: ExperimentCell[] }): ExperimentRecord {
  return {
    schemaVersion: 1,
    id: 'exp-1',
    kind: 'experiment',
    createdAt: '2025-01-01T00:00:00Z',
    title: 'scaling',
    dataset: { name: 'blobs.csv', path: '/data/blobs.csv', hash: 'abc123', rows: 1000, d: 2, features: ['x', 'y'], scaling: 'none' },
    machine: { cpuModel: 'Test CPU', logicalCores: 2, totalMemoryBytes: 8e9, os: 'linux', node: '20', v8: '11', electron: null, appVersion: '0.1.0' },
    experiment: {
      spec: { algorithm: 'kmeans', workers: [0, 1, 2], sizes: [1000], ks: [3], repeats: 5, warmup: true, seed: 1 },
      fits: [],
      runtimeModels: [],
      mismatches: [],
      totalMs: 900,
      cancelled: false,
      ...experiment,
    } as ExperimentResult,
  };
}

async function mountTab(rec: ExperimentRecord) {
  const { store } = await setup(fakeApi());
  store.state.experiment = rec;
  const w = mount(ScalingTab, { global: { provide: { [STORE_KEY as symbol]: store }, stubs: { EChart: true } }, attachTo: document.body });
  await flush();
  return w;
}

const column = (w: Awaited<ReturnType<typeof mountTab>>, testid: string) => w.findAll(`[data-testid="${testid}"]`).map((td) => td.text());

describe('a cancelled Compare', () => {
  const cancelled = () =>
    record({
      cancelled: true,
      spec: { algorithm: 'kmeans', workers: [0, 1, 2], sizes: [1000], ks: [3], repeats: 5, warmup: true, seed: 1, ceiling: true },
      cells: [cell(0, [100, 110, 105]), cell(1, [120]), cell(2, [70])],
    });

  it('ends the job as cancelled, with what it kept', () => {
    expect(describeExperiment(cancelled().experiment)).toEqual({ status: 'cancelled', message: 'Experiment cancelled after 0.90 s: 3 cells measured before the stop' });
    expect(describeExperiment(record({ cells: [cell(0, [100])] }).experiment)).toBe('Experiment done: 1 cell in 0.90 s');
  });

  it('makes the status bar say cancelled, not done', async () => {
    const api = fakeApi({
      'dataset:open': () => summary(),
      'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }),
      'experiment:run': () => cancelled(),
    });
    const { store } = await setup(api);
    await store.openPath('/data/blobs.csv');
    await store.compare();
    expect(store.state.job?.status).toBe('cancelled');
    expect(store.state.job?.message).toMatch(/^Experiment cancelled/);
    expect(store.state.experiment?.experiment.cancelled).toBe(true);
  });

  it('says cancelled on the tab, shows each cell’s real repeats, and keeps the ceiling columns it asked for', async () => {
    const w = await mountTab(cancelled());
    expect(w.get('[data-testid="experiment-cancelled"]').text()).toMatch(/^Cancelled\. These are the 3 cells measured before the stop \(1–3 of 5 repeats per cell\)/);
    expect(w.get('[data-testid="repeats-summary"]').text()).toMatch(/^\(1–3 of 5 repeats per cell, total/);
    expect(w.text()).not.toContain('5 repeats each');
    expect(column(w, 'cell-runs')).toEqual(['3', '1', '1']);
    expect(column(w, 'cell-note')[1]).toContain('1 of 5 repeats (cancelled)');
    const head = w.get('[data-testid="cells-table"]').findAll('thead th').map((th) => th.text());
    expect(head).toContain('Ceiling');
  });
});

describe('cells too short or too thin to time', () => {
  it(`flags cells under ${MIN_RELIABLE_MS} ms (and those whose serial reference is), and single runs, with advice`, async () => {
    const w = await mountTab(
      record({
        spec: { algorithm: 'kmeans', workers: [0, 1, 2], sizes: [100, 100000], ks: [3], repeats: 1, warmup: true, seed: 1 },
        cells: [cell(0, [4], 100), cell(2, [2.5], 100), cell(0, [400], 100000), cell(2, [210], 100000)],
      }),
    );
    const notes = column(w, 'cell-note');
    expect(notes[0]).toContain(`under ${MIN_RELIABLE_MS} ms: too short to time reliably`);
    expect(notes[1]).toContain(`under ${MIN_RELIABLE_MS} ms`);
    expect(notes[2]).toBe('one run: no spread');
    expect(w.get('[data-testid="timing-advice"]').text()).toBe(
      '4 of 4 cells cannot be timed reliably (see Note): their speedups and shares of the ceiling may be far off. Use a larger N and more repeats.',
    );
  });

  it('flags a parallel cell whose serial reference is too short', async () => {
    const w = await mountTab(record({ spec: { algorithm: 'kmeans', workers: [0, 2], sizes: [], ks: [3], repeats: 3, warmup: true, seed: 1 }, cells: [cell(0, [10, 11, 12]), cell(2, [30, 31, 32])] }));
    expect(column(w, 'cell-note')[1]).toBe(`serial reference under ${MIN_RELIABLE_MS} ms`);
  });

  it('says nothing about well-timed cells', async () => {
    const w = await mountTab(record({ spec: { algorithm: 'kmeans', workers: [0, 2], sizes: [], ks: [3], repeats: 3, warmup: true, seed: 1 }, cells: [cell(0, [100, 101, 99]), cell(2, [60, 61, 62])] }));
    expect(column(w, 'cell-note')).toEqual(['', '']);
    expect(w.find('[data-testid="timing-advice"]').exists()).toBe(false);
    expect(w.get('[data-testid="repeats-summary"]').text()).toMatch(/^\(3 repeats each/);
  });
});
