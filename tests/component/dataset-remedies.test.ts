// The error panel's ways forward: "Skip bad rows" for the ragged error, "Decimal comma" when the
// loader hints decimal commas. The fake host runs the real loader (and the host's content-free
// error rewrite for files not yet loaded), so the buttons follow the loader's actual messages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import DatasetPanel from '../../src/renderer/src/components/DatasetPanel.vue';
import { parseCsvText } from '../../src/main/engine/dataset/csv.ts';
import { clientLoadError } from '../../src/main/services/unparsed-file-errors.ts';
import type { LoadOptions } from '../../src/shared/types.ts';
import { fakeApi, flush } from './fake-api.ts';
import { mountPanel, setup } from './mount.ts';

const FILES: Record<string, string> = {
  '/data/ragged.csv': 'x,y\n1,2\n3,4\n5\n7,8\n9,10,11\n',
  '/data/komma.csv': 'w;h\n1,5;2,25\n-3,75;4,5\n',
  '/data/names.csv': 'name\nann\nbob\n',
};

function loaderHost() {
  const api = fakeApi({
    'dataset:open': async (p) => {
      try {
        const { summary } = await parseCsvText(FILES[p.path as string], p.options as LoadOptions, (p.path as string).split('/').pop());
        return summary;
      } catch (err) {
        const e = clientLoadError(err, false) as Error & { code: string };
        throw Object.assign(new Error(e.message), { code: e.code });
      }
    },
    'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 0 }),
    'dataset:close': () => ({ closed: true }),
  });
  return api;
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  document.body.innerHTML = '';
  delete window.clusterbench;
});

describe('DatasetPanel error remedies', () => {
  it('offers "Skip bad rows" for too many ragged rows; it reopens the same file with badRows skip', async () => {
    const api = loaderHost();
    const { store } = await setup(api);
    const w = await mountPanel(DatasetPanel, store);
    await store.openPath('/data/ragged.csv', { scaling: 'zscore' });
    await flush();
    expect(w.get('[data-testid="dataset-error"]').text()).toContain('ragged');
    expect(w.find('[data-testid="remedy-decimal-comma"]').exists()).toBe(false);

    await w.get('[data-testid="remedy-skip-bad-rows"]').trigger('click');
    await flush();
    const opens = api.callsTo('dataset:open');
    expect(opens).toHaveLength(2);
    expect(opens[1]).toMatchObject({ path: '/data/ragged.csv', options: { scaling: 'zscore', badRows: 'skip' } });
    expect(w.find('[data-testid="dataset-error"]').exists()).toBe(false);
    expect(store.state.dataset?.rows).toBe(3);
    expect(w.get('[data-testid="dataset-meta"]').text()).toContain('2 bad rows skipped');
    expect(w.get('[data-testid="dataset-warnings"]').text()).toContain('skipped as asked (lines 4, 6;');

    // Reloading with other choices keeps reading the file the way that worked.
    await w.get('[data-testid="scaling"]').setValue('none');
    await w.get('[data-testid="reload"]').trigger('click');
    await flush();
    expect(api.callsTo('dataset:open')[2].options).toMatchObject({ scaling: 'none', badRows: 'skip' });
    expect(store.state.dataset?.rows).toBe(3);
  });

  it('offers "Decimal comma" when the loader hints it, through the host\'s content-free message', async () => {
    const api = loaderHost();
    const { store } = await setup(api);
    const w = await mountPanel(DatasetPanel, store);
    await store.openPath('/data/komma.csv');
    await flush();
    const message = w.get('[data-testid="dataset-error-message"]').text();
    expect(message).not.toMatch(/"w"|"1,5"|line 2/); // the host does not quote a file that never loaded
    expect(w.find('[data-testid="remedy-skip-bad-rows"]').exists()).toBe(false);

    await w.get('[data-testid="remedy-decimal-comma"]').trigger('click');
    await flush();
    expect(api.callsTo('dataset:open')[1].options).toMatchObject({ decimal: ',' });
    expect(store.state.dataset?.features).toEqual(['w', 'h']);
    expect(w.get('[data-testid="dataset-meta"]').text()).toContain('decimal comma');

    // A new file starts again from the plain reading.
    await store.openPath('/data/ragged.csv');
    await flush();
    expect(api.callsTo('dataset:open')[2].options).not.toHaveProperty('decimal');
  });

  it('offers nothing when the loader names no way forward', async () => {
    const api = loaderHost();
    const { store } = await setup(api);
    const w = await mountPanel(DatasetPanel, store);
    await store.openPath('/data/names.csv');
    await flush();
    expect(w.get('[data-testid="dataset-error"]').text()).toContain('no-numeric-column');
    expect(w.find('[data-testid^="remedy-"]').exists()).toBe(false);
  });
});
