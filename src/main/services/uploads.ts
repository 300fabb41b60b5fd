// Files a web page uploads: the browser sends the file's bytes (binary WebSocket frames, in
// chunks), the host writes them to a private temp file and then loads that file with the same
// loader as a typed path, so encoding detection, size and SHA-256 are of the real file.
// One UploadSession per connection; everything it holds is deleted when the connection ends.
//
// Binary frame: UPLOAD_ID_BYTES bytes of upload id (ASCII hex, from `upload:begin`), then the
// next bytes of that file. Frames of one upload arrive in order (one WebSocket, ordered).
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../report/atomic.ts';

/** Length of an upload id, and of the header of every binary frame. */
export const UPLOAD_ID_BYTES = 16;
/** Bytes per frame the client is asked to send (well under the host's per-message limit). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Largest file one upload may declare (the loader streams it from disk; memory holds the numbers only). */
export const MAX_UPLOAD_BYTES = 16 * 1024 ** 3;
/** Uploads one connection may have open at once (begun, not yet opened or cancelled). */
export const MAX_OPEN_UPLOADS = 4;

/** Upload folders are `<tmp>/clusterbench-upload-<pid>-XXXXXX`: the pid says whose they are. */
const DIR_PREFIX = 'clusterbench-upload-';
const DIR_NAME = /^clusterbench-upload-(\d+)-/;
let sweptStale = false;

/**
 * Removes upload folders whose host process is gone (killed mid-upload, crashed): a connection's
 * folder is otherwise deleted when it closes. Returns the names removed; best effort.
 */
export function removeStaleUploadDirs(tmp = os.tmpdir()): string[] {
  let names: string[];
  try {
    names = readdirSync(tmp);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(DIR_NAME.exec(name)?.[1] ?? NaN);
    if (!Number.isSafeInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    try {
      rmSync(join(tmp, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      /* not ours to remove */
    }
  }
  return removed;
}

export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: 'upload-unknown' | 'upload-overflow' | 'upload-incomplete' | 'upload-limit' | 'upload-failed',
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

interface Upload {
  name: string;
  path: string;
  fd: number;
  declared: number;
  received: number;
  jobId: string;
}

export interface FinishedUpload {
  name: string;
  path: string;
  bytes: number;
}

export class UploadSession {
  private readonly open = new Map<string, Upload>();
  /**
   * Uploads ended early (cancelled, or the host could not store them) while the client may still
   * have frames in flight: those frames are dropped; a failure is reported when the client opens it.
   */
  private readonly ended = new Map<string, string | null>();
  private dir: string | null = null;

  constructor(private readonly limits: { maxBytes?: number; maxOpen?: number; write?: typeof writeSync } = {}) {}

  begin(jobId: string, name: string, bytes: number): { uploadId: string; chunkBytes: number } {
    const maxBytes = this.limits.maxBytes ?? MAX_UPLOAD_BYTES;
    const maxOpen = this.limits.maxOpen ?? MAX_OPEN_UPLOADS;
    if (bytes > maxBytes) throw new UploadError(`${name} is ${bytes.toLocaleString('en-US')} bytes; this host accepts uploads of at most ${maxBytes.toLocaleString('en-US')} bytes.`, 'upload-limit');
    if (this.open.size >= maxOpen) throw new UploadError(`At most ${maxOpen} uploads may be in progress on one connection; open or cancel one first.`, 'upload-limit');
    if (!sweptStale) {
      sweptStale = true; // once per process, on its first upload
      removeStaleUploadDirs();
    }
    // Private folder (mkdtemp: 0700), created on the first upload of this connection.
    this.dir ??= mkdtempSync(join(os.tmpdir(), `${DIR_PREFIX}${process.pid}-`));
    const uploadId = randomBytes(UPLOAD_ID_BYTES / 2).toString('hex');
    const path = join(this.dir, `${uploadId}.csv`);
    this.open.set(uploadId, { name, path, fd: openSync(path, 'wx', 0o600), declared: bytes, received: 0, jobId });
    return { uploadId, chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  /**
   * One binary frame. Written synchronously (one chunk to the page cache), so a fast client cannot
   * queue unbounded memory here: the socket is not read while this runs.
   */
  chunk(frame: Buffer): void {
    if (frame.length < UPLOAD_ID_BYTES) throw new UploadError(`A binary frame must start with the ${UPLOAD_ID_BYTES}-byte upload id.`, 'upload-unknown');
    const id = frame.subarray(0, UPLOAD_ID_BYTES).toString('latin1');
    const up = this.open.get(id);
    if (!up) {
      if (this.ended.has(id)) return; // in flight when it was cancelled or failed
      throw new UploadError('A binary frame names no upload begun on this connection (call upload:begin first).', 'upload-unknown');
    }
    const data = frame.subarray(UPLOAD_ID_BYTES);
    if (up.received + data.length > up.declared) {
      this.discard(id);
      throw new UploadError(`${up.name}: more bytes arrived than the ${up.declared.toLocaleString('en-US')} declared in upload:begin.`, 'upload-overflow');
    }
    try {
      const write = this.limits.write ?? writeSync; // tests inject a failing disk
      for (let at = 0; at < data.length; ) at += write(up.fd, data, at, data.length - at, up.received + at);
    } catch (err) {
      // Disk full, quota: this upload fails (said when it is opened); the connection stays.
      this.discard(id, `${up.name} could not be stored on the host: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    up.received += data.length;
  }

  /** Hands over a complete upload's file; the caller loads it, then calls `remove`. */
  finish(uploadId: string): FinishedUpload {
    const up = this.open.get(uploadId);
    const failure = this.ended.get(uploadId);
    if (failure) throw new UploadError(failure, 'upload-failed');
    if (!up) throw new UploadError(`No upload ${uploadId} is in progress on this connection (it was opened, cancelled, or never begun).`, 'upload-unknown');
    if (up.received !== up.declared) {
      throw new UploadError(`${up.name}: ${up.received.toLocaleString('en-US')} of ${up.declared.toLocaleString('en-US')} bytes arrived; the upload is incomplete.`, 'upload-incomplete');
    }
    this.open.delete(uploadId);
    closeSync(up.fd);
    return { name: up.name, path: up.path, bytes: up.received };
  }

  /** Deletes a finished upload's file (after it was loaded, or failed to load). */
  remove(file: FinishedUpload): void {
    rmSync(file.path, { force: true });
  }

  /** Cancels the uploads of a job (the user pressed Cancel while it was sending). */
  cancelJob(jobId: string): boolean {
    let any = false;
    for (const [id, up] of this.open) {
      if (up.jobId !== jobId) continue;
      this.discard(id);
      any = true;
    }
    return any;
  }

  /** Bytes received so far for an upload (tests, progress). */
  received(uploadId: string): number | undefined {
    return this.open.get(uploadId)?.received;
  }

  private discard(id: string, failure: string | null = null): void {
    const up = this.open.get(id);
    if (!up) return;
    this.open.delete(id);
    this.ended.set(id, failure);
    closeSync(up.fd);
    rmSync(up.path, { force: true });
  }

  /** The connection ended: every upload and the folder go. */
  dispose(): void {
    for (const id of [...this.open.keys()]) this.discard(id);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
