// Hostile WebSocket frames against a running web host (issue 12): each one must close only its own
// connection, with a close code, while the server keeps answering other clients and a job started
// on another connection keeps running. Before the fix the first bad frame killed the process.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Handlers } from '../../src/main/services/dispatch.ts';
import { startWebHost, type WebHost } from '../../src/main/webhost/server.ts';
import { contractClient, frame, rawWebSocket } from './webhost-client.ts';

const MAX = 4096;
let staticDir: string;
let host: WebHost;
const cancelled: string[] = [];
let finishJob: ((v: unknown) => void) | null = null;

const handlers: Partial<Handlers> = {
  'dataset:samples': async () => [],
  'kmeans:run': () => new Promise((resolve) => (finishJob = resolve as (v: unknown) => void)),
  'job:cancel': async ({ jobId }) => {
    cancelled.push(jobId);
    return { cancelled: true };
  },
};

function closePayload(code: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(code);
  return b;
}

const hugeLength = Buffer.from([0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

const attacks: [string, Buffer, number][] = [
  ['invalid UTF-8 text frame', frame({ opcode: 1, payload: Buffer.from([0xff, 0xfe, 0xfd]) }), 1007],
  ['RSV1 set without an extension', frame({ opcode: 1, rsv1: true, payload: Buffer.from('{}') }), 1002],
  ['reserved opcode 3', frame({ opcode: 3, payload: Buffer.from('x') }), 1002],
  ['unmasked client frame', frame({ opcode: 1, payload: Buffer.from('{}'), masked: false }), 1002],
  ['fragmented ping', frame({ opcode: 9, fin: false, payload: Buffer.from('p') }), 1002],
  ['close code 999', frame({ opcode: 8, payload: closePayload(999) }), 1002],
  ['length header near 2^63', frame({ opcode: 1, lengthHeader: hugeLength }), 1009],
  ['continuation without a start', frame({ opcode: 0, payload: Buffer.from('x') }), 1002],
  ['frame over maxPayload', frame({ opcode: 1, payload: Buffer.alloc(MAX + 1, 0x20) }), 1009],
];

const openClient = () => contractClient(host.port, host.token);

beforeAll(async () => {
  staticDir = await mkdtemp(join(os.tmpdir(), 'clusterbench-frames-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startWebHost({ port: 0, handlers, staticDir, maxMessageBytes: MAX });
});

afterAll(async () => {
  await host?.close();
  await rm(staticDir, { recursive: true, force: true });
});

describe('web host: protocol errors are contained to their connection', () => {
  it('closes each bad connection with a close code; other clients and a running job carry on', async () => {
    const bystander = await openClient();
    const job = bystander.call('kmeans:run', { jobId: 'long-job', datasetId: 'd', params: { k: 2 } });
    await expect.poll(() => finishJob !== null).toBe(true);
    for (const [name, bytes, code] of attacks) {
      const outcome = await rawWebSocket(host.port, host.token, bytes);
      expect(outcome.closeCode, name).toBe(code);
      const fresh = await openClient();
      expect(await fresh.call('dataset:samples', {}), name).toEqual({ ok: true, value: [] });
      fresh.ws.close();
    }
    expect(bystander.ws.readyState).toBe(WebSocket.OPEN);
    expect(cancelled).toEqual([]);
    finishJob?.({ done: true });
    expect(await job).toEqual({ ok: true, value: { done: true } });
    bystander.ws.close();
  });

  it('says why an oversized message was refused', async () => {
    const outcome = await rawWebSocket(host.port, host.token, frame({ opcode: 1, payload: Buffer.alloc(MAX + 1, 0x20) }));
    expect(outcome.closeCode).toBe(1009);
    expect(outcome.closeReason).toMatch(/too big/i);
    expect(outcome.closeReason).toContain('4 KiB');
  });
});
