// Mounts a panel with a store over a fake window.clusterbench.
import { mount } from '@vue/test-utils';
import type { Component } from 'vue';
import { createStore, STORE_KEY, type Store } from '../../src/renderer/src/store/store.ts';
import { fakeApi, flush, type FakeApi } from './fake-api.ts';
import type { AppInfo } from '../../src/shared/contract/index.ts';

export function appInfo(over: Partial<AppInfo> = {}): AppInfo {
  return {
    machine: { cpuModel: 'Test CPU', logicalCores: 4, totalMemoryBytes: 8e9, os: 'linux', node: '20', v8: '11', electron: null, appVersion: '0.1.0' },
    transport: 'web',
    defaultWorkers: 4,
    maxWorkers: 8,
    samples: [{ name: 'blobs-400.csv', path: '/res/blobs-400.csv', bytes: 7000, description: 'three blobs' }],
    ...over,
  };
}

export async function setup(api: FakeApi = fakeApi()): Promise<{ api: FakeApi; store: Store }> {
  api.answers['app:info'] ??= () => appInfo({ transport: api.transport });
  api.answers['history:list'] ??= () => ({ entries: [], warnings: [] });
  // The panels read the transport from window.clusterbench, as in the app.
  window.clusterbench = api;
  const store = createStore(() => api);
  await store.init();
  return { api, store };
}

export async function mountPanel(component: Component, store: Store) {
  const wrapper = mount(component, { global: { provide: { [STORE_KEY as symbol]: store } }, attachTo: document.body });
  await flush();
  return wrapper;
}
