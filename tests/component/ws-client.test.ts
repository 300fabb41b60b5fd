// The browser's window.clusterbench over the web host's WebSocket, against a scripted socket.
import { afterEach, describe, expect, it } from 'vitest';
import { createWebSocketApi, installWebApiIfMissing, webSocketUrlFor, type WebSocketLike } from '../../src/renderer/src/api/ws-client.ts';
import type { WorkbenchEvent } from '../../src/shared/contract/index.ts';
import { encodeMessage } from '../../src/shared/contract/binary.ts';
import { flush } from './fake-api.ts';

type Listener = (ev: { data?: unknown }) => void;

class ScriptedSocket implements WebSocketLike {
  readyState = 0;
  binaryType = 'blob';
  sent: { id: number; channel: string; payload: unknown }[] = [];
  private listeners = new Map<string, Listener[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, l: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.fire('close', {});
  }
  fire(type: string, ev: { data?: unknown }): void {
    if (type === 'open') this.readyState = 1;
    if (type === 'close') this.readyState = 3;
    for (const l of this.listeners.get(type) ?? []) l(ev);
  }
  reply(msg: unknown): void {
    this.fire('message', { data: JSON.stringify(msg) });
  }
}

function scripted() {
  const sockets: ScriptedSocket[] = [];
  const api = createWebSocketApi('ws://h/ws?token=t', (url) => {
    const s = new ScriptedSocket(url);
    sockets.push(s);
    return s;
  });
  return { api, sockets };
}

afterEach(() => {
  delete window.clusterbench;
  sessionStorage.clear();
});

describe('WebSocket api', () => {
  it('asks for binary frames as ArrayBuffers and resolves a binary reply with its typed arrays', async () => {
    const { api, sockets } = scripted();
    const p = api.invoke('dataset:points', { datasetId: 'd', x: 'x', y: 'y', maxPoints: 10 });
    await flush();
    expect(sockets[0].binaryType).toBe('arraybuffer');
    sockets[0].fire('open', {});
    await flush();
    const x = Float64Array.from([1.5, 2.25, -3]);
    const frame = encodeMessage({ id: 1, envelope: { ok: true, value: { x, labels: Int32Array.from([0, 2, 1]), xName: 'x' } } }) as Uint8Array;
    sockets[0].fire('message', { data: frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength) });
    const value = (await p) as unknown as { x: Float64Array; labels: Int32Array; xName: string };
    expect(value.x).toBeInstanceOf(Float64Array);
    expect(Array.from(value.x)).toEqual([1.5, 2.25, -3]);
    expect(Array.from(value.labels)).toEqual([0, 2, 1]);
    expect(value.xName).toBe('x');
  });

  it('sends {id, channel, payload} once open and resolves with the envelope value', async () => {
    const { api, sockets } = scripted();
    const p = api.invoke('dataset:samples', {});
    await flush();
    expect(sockets).toHaveLength(1);
    expect(sockets[0].url).toBe('ws://h/ws?token=t');
    expect(sockets[0].sent).toEqual([]); // not open yet
    sockets[0].fire('open', {});
    await flush();
    expect(sockets[0].sent).toEqual([{ id: 1, channel: 'dataset:samples', payload: {} }]);
    sockets[0].reply({ id: 1, envelope: { ok: true, value: ['s'] } });
    await expect(p).resolves.toEqual(['s']);
    expect(api.transport).toBe('web');
  });

  it('matches replies by id, out of order, and turns error envelopes into Errors with a code', async () => {
    const { api, sockets } = scripted();
    const a = api.invoke('history:list', {});
    const b = api.invoke('job:cancel', { jobId: 'j' });
    await flush();
    sockets[0].fire('open', {});
    await flush();
    const [ida, idb] = sockets[0].sent.map((m) => m.id);
    expect(ida).not.toBe(idb);
    sockets[0].reply({ id: idb, envelope: { ok: false, error: { code: 'invalid-payload', message: 'bad jobId' } } });
    sockets[0].reply({ id: ida, envelope: { ok: true, value: { entries: [], warnings: [] } } });
    await expect(b).rejects.toMatchObject({ message: 'bad jobId', code: 'invalid-payload' });
    await expect(a).resolves.toEqual({ entries: [], warnings: [] });
  });

  it('delivers events to listeners until they unsubscribe', async () => {
    const { api, sockets } = scripted();
    const got: WorkbenchEvent[] = [];
    const off = api.onEvent((e) => got.push(e));
    await flush();
    sockets[0].fire('open', {});
    const ev: WorkbenchEvent = { type: 'menu', action: 'cancel' };
    sockets[0].reply({ event: ev });
    off();
    sockets[0].reply({ event: ev });
    expect(got).toEqual([ev]);
  });

  it('rejects pending calls when the socket drops, and reconnects for the next call', async () => {
    const { api, sockets } = scripted();
    const p = api.invoke('dataset:samples', {});
    await flush();
    sockets[0].fire('open', {});
    await flush();
    sockets[0].close();
    await expect(p).rejects.toMatchObject({ code: 'disconnected' });
    const q = api.invoke('dataset:samples', {});
    await flush();
    expect(sockets).toHaveLength(2);
    sockets[1].fire('open', {});
    await flush();
    sockets[1].reply({ id: sockets[1].sent[0].id, envelope: { ok: true, value: [] } });
    await expect(q).resolves.toEqual([]);
  });

  it('explains a refused connection (bad token)', async () => {
    const { api, sockets } = scripted();
    const p = api.invoke('dataset:samples', {});
    await flush();
    sockets[0].close(); // closed before open: the upgrade was refused
    await expect(p).rejects.toThrow(/token/);
  });

  it('takes the token from the page URL and keeps it for reloads without it', () => {
    const at = (href: string) => new URL(href) as unknown as Location;
    expect(webSocketUrlFor(at('http://127.0.0.1:5000/?token=abc'), sessionStorage)).toBe('ws://127.0.0.1:5000/ws?token=abc');
    expect(webSocketUrlFor(at('http://127.0.0.1:5000/'), sessionStorage)).toBe('ws://127.0.0.1:5000/ws?token=abc');
    expect(webSocketUrlFor(at('https://host/?token=a%20b'))).toBe('wss://host/ws?token=a%20b');
  });

  it('installs itself only where no host api exists (Electron preload wins)', () => {
    const electron = { transport: 'electron' } as unknown as NonNullable<Window['clusterbench']>;
    window.clusterbench = electron;
    installWebApiIfMissing(window);
    expect(window.clusterbench).toBe(electron);
    delete window.clusterbench;
    installWebApiIfMissing(window);
    const installed: Window['clusterbench'] = Reflect.get(window, 'clusterbench');
    expect(installed?.transport).toBe('web');
  });
});
