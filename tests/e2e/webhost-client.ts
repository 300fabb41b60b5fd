// Test clients for the web host: plain HTTP GETs and a raw WebSocket over node:net, so tests can
// send frames that no well-behaved client library would produce.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect as tcpConnect, type Socket } from 'node:net';
import WebSocket from 'ws';
import type { Envelope, WorkbenchEvent } from '../../src/shared/contract/index.ts';
import { decodeBinaryMessage } from '../../src/shared/contract/binary.ts';

/** A host message as the page reads it: JSON text, or a binary frame with typed arrays (contract/binary.ts). */
export function parseHostMessage(data: WebSocket.RawData, isBinary: boolean): unknown {
  if (!isBinary) return JSON.parse(String(data));
  const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  return decodeBinaryMessage(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
}

export interface HttpReply {
  status: number;
  type: string;
  body: string;
  headers: Record<string, unknown>;
}

export function httpGet(port: number, path: string, headers: Record<string, string> = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** One client frame; `masked: false` and any header bits let tests break the protocol on purpose. */
export function frame(opts: { fin?: boolean; rsv1?: boolean; opcode: number; payload?: Buffer; masked?: boolean; lengthHeader?: Buffer }): Buffer {
  const payload = opts.payload ?? Buffer.alloc(0);
  const masked = opts.masked ?? true;
  const b0 = (opts.fin === false ? 0 : 0x80) | (opts.rsv1 ? 0x40 : 0) | opts.opcode;
  let len: Buffer;
  if (opts.lengthHeader) len = Buffer.concat([Buffer.from([(masked ? 0x80 : 0) | 127]), opts.lengthHeader]);
  else if (payload.length < 126) len = Buffer.from([(masked ? 0x80 : 0) | payload.length]);
  else if (payload.length < 65536) {
    len = Buffer.alloc(3);
    len[0] = (masked ? 0x80 : 0) | 126;
    len.writeUInt16BE(payload.length, 1);
  } else {
    len = Buffer.alloc(9);
    len[0] = (masked ? 0x80 : 0) | 127;
    len.writeBigUInt64BE(BigInt(payload.length), 1);
  }
  if (!masked) return Buffer.concat([Buffer.from([b0]), len, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]));
  return Buffer.concat([Buffer.from([b0]), len, key, body]);
}

/** What the server did with a raw connection after the handshake: its close frame, if any. */
export interface RawOutcome {
  closeCode: number | null;
  closeReason: string;
}

/** Opens /ws with a hand-made handshake, writes `bytes`, and waits until the server ends the connection. */
export function rawWebSocket(port: number, token: string, bytes: Buffer): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const socket: Socket = tcpConnect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let upgraded = false;
    socket.on('connect', () => {
      socket.write(
        `GET /ws?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!upgraded) {
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = received.subarray(0, end).toString('latin1');
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`handshake refused: ${head.split('\r\n')[0]}`));
        upgraded = true;
        received = received.subarray(end + 4);
        socket.write(bytes);
      }
    });
    socket.on('error', () => undefined); // a reset after the server's close is an acceptable ending
    socket.on('close', () => {
      if (!upgraded) return reject(new Error('connection closed before the handshake'));
      // The server's first frame should be its close frame: opcode 8, unmasked, code + reason.
      if (received.length >= 4 && (received[0] & 0x0f) === 8) {
        const len = received[1] & 0x7f;
        const payload = received.subarray(2, 2 + len);
        resolve({ closeCode: payload.length >= 2 ? payload.readUInt16BE(0) : null, closeReason: payload.subarray(2).toString('utf8') });
      } else resolve({ closeCode: null, closeReason: '' });
    });
  });
}

/** A contract client over the web host's WebSocket: calls answered by id, events collected. */
export interface ContractClient {
  ws: WebSocket;
  events: WorkbenchEvent[];
  call(channel: string, payload: unknown): Promise<Envelope<unknown>>;
}

/** Connects with `token` (and extra handshake headers); rejects with "HTTP <status>" when refused. */
export function contractClient(port: number, token: string, headers: Record<string, string> = {}): Promise<ContractClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { headers });
    const events: WorkbenchEvent[] = [];
    const waiting = new Map<number, (e: Envelope<unknown>) => void>();
    let nextId = 1;
    ws.on('message', (data, isBinary) => {
      const msg = parseHostMessage(data, isBinary) as { id?: number; envelope?: Envelope<unknown>; event?: WorkbenchEvent };
      if (msg.event) events.push(msg.event);
      else if (msg.id !== undefined && msg.envelope) waiting.get(msg.id)?.(msg.envelope);
    });
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        events,
        call: (channel, payload) =>
          new Promise((ok) => {
            const id = nextId++;
            waiting.set(id, ok);
            ws.send(JSON.stringify({ id, channel, payload }));
          }),
      }),
    );
  });
}
