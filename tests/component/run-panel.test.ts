// Run panel: the payloads each button sends (k-means serial/parallel, EKM variants, PAM,
// experiments), the EKM estimate and the force prompt, and input validation.
import { afterEach, describe, expect, it } from 'vitest';
import RunPanel from '../../src/renderer/src/components/RunPanel.vue';
import type { Store } from '../../src/renderer/src/store/store.ts';
import { fakeApi, flush, summary, type FakeApi } from './fake-api.ts';
import { mountPanel, setup } from './mount.ts';

afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
});

const points = () => ({ xName: 'x', yName: 'y', x: [0], y: [0], labels: [0], centers: [{ x: 0, y: 0, label: 0 }], centerKind: 'centroid', k: 1, total: 4 });

function kmeansRecord(id: string, workers: number) {
  return {
    schemaVersion: 1,
    id,
    kind: 'run',
    createdAt: '2025-01-01T00:00:00Z',
    title: 't',
    dataset: { name: 'blobs.csv', path: '/data/blobs.csv', hash: 'abc123', rows: 4, d: 2, features: ['x', 'y'], scaling: 'none' },
    machine: {},
    result: {
      algorithm: 'kmeans',
      params: { k: 3 },
      clusterSizes: [2, 1, 1],
      centroids: [[0, 0], [1, 1], [2, 2]],
      inertia: 1.5,
      iterations: 4,
      stopReason: 'changed-fraction',
      history: [],
      workers,
      timings: { totalMs: 3, initMs: 1, iterateMs: 2, perIterationMs: 0.5 },
      bestRestart: 0,
    },
  };
}

async function withDataset(extra: Parameters<typeof fakeApi>[0] = {}): Promise<{ api: FakeApi; store: Store }> {
  const api = fakeApi({ 'dataset:open': () => summary(), 'dataset:points': points, 'ekm:estimate': () => ({ combinations: 4, estimatedMs: 1, distanceMatrixBytes: 128, refuse: null }), ...extra });
  const ctx = await setup(api);
  await ctx.store.openPath('/data/blobs.csv');
  return ctx;
}

