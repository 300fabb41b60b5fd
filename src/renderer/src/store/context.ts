// What every store module shares: the one reactive state and the way to reach the host.
// Every call to the host goes through window.clusterbench (Electron preload or the web host's WebSocket client).
import type { ClusterbenchApi, RequestOutput } from '../../../shared/contract/api.ts';
import type { RequestChannel } from '../../../shared/contract/channels.ts';
import type { RequestPayload } from '../../../shared/contract/schemas.ts';
import type { StoreState } from './state.ts';

export interface StoreContext {
  state: StoreState;
  api(): ClusterbenchApi;
  call<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<RequestOutput<C>>;
}

export function errorInfo(err: unknown): { message: string; code: string } {
  const e = err as { message?: unknown; code?: unknown };
  return { message: typeof e?.message === 'string' ? e.message : String(err), code: typeof e?.code === 'string' ? e.code : 'error' };
}

export function createContext(state: StoreState, getApi: () => ClusterbenchApi | undefined): StoreContext {
  function api(): ClusterbenchApi {
    const a = getApi();
    if (!a) throw Object.assign(new Error('No workbench host: window.clusterbench is missing (open the app through Electron or `npm run serve`).'), { code: 'no-host' });
    return a;
  }
  function call<C extends RequestChannel>(channel: C, payload: RequestPayload<C>): Promise<RequestOutput<C>> {
    return api().invoke(channel, payload);
  }
  return { state, api, call };
}
