// Calls a Workbench through the same dispatch the IPC and WebSocket hosts use, unwrapping the
// envelope: a refused request throws `code: message`, with `code` on the error for assertions.
import type { Workbench } from '../../../src/main/services/workbench.ts';
import { createDispatch } from '../../../src/main/services/dispatch.ts';
import type { Envelope, RequestOutputs, WorkbenchEvent } from '../../../src/shared/contract/index.ts';

export type ContractCall = <C extends keyof RequestOutputs>(channel: C, payload: unknown) => Promise<RequestOutputs[C]>;

export function contractCaller(wb: Workbench, emit: (event: WorkbenchEvent) => void = () => {}): ContractCall {
  const dispatch = createDispatch(wb.handlers());
  return async (channel, payload) => {
    const env = (await dispatch(channel, payload, { emit })) as Envelope<never>;
    if (!env.ok) throw Object.assign(new Error(`${env.error.code}: ${env.error.message}`), { code: env.error.code });
    return env.value;
  };
}