describe('RunPanel', () => {
  it('disables the run buttons until a dataset is open', async () => {
    const { store } = await setup(fakeApi());
    const w = await mountPanel(RunPanel, store);
    expect(w.get('[data-testid="run-serial"]').attributes('disabled')).toBeDefined();
    expect(w.get('[data-testid="run-parallel"]').attributes('disabled')).toBeDefined();
    expect(w.get('[data-testid="compare"]').attributes('disabled')).toBeDefined();
  });

  it('k-means serial sends workers 0 with the panel parameters; parallel sends the chosen workers', async () => {
    const { api, store } = await withDataset({ 'kmeans:run': (p) => kmeansRecord(`r-${String(p.jobId)}`, (p.params as { workers: number }).workers) });
    const w = await mountPanel(RunPanel, store);
    await w.get('[data-testid="param-k"]').setValue('3');
    await w.get('[data-testid="param-seed"]').setValue('42');
    await w.get('[data-testid="param-init"]').setValue('random');
    await w.get('[data-testid="param-ninit"]').setValue('5');
    await w.get('[data-testid="param-changed"]').setValue('0.001');
    await w.get('[data-testid="param-maxiter"]').setValue('50');
    await w.get('[data-testid="run-serial"]').trigger('click');
    await flush();

    const [serial] = api.callsTo('kmeans:run');
    expect(serial.datasetId).toBe('ds-1');
    expect(serial.jobId).toMatch(/^kmeans-/);
    expect(serial.params).toEqual({ k: 3, init: 'random', nInit: 5, seed: 42, changedFraction: 0.001, tolerance: 1e-4, maxIterations: 50, workers: 0 });
    expect(store.state.job?.status).toBe('done');
    expect(store.state.run?.id).toBe(`r-${String(serial.jobId)}`);
    expect(store.state.tab).toBe('clusters');
    // The scatter is fetched with the new record's labels.
    expect(api.callsTo('dataset:points').at(-1)).toMatchObject({ datasetId: 'ds-1', recordId: store.state.run?.id });

    await w.get('[data-testid="run-parallel"]').trigger('click');
    await flush();
    expect((api.callsTo('kmeans:run')[1].params as { workers: unknown }).workers).toBe('auto');

    await w.get('[data-testid="param-workers"]').setValue('4');
    await w.get('[data-testid="run-parallel"]').trigger('click');
    await flush();
    expect((api.callsTo('kmeans:run')[2].params as { workers: unknown }).workers).toBe(4);
    expect(new Set(api.callsTo('kmeans:run').map((c) => c.jobId)).size).toBe(3); // a fresh job id per run
  });

  it('refuses k = 0, -5, 2.6 as typed: the reason beside the field, Run disabled with it, nothing sent', async () => {
    const { api, store } = await withDataset({ 'kmeans:run': () => kmeansRecord('r', 0) });
    const w = await mountPanel(RunPanel, store);
    for (const [typed, reason] of [
      ['0', /k must be ≥ 1/],
      ['-5', /k must be ≥ 1/],
      ['2.6', /k must be a whole number, got 2\.6/],
      ['', /k: enter a value/],
    ] as const) {
      await w.get('[data-testid="param-k"]').setValue(typed);
      const input = w.get('[data-testid="param-k"]');
      const error = w.get('[data-testid="param-k-error"]');
      expect(error.text()).toMatch(reason);
      expect(input.attributes('aria-invalid')).toBe('true');
      expect(input.attributes('aria-describedby')).toBe(error.attributes('id'));
      expect(w.get('[data-testid="run-serial"]').attributes('disabled')).toBeDefined();
      expect(w.get('[data-testid="run-parallel"]').attributes('disabled')).toBeDefined();
      expect(w.get('[data-testid="compare"]').attributes('disabled')).toBeDefined();
      expect(w.get('[data-testid="run-invalid"]').text()).toMatch(reason);
    }
    // A keyboard shortcut does not run the previous k either.
    await store.runSerial();
    await store.compare();
    await flush();
    expect(api.callsTo('kmeans:run')).toHaveLength(0);
    expect(api.callsTo('experiment:run')).toHaveLength(0);
    expect(store.state.notice?.text).toMatch(/^Not run: k/);

    await w.get('[data-testid="param-changed"]').setValue('2');
    await w.get('[data-testid="param-k"]').setValue('4');
    expect(w.find('[data-testid="param-k-error"]').exists()).toBe(false);
    expect(w.get('[data-testid="param-changed-error"]').text()).toMatch(/changed ≤ must be ≥ 0 and ≤ 1, got 2/);
    expect(w.get('[data-testid="run-serial"]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid="param-changed"]').setValue('0.05');
    expect(w.get('[data-testid="run-serial"]').attributes('disabled')).toBeUndefined();
    await w.get('[data-testid="run-serial"]').trigger('click');
    await flush();
    expect(api.callsTo('kmeans:run')[0].params).toMatchObject({ k: 4, changedFraction: 0.05 });
  });

  it('k above the number of rows is refused, naming the bound', async () => {
    const { store } = await withDataset();
    const w = await mountPanel(RunPanel, store);
    const rows = store.state.dataset?.rows ?? 0;
    await w.get('[data-testid="param-k"]').setValue(String(rows + 1));
    expect(w.get('[data-testid="param-k-error"]').text()).toContain(`≤ ${rows}`);
  });

  it('shows the tolerance as a field and sends what is typed (0 = off)', async () => {
    const { api, store } = await withDataset({ 'kmeans:run': () => kmeansRecord('r', 0) });
    const w = await mountPanel(RunPanel, store);
    const tol = w.get('[data-testid="param-tolerance"]');
    expect((tol.element as HTMLInputElement).value).toBe('0.0001');
    await tol.setValue('0');
    await w.get('[data-testid="run-serial"]').trigger('click');
    await flush();
    expect(api.callsTo('kmeans:run')[0].params).toMatchObject({ tolerance: 0 });
    await tol.setValue('-1');
    expect(w.get('[data-testid="param-tolerance-error"]').text()).toMatch(/centroid shift ≤ must be ≥ 0/);
  });

  it('EKM shows the estimate, runs sequential for serial and the chosen variant for parallel', async () => {
    const { api, store } = await withDataset({
      'ekm:estimate': () => ({ combinations: 10_586_800, estimatedMs: 5000, distanceMatrixBytes: 1_280_000, refuse: null }),
      'ekm:run': () => ({ ...kmeansRecord('e', 1), result: { algorithm: 'ekm', params: { k: 3, variant: 'fused', workers: 2 }, medoids: [0, 1, 2], medoidCoordinates: [[0, 0], [1, 1], [2, 2]], clusterSizes: [2, 1, 1], cost: 3, combinationsEvaluated: 4, timings: { totalMs: 2 }, timeline: [] } }),
    });
    const w = await mountPanel(RunPanel, store);
    await w.get('[data-testid="algorithm-ekm"]').trigger('click');
    await new Promise((r) => setTimeout(r, 250)); // the estimate is debounced
    await flush();
    expect(api.callsTo('ekm:estimate').at(-1)).toEqual({ datasetId: 'ds-1', params: { k: 3, variant: 'fused', distance: 'sqeuclidean', workers: 4 } });
    expect(w.get('[data-testid="ekm-estimate"]').text()).toContain('10,586,800 combinations');
    expect(w.get('[data-testid="run-serial"]').text()).toBe('Run sequential');

    await w.get('[data-testid="run-serial"]').trigger('click');
    await flush();
    await w.get('[data-testid="param-variant"]').setValue('tree');
    await w.get('[data-testid="param-workers"]').setValue('2');
    await w.get('[data-testid="param-withpam"]').setValue(false);
    await w.get('[data-testid="run-parallel"]').trigger('click');
    await flush();
    const runs = api.callsTo('ekm:run');
    expect(runs[0]).toMatchObject({ datasetId: 'ds-1', withPam: true, params: { k: 3, variant: 'sequential', distance: 'sqeuclidean', workers: 1 } });
    expect(runs[1]).toMatchObject({ withPam: false, params: { k: 3, variant: 'tree', workers: 2 } });
    expect(runs[1].params).not.toHaveProperty('force');
    expect(store.state.tab).toBe('ekm');
  });

  it('asks before a refused EKM run: "Run anyway" sends force, "Don\'t run" sends nothing', async () => {
    const { api, store } = await withDataset({
      'ekm:estimate': () => ({ combinations: 8e10, estimatedMs: 9e6, distanceMatrixBytes: 1e6, refuse: '8e10 combinations is above the limit of 2e9' }),
      'ekm:run': () => new Promise(() => undefined),
    });
    const w = await mountPanel(RunPanel, store);
    await w.get('[data-testid="algorithm-ekm"]').trigger('click');
    await w.get('[data-testid="run-parallel"]').trigger('click');
    await flush();
    expect(api.callsTo('ekm:run')).toEqual([]);
    const prompt = w.get('[data-testid="ekm-force-prompt"]');
    expect(prompt.text()).toContain('above the limit of 2e9');

    await prompt.findAll('button')[1].trigger('click');
    expect(w.find('[data-testid="ekm-force-prompt"]').exists()).toBe(false);
    expect(api.callsTo('ekm:run')).toEqual([]);

    await w.get('[data-testid="run-parallel"]').trigger('click');
    await flush();
    await w.get('[data-testid="ekm-force"]').trigger('click');
    await flush();
    expect(api.callsTo('ekm:run')).toHaveLength(1);
    expect(api.callsTo('ekm:run')[0].params).toMatchObject({ force: true, variant: 'fused' });
    expect(store.state.job?.status).toBe('running');
  });

  it('PAM runs with k, distance and seed, and has no parallel button', async () => {
    const { api, store } = await withDataset({ 'pam:run': () => ({ ...kmeansRecord('p', 0), result: { algorithm: 'pam', params: { k: 3 }, medoids: [0, 1, 2], medoidCoordinates: [[0, 0], [1, 1], [2, 2]], clusterSizes: [2, 1, 1], cost: 3, combinationsEvaluated: 4, timings: { totalMs: 2 }, timeline: [] } }) });
    const w = await mountPanel(RunPanel, store);
    await w.get('[data-testid="algorithm-pam"]').trigger('click');
    expect(w.find('[data-testid="run-parallel"]').exists()).toBe(false);
    await w.get('[data-testid="param-distance"]').setValue('manhattan');
    await w.get('[data-testid="run-serial"]').trigger('click');
    await flush();
    expect(api.callsTo('pam:run')).toEqual([expect.objectContaining({ datasetId: 'ds-1', k: 3, distance: 'manhattan', seed: 1 })]);
  });

  it('Compare sends the experiment grid; a bad grid is reported and nothing runs', async () => {
    const { api, store } = await withDataset({ 'experiment:run': () => ({ ...kmeansRecord('x', 0), kind: 'experiment', experiment: { spec: { repeats: 2 }, cells: [], fits: [], runtimeModels: [], mismatches: [], totalMs: 10, cancelled: false } }) });
    const w = await mountPanel(RunPanel, store);
    await w.get('[data-testid="grid-workers"]').setValue('0, 1 2,4');
    await w.get('[data-testid="grid-repeats"]').setValue('2');
    await w.get('[data-testid="grid-sizes"]').setValue('2,4');
    await w.get('[data-testid="compare"]').trigger('click');
    await flush();
    const [exp] = api.callsTo('experiment:run');
    expect(exp.spec).toEqual({
      algorithm: 'kmeans',
      kmeans: { k: 3, init: 'kmeans++', nInit: 1, seed: 1, changedFraction: 0.01, tolerance: 1e-4, maxIterations: 300, workers: 0 },
      workers: [0, 1, 2, 4],
      sizes: [2, 4],
      repeats: 2,
      seed: 1,
    });
    expect(store.state.tab).toBe('scaling');

  });

  it('checks the Workers grid and Sizes as they are typed: the reason beside the field, Compare off, nothing sent', async () => {
    const { api, store } = await withDataset({ 'experiment:run': () => ({}) });
    const w = await mountPanel(RunPanel, store);
    const cases: [string, string, string][] = [
      ['grid-workers', '0,two', 'Workers grid: "two" is not a number'],
      ['grid-workers', '0,1.5', 'Workers grid: "1.5" is not a whole number'],
      ['grid-workers', '0,-1', 'Workers grid: "-1" is out of range (each value ≥ 0 and ≤ 8)'],
      ['grid-workers', '0,99', 'Workers grid: "99" is out of range (each value ≥ 0 and ≤ 8)'],
      ['grid-workers', ' , ', 'Workers grid: give at least one value, e.g. "0,1,2,4" (0 = serial)'],
      ['grid-workers', '0,1,1', 'Workers grid: a value is listed twice'],
      ['grid-sizes', '2,5', 'Sizes N: "5" is out of range (each value ≥ 1 and ≤ 4)'], // the dataset has 4 rows
      ['grid-sizes', '0', 'Sizes N: "0" is out of range (each value ≥ 1 and ≤ 4)'],
    ];
    for (const [id, typed, reason] of cases) {
      await w.get(`[data-testid="${id}"]`).setValue(typed);
      await flush(1);
      expect(w.get(`[data-testid="${id}-error"]`).text()).toBe(reason);
      expect(w.get(`[data-testid="${id}"]`).attributes('aria-invalid')).toBe('true');
      expect(w.get('[data-testid="compare"]').attributes('disabled')).toBeDefined();
      expect(w.get('[data-testid="compare-invalid"]').text()).toContain(reason);
      await store.compare(); // a shortcut
      expect(store.state.notice).toEqual({ kind: 'error', text: `Not run: ${reason}` });
      await w.get(`[data-testid="${id}"]`).setValue(id === 'grid-workers' ? '0,1' : '');
      await flush(1);
      expect(w.find(`[data-testid="${id}-error"]`).exists()).toBe(false);
    }
    expect(api.callsTo('experiment:run')).toHaveLength(0);
  });

  it('runs one job at a time', async () => {
    const { api, store } = await withDataset({ 'kmeans:run': () => new Promise(() => undefined) });
    const w = await mountPanel(RunPanel, store);
    await w.get('[data-testid="run-serial"]').trigger('click');
    await flush();
    // Busy, not disabled: a disabled button would drop keyboard focus to the page body.
    expect(w.get('[data-testid="run-parallel"]').attributes('aria-disabled')).toBe('true');
    expect(w.get('[data-testid="run-serial"]').attributes('disabled')).toBeUndefined();
    await w.get('[data-testid="run-parallel"]').trigger('click');
    await store.runParallel(); // e.g. a keyboard shortcut while busy
    expect(api.callsTo('kmeans:run')).toHaveLength(1);
    expect(store.state.notice?.text).toMatch(/Wait for "k-means k=3 \(serial\)" to finish/);
  });
});
