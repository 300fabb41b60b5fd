// Browser uploads: the file's bytes go to the host in chunks with progress in the status bar, a
// cancel stops between chunks, and the WebSocket client frames each chunk as id + bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { createWebSocketApi, type WebSocketLike } from '../../src/renderer/src/api/ws-client.ts';
import { fakeApi, flush, summary } from './fake-api.ts';
import { setup } from './mount.ts';

afterEach(() => {
  delete window.clusterbench;
});

const UPLOAD_ID = '0123456789abcdef';
const BYTES = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x4a, 0xe9, 0x2c, 0x31, 0x0a, 0x32, 0x2c, 0x33, 0x0a]); // "a,b\nJé,1\n2,3\n" in Latin-1

function uploadApi(opts: { chunkBytes: number; onChunk?: (n: number) => Promise<void> | void }) {
  const chunks: Uint8Array[] = [];
  const api = fakeApi({
    'upload:begin': () => ({ uploadId: UPLOAD_ID, chunkBytes: opts.chunkBytes }),
    'dataset:openUpload': () => summary({ name: 'latin1.csv', path: '', bytes: BYTES.length }),
    'dataset:points': () => ({ xName: 'x', yName: 'y', x: [], y: [], labels: [], centers: [], centerKind: null, k: 0, total: 0 }),
    'job:cancel': () => ({ cancelled: true }),
  });
  api.sendUploadChunk = async (id, bytes) => {
    expect(id).toBe(UPLOAD_ID);
    chunks.push(new Uint8Array(bytes));
    await opts.onChunk?.(chunks.length);
  };
  return { api, chunks };
}

/** Records what is sent; opens when told. */
class RecordingSocket implements WebSocketLike {
  readyState = 0;
  bufferedAmount = 0;
  sent: (string | ArrayBuffer)[] = [];
  private onOpen: (() => void)[] = [];
  send(data: string | ArrayBuffer): void {
    this.sent.push(data);
  }
  close(): void {}
  addEventListener(type: string, l: (ev: { data?: unknown }) => void): void {
    if (type === 'open') this.onOpen.push(() => l({}));
  }
  open(): void {
    this.readyState = 1;
    for (const l of this.onOpen) l();
  }
}

describe('upload from the browser', () => {
  it('sends every byte in order, in chunks, then opens the upload; progress rises to 100%', async () => {
    const fractions: (number | null)[] = [];
    const { api, chunks } = uploadApi({ chunkBytes: 4 });
    const { store } = await setup(api);
    api.sendUploadChunk = ((send) => async (id: string, b: ArrayBuffer) => {
      await send!(id, b);
      fractions.push(store.state.job?.progress?.fraction ?? null);
    })(api.sendUploadChunk);
    await store.openUpload(new File([BYTES], 'latin1.csv'));
    expect(chunks.map((c) => c.length)).toEqual([4, 4, 4, 1]);
    expect(chunks.flatMap((c) => Array.from(c))).toEqual(Array.from(BYTES));
    expect(api.callsTo('upload:begin')[0]).toMatchObject({ name: 'latin1.csv', bytes: BYTES.length });
    const [open] = api.callsTo('dataset:openUpload');
    expect(open).toMatchObject({ uploadId: UPLOAD_ID, jobId: api.callsTo('upload:begin')[0].jobId });
    // Progress after chunk i is shown while chunk i+1 is sent: 0 (begin), then 4/13, 8/13, 12/13.
    expect(fractions).toEqual([0, 4 / 13, 8 / 13, 12 / 13]);
    expect(store.state.job?.status).toBe('done');
    expect(store.state.dataset?.name).toBe('latin1.csv');
  });

  it('Cancel during the upload stops sending, tells the host, and never opens it', async () => {
    let release: () => void = () => undefined;
    const { api, chunks } = uploadApi({ chunkBytes: 2, onChunk: (n) => (n === 2 ? new Promise<void>((r) => (release = r)) : undefined) });
    const { store } = await setup(api);
    const done = store.openUpload(new File([BYTES], 'latin1.csv'));
    await flush();
    expect(store.state.job?.progress).toMatchObject({ phase: 'upload', fraction: 2 / 13, message: expect.stringMatching(/^uploading \S+ B of \S+ B$/) });
    await store.cancel();
    release();
    await done;
    expect(chunks.length).toBe(2);
    expect(api.callsTo('job:cancel')[0].jobId).toBe(api.callsTo('upload:begin')[0].jobId);
    expect(api.callsTo('dataset:openUpload')).toEqual([]);
    expect(store.state.job?.status).toBe('cancelled');
    expect(store.state.datasetError).toBeNull();
  });

  it('the WebSocket client frames a chunk as 16 id bytes + the bytes, as one binary message', async () => {
    const socket = new RecordingSocket();
    const api = createWebSocketApi('ws://h/ws?token=t', () => socket);
    const p = api.sendUploadChunk!(UPLOAD_ID, BYTES.slice(0, 5).buffer);
    await flush();
    socket.open();
    await p;
    expect(socket.sent).toHaveLength(1);
    const frame = new Uint8Array(socket.sent[0] as ArrayBuffer);
    expect(String.fromCharCode(...frame.subarray(0, 16))).toBe(UPLOAD_ID);
    expect(Array.from(frame.subarray(16))).toEqual(Array.from(BYTES.slice(0, 5)));
  });
});
