// Status bar: live progress of the running job only, ETA, Cancel → job:cancel with the running
// job id, and the final state (done, cancelled, error).
import { afterEach, describe, expect, it } from 'vitest';
import StatusBar from '../../src/renderer/src/components/StatusBar.vue';
import { cancelledError, fakeApi, flush, summary } from './fake-api.ts';
import { mountPanel, setup } from './mount.ts';

afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
});

describe('StatusBar', () => {
  it('is ready with the machine facts before anything runs', async () => {
    const { store } = await setup(fakeApi());
    const w = await mountPanel(StatusBar, store);
    expect(w.get('[data-testid="status-text"]').text()).toBe('Ready');
    expect(w.attributes('data-status')).toBe('idle');
    expect(w.get('[data-testid="cancel"]').attributes('aria-disabled')).toBe('true');
    expect(w.text()).toContain('4 cores · web');
  });

  it('shows progress, percent and ETA of the running job, ignores other jobs, and cancels by job id', async () => {
    let reject: (e: Error) => void = () => undefined;
    const api = fakeApi({
      'dataset:open': () => summary(),
      'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }),
      'ekm:estimate': () => ({ combinations: 4, estimatedMs: 1, distanceMatrixBytes: 1, refuse: null }),
      'ekm:run': () => new Promise((_, rej) => (reject = rej)),
      'job:cancel': () => {
        reject(cancelledError());
        return { cancelled: true };
      },
    });
    const { store } = await setup(api);
    await store.openPath('/data/blobs.csv');
    store.state.params.algorithm = 'ekm';
    const w = await mountPanel(StatusBar, store);
    void store.runParallel();
    await flush();

    const jobId = String(api.callsTo('ekm:run')[0].jobId);
    expect(w.attributes('data-status')).toBe('running');
    expect(w.get('[data-testid="progress-bar"]').classes()).toContain('indeterminate');

    api.emit({ type: 'progress', progress: { jobId, phase: 'ekm', fraction: 0.25, message: '1 of 4 combinations', elapsedMs: 1000, etaMs: 3000 } });
    await flush();
    expect(w.get('[data-testid="progress-bar"]').attributes('aria-valuenow')).toBe('25');
    expect(w.get('[data-testid="progress-percent"]').text()).toBe('25%');
    expect(w.get('[data-testid="progress-eta"]').text()).toBe('ETA 3.0 s');
    expect(w.get('[data-testid="status-text"]').text()).toBe('EKM fused k=3 (4 workers) — 1 of 4 combinations');
    // The live region announces the start, not every progress tick.
    const live = w.get('[data-testid="status-live"]');
    expect(live.attributes('role')).toBe('status');
    expect(live.attributes('aria-live')).toBe('polite');
    expect(live.text()).toBe('EKM fused k=3 (4 workers) started');

    // An event for another job (e.g. another window's) changes nothing.
    api.emit({ type: 'progress', progress: { jobId: 'someone-else', phase: 'ekm', fraction: 0.9, message: 'other', elapsedMs: 1, etaMs: 1 } });
    await flush();
    expect(w.get('[data-testid="progress-percent"]').text()).toBe('25%');

    expect(w.get('[data-testid="cancel"]').attributes('aria-disabled')).toBeUndefined();
    await w.get('[data-testid="cancel"]').trigger('click');
    await flush();
    expect(api.callsTo('job:cancel')).toEqual([{ jobId }]);
    expect(w.attributes('data-status')).toBe('cancelled');
    expect(w.get('[data-testid="status-text"]').text()).toBe('EKM fused k=3 (4 workers) cancelled');
    expect(w.get('[data-testid="status-live"]').text()).toBe('EKM fused k=3 (4 workers) cancelled');
    expect(w.find('[data-testid="progress-bar"]').exists()).toBe(false);
    expect(w.get('[data-testid="cancel"]').attributes('aria-disabled')).toBe('true');
  });

  it('shows the error of a failed job', async () => {
    const api = fakeApi({
      'dataset:open': () => summary(),
      'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 4 }),
      'kmeans:run': () => {
        throw Object.assign(new Error('k (9) is larger than the number of rows (4)'), { code: 'error' });
      },
    });
    const { store } = await setup(api);
    await store.openPath('/data/blobs.csv');
    const w = await mountPanel(StatusBar, store);
    await store.runSerial();
    await flush();
    expect(w.attributes('data-status')).toBe('error');
    expect(w.get('[data-testid="status-text"]').text()).toBe('k (9) is larger than the number of rows (4)');
    expect(w.get('[data-testid="status-live"]').text()).toBe('Error: k (9) is larger than the number of rows (4)');
  });

  it('says so when there is no host at all', async () => {
    const { createStore } = await import('../../src/renderer/src/store/store.ts');
    const store = createStore(() => undefined);
    await store.init();
    const w = await mountPanel(StatusBar, store);
    expect(w.attributes('data-status')).toBe('error');
    expect(w.get('[data-testid="status-text"]').text()).toMatch(/No workbench host/);
  });
});
