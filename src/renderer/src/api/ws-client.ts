// window.clusterbench for a plain browser tab: the contract over the web host's WebSocket.
// Same promise/envelope semantics as the Electron preload, so the app cannot tell them apart.
import type { ClusterbenchApi, Envelope, WorkbenchEvent } from '../../../shared/contract/api.ts';
import { decodeBinaryMessage } from '../../../shared/contract/binary.ts';
import { unwrapEnvelope } from '../../../shared/contract/envelope.ts';

// The web host's message shapes (src/main/webhost/protocol.ts; the renderer must not import main).
type WsMessage = { id: number; envelope: Envelope<unknown> } | { event: WorkbenchEvent };

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export interface WebSocketLike {
  readonly readyState: number;
  /** Bytes queued by send() and not yet handed to the network. */
  readonly bufferedAmount?: number;
  /** Browsers deliver binary frames as Blobs unless this is 'arraybuffer'. */
  binaryType?: string;
  send(data: string | ArrayBuffer): void;
  close(): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (ev: { data?: unknown }) => void): void;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

const OPEN = 1;
/** Upload frames start with the upload id (16 ASCII bytes; the host's services/uploads.ts). */
const UPLOAD_ID_BYTES = 16;
/** An upload waits while more than this is queued, so memory stays bounded and progress is true. */
const SEND_QUEUE_HIGH_BYTES = 4 * 1024 * 1024;

function connectionError(message: string): Error {
  return Object.assign(new Error(message), { code: 'disconnected' });
}

/** `wsUrl` is ws://host/ws?token=…; one socket, opened lazily and re-opened after a drop. */
export function createWebSocketApi(wsUrl: string, factory: WebSocketFactory = (u) => new WebSocket(u)): ClusterbenchApi {
  let socket: Promise<WebSocketLike> | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(e: WorkbenchEvent) => void>();

  function connect(): Promise<WebSocketLike> {
    if (socket) return socket;
    const attempt = new Promise<WebSocketLike>((resolve, reject) => {
      const ws = factory(wsUrl);
      ws.binaryType = 'arraybuffer'; // replies with typed arrays come as binary frames (contract/binary.ts)
      let opened = false;
      ws.addEventListener('open', () => {
        opened = true;
        resolve(ws);
      });
      ws.addEventListener('message', (ev) => {
        let msg: WsMessage;
        try {
          msg = (ev.data instanceof ArrayBuffer ? decodeBinaryMessage(ev.data) : JSON.parse(String(ev.data))) as WsMessage;
        } catch {
          return;
        }
        if ('event' in msg) {
          for (const l of [...listeners]) l(msg.event);
          return;
        }
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        try {
          p.resolve(unwrapEnvelope(msg.envelope));
        } catch (err) {
          p.reject(err as Error);
        }
      });
      ws.addEventListener('close', () => {
        if (socket === attempt) socket = null;
        const err = opened
          ? connectionError('The connection to the Clusterbench web host closed. Is `npm run serve` still running?')
          : connectionError('Could not connect to the Clusterbench web host (a wrong or missing ?token= in the URL is refused).');
        if (!opened) reject(err);
        for (const [id, p] of pending) {
          pending.delete(id);
          p.reject(err);
        }
      });
    });
    socket = attempt;
    return attempt;
  }

  return {
    transport: 'web',
    async invoke(channel, payload) {
      const ws = await connect();
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        try {
          if (ws.readyState !== OPEN) throw connectionError('The connection to the Clusterbench web host is not open.');
          ws.send(JSON.stringify({ id, channel, payload }));
        } catch (err) {
          pending.delete(id);
          reject(err as Error);
        }
      });
    },
    async sendUploadChunk(uploadId, bytes) {
      const ws = await connect();
      if (uploadId.length !== UPLOAD_ID_BYTES) throw new Error(`Bad upload id "${uploadId}"`);
      const frame = new Uint8Array(UPLOAD_ID_BYTES + bytes.byteLength);
      for (let i = 0; i < UPLOAD_ID_BYTES; i++) frame[i] = uploadId.charCodeAt(i);
      frame.set(new Uint8Array(bytes), UPLOAD_ID_BYTES);
      if (ws.readyState !== OPEN) throw connectionError('The connection to the Clusterbench web host is not open.');
      ws.send(frame.buffer);
      while ((ws.bufferedAmount ?? 0) > SEND_QUEUE_HIGH_BYTES) {
        if (ws.readyState !== OPEN) throw connectionError('The connection to the Clusterbench web host closed during the upload.');
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined); // events flow only over an open socket
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** The web host's socket URL for this page, token taken from the page URL (kept for reloads). */
export function webSocketUrlFor(location: Location, storage?: Storage): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  let token = fromUrl ?? '';
  try {
    if (fromUrl) storage?.setItem('clusterbench.token', fromUrl);
    else token = storage?.getItem('clusterbench.token') ?? '';
  } catch {
    /* storage can be disabled; the URL token still works */
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/ws?token=${encodeURIComponent(token)}`;
}

/** Installs the WebSocket api as window.clusterbench unless a host (Electron preload) provided one. */
export function installWebApiIfMissing(win: Window = window): void {
  if (win.clusterbench) return;
  win.clusterbench = createWebSocketApi(webSocketUrlFor(win.location, win.sessionStorage));
}
