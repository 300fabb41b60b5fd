// Sends a browser File's bytes to the web host in chunks (upload:begin, binary frames through
// api.sendUploadChunk); the host then loads it like a typed path (dataset:openUpload). Progress is
// reported per chunk handed to the network; a cancel stops between chunks.
import type { ClusterbenchApi } from '../../../shared/contract/api.ts';

export interface UploadProgress {
  sent: number;
  total: number;
}

/** What uploadFile needs of a File (tests pass a Blob with a name). */
export interface UploadableFile {
  readonly name: string;
  readonly size: number;
  slice(start: number, end: number): Blob;
}

function cancelledError(): Error {
  return Object.assign(new Error('Upload cancelled'), { code: 'cancelled' });
}

/** Uploads `file` for job `jobId`; resolves with the upload id to pass to dataset:openUpload. */
export async function uploadFile(
  api: ClusterbenchApi,
  file: UploadableFile,
  jobId: string,
  onProgress: (p: UploadProgress) => void,
  cancelled: () => boolean,
): Promise<string> {
  const send = api.sendUploadChunk;
  if (!send) throw Object.assign(new Error('This host cannot receive file uploads; open the file by path.'), { code: 'unsupported' });
  if (file.size === 0) throw Object.assign(new Error(`${file.name} is empty (0 bytes).`), { code: 'empty-file' });
  const { uploadId, chunkBytes } = await api.invoke('upload:begin', { jobId, name: file.name, bytes: file.size });
  onProgress({ sent: 0, total: file.size });
  for (let at = 0; at < file.size; at += chunkBytes) {
    if (cancelled()) throw cancelledError();
    const bytes = await file.slice(at, Math.min(file.size, at + chunkBytes)).arrayBuffer();
    await send.call(api, uploadId, bytes);
    onProgress({ sent: at + bytes.byteLength, total: file.size });
  }
  if (cancelled()) throw cancelledError();
  return uploadId;
}
