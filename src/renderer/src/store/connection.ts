// The link to the host: what it says about itself, its samples, and its event stream.
import type { AppInfo, ClusterbenchApi, SampleInfo } from '../../../shared/contract/api.ts';
import { errorInfo, type StoreContext } from './context.ts';
import type { History } from './history.ts';
import type { Jobs } from './jobs.ts';
import type { TabId } from './types.ts';

export function connectionState() {
  return {
    info: null as AppInfo | null,
    connectionError: null as string | null,
    samples: [] as SampleInfo[],
    tab: 'data' as TabId,
  };
}

export function createConnection({ state, api, call }: StoreContext, { onEvent }: Pick<Jobs, 'onEvent'>, { refreshHistory }: Pick<History, 'refreshHistory'>) {
  let unsubscribe: (() => void) | null = null;

  async function init(): Promise<void> {
    let a: ClusterbenchApi;
    try {
      a = api();
    } catch (err) {
      state.connectionError = errorInfo(err).message;
      return;
    }
    unsubscribe?.();
    unsubscribe = a.onEvent(onEvent);
    try {
      const info = await call('app:info', {});
      state.info = info;
      state.samples = info.samples;
      state.connectionError = null;
    } catch (err) {
      state.connectionError = errorInfo(err).message;
      return;
    }
    void refreshHistory();
  }

  function dispose(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  return { init, dispose };
}
