// Messages of the web host's WebSocket. The renderer's ws-client speaks the same shapes (it keeps
// its own three-line copy because the renderer bundle must not import from src/main).
import type { Envelope, WorkbenchEvent } from '../../shared/contract/index.ts';

/** Browser → host: one contract call. `id` is chosen by the client and echoed in the reply. */
export interface WsRequest {
  id: number;
  channel: string;
  payload: unknown;
}

/** Host → browser: the reply to one call, or an event for this socket's jobs. */
export type WsMessage = { id: number; envelope: Envelope<unknown> } | { event: WorkbenchEvent };

export function parseWsRequest(raw: string): WsRequest | null {
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof msg !== 'object' || msg === null) return null;
  const { id, channel, payload } = msg as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || typeof channel !== 'string') return null;
  return { id, channel, payload };
}
