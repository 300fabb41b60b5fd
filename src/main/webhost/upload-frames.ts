// The web host's binary frames: each is one chunk of a file upload (services/uploads.ts). A frame
// that breaks the upload protocol closes that connection only, saying why (1008).
import type { RawData, WebSocket } from 'ws';
import type { UploadSession } from '../services/uploads.ts';

function asBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function receiveUploadChunk(ws: WebSocket, uploads: UploadSession, data: RawData): void {
  try {
    uploads.chunk(asBuffer(data));
  } catch (err) {
    // A close reason is at most 123 bytes.
    const reason = Buffer.from(err instanceof Error ? err.message : String(err)).subarray(0, 123).toString();
    ws.close(1008, reason.replace(/\uFFFD$/, ''));
  }
}
