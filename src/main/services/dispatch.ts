// Binds the contract to handlers: validation, error envelopes, job registry. Transport-free:
// Electron's ipc.ts, the web host and tests all call `dispatch`.
import {
  ContractError,
  isRequestChannel,
  validateRequest,
  type Envelope,
  type RequestChannel,
  type RequestInput,
  type RequestOutput,
  type WorkbenchEvent,
} from '../../shared/contract/index.ts';
import type { UploadSession } from './uploads.ts';

export interface CallContext {
  /** Sends an event to the caller only (progress of the caller's jobs). */
  emit(event: WorkbenchEvent): void;
  /** The caller's uploads (web host connections only; see uploads.ts). */
  uploads?: UploadSession;
}

export type Handlers = {
  [C in RequestChannel]: (input: RequestInput<C>, ctx: CallContext) => Promise<RequestOutput<C>>;
};

export type Dispatch = (channel: string, payload: unknown, ctx: CallContext) => Promise<Envelope<unknown>>;

function errorCode(err: unknown): string {
  if (err instanceof ContractError) return err.code;
  const e = err as { code?: unknown; name?: unknown };
  if (typeof e?.code === 'string') return e.code;
  if (e?.name === 'CancelledError') return 'cancelled';
  return 'error';
}

export function createDispatch(handlers: Partial<Handlers>): Dispatch {
  return async (channel, payload, ctx) => {
    try {
      if (!isRequestChannel(channel)) throw new ContractError(`Unknown channel "${String(channel)}"`, 'unknown-channel');
      const input = validateRequest(channel, payload);
      const handler = handlers[channel] as ((i: unknown, c: CallContext) => Promise<unknown>) | undefined;
      if (!handler) throw new ContractError(`"${channel}" is not available in this host`, 'unsupported');
      return { ok: true, value: await handler(input, ctx) };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: errorCode(err), message } };
    }
  };
}
