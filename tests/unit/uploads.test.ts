// UploadSession: the host side of browser uploads. Bytes land in a private temp file in order;
// every way a client can get the protocol wrong is refused with its reason; nothing is left behind.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleUploadDirs, UPLOAD_ID_BYTES, UploadError, UploadSession } from '../../src/main/services/uploads.ts';

const frame = (id: string, bytes: Buffer | string) => Buffer.concat([Buffer.from(id, 'latin1'), Buffer.from(bytes)]);

describe('UploadSession', () => {
  it('writes the chunks of an upload, in order, to a private file with exactly the bytes sent', () => {
    const s = new UploadSession();
    const bytes = Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x2c, 0x31, 0x0a, 0x00, 0xff]); // Latin-1 é, a NUL, 0xff
    const { uploadId, chunkBytes } = s.begin('job-1', 'x.csv', bytes.length);
    expect(uploadId).toMatch(/^[0-9a-f]{16}$/);
    expect(uploadId.length).toBe(UPLOAD_ID_BYTES);
    expect(chunkBytes).toBeGreaterThan(0);
    s.chunk(frame(uploadId, bytes.subarray(0, 4)));
    s.chunk(frame(uploadId, bytes.subarray(4)));
    const file = s.finish(uploadId);
    expect(file).toMatchObject({ name: 'x.csv', bytes: bytes.length });
    expect(readFileSync(file.path).equals(bytes)).toBe(true);
    expect(statSync(file.path).mode & 0o077).toBe(0); // only this user
    expect(statSync(dirname(file.path)).mode & 0o077).toBe(0);
    s.remove(file);
    expect(existsSync(file.path)).toBe(false);
    s.dispose();
    expect(existsSync(dirname(file.path))).toBe(false);
  });

  it('refuses frames for no upload, more bytes than declared, finishing early, and too many or too big uploads', () => {
    const s = new UploadSession({ maxBytes: 100, maxOpen: 2 });
    expect(() => s.chunk(Buffer.from('short'))).toThrow(UploadError);
    expect(() => s.chunk(frame('0123456789abcdef', 'x'))).toThrow(/names no upload/);
    const a = s.begin('j', 'a.csv', 3);
    expect(() => s.finish(a.uploadId)).toThrow(/0 of 3 bytes arrived/);
    expect(() => s.chunk(frame(a.uploadId, 'abcd'))).toThrow(/more bytes arrived than the 3 declared/);
    expect(() => s.finish(a.uploadId)).toThrow(/No upload/); // the overflowing upload was dropped
    expect(() => s.begin('j', 'big.csv', 101)).toThrow(/at most 100 bytes/);
    s.begin('j', 'b.csv', 1);
    s.begin('j', 'c.csv', 1);
    expect(() => s.begin('j', 'd.csv', 1)).toThrow(/At most 2 uploads/);
    s.dispose();
  });

  it('a cancelled upload is deleted and its frames still in flight are dropped, not a protocol error', () => {
    const s = new UploadSession();
    const { uploadId } = s.begin('job-9', 'x.csv', 10);
    s.chunk(frame(uploadId, '12345'));
    expect(s.cancelJob('other-job')).toBe(false);
    expect(s.cancelJob('job-9')).toBe(true);
    expect(() => s.chunk(frame(uploadId, '67890'))).not.toThrow();
    expect(() => s.finish(uploadId)).toThrow(/No upload/);
    s.dispose();
  });

  it('dispose deletes uploads still in progress', () => {
    const s = new UploadSession();
    const { uploadId } = s.begin('j', 'x.csv', 10);
    s.chunk(frame(uploadId, '12345'));
    const done = s.begin('j', 'y.csv', 1);
    s.chunk(frame(done.uploadId, 'z'));
    const file = s.finish(done.uploadId);
    s.dispose();
    expect(existsSync(dirname(file.path))).toBe(false);
  });
});

describe('removeStaleUploadDirs', () => {
  it('removes upload folders of host processes that are gone, keeps this process\'s and other names', async () => {
    const tmp = await mkdtemp(join(os.tmpdir(), 'cb-stale-'));
    try {
      // A pid that surely ended: a child that already exited.
      const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
      await mkdir(join(tmp, `clusterbench-upload-${gone}-abc123`));
      await writeFile(join(tmp, `clusterbench-upload-${gone}-abc123`, 'x.csv'), 'half');
      await mkdir(join(tmp, `clusterbench-upload-${process.pid}-def456`));
      await mkdir(join(tmp, 'clusterbench-upload-notapid-x'));
      await mkdir(join(tmp, 'something-else'));
      expect(removeStaleUploadDirs(tmp)).toEqual([`clusterbench-upload-${gone}-abc123`]);
      expect(existsSync(join(tmp, `clusterbench-upload-${process.pid}-def456`))).toBe(true);
      expect(existsSync(join(tmp, 'clusterbench-upload-notapid-x'))).toBe(true);
      expect(existsSync(join(tmp, 'something-else'))).toBe(true);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});

describe('UploadSession on a failing disk', () => {
  it('a write error fails that upload (said when it is opened) and deletes it; the connection goes on', () => {
    const enospc = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const s = new UploadSession({
      write: () => {
        throw enospc;
      },
    });
    const { uploadId } = s.begin('j', 'big.csv', 10);
    expect(() => s.chunk(frame(uploadId, '12345'))).not.toThrow();
    expect(() => s.chunk(frame(uploadId, '67890'))).not.toThrow(); // still in flight: dropped
    expect(() => s.finish(uploadId)).toThrow(/big\.csv could not be stored on the host: ENOSPC/);
    try {
      s.finish(uploadId);
    } catch (err) {
      expect((err as UploadError).code).toBe('upload-failed');
    }
    s.dispose();
  });
});
