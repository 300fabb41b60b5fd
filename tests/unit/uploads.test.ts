// UploadSession: the host side of browser uploads. Bytes land in a private temp file in order;
// every way a client can get the protocol wrong is refused with its reason; nothing is left behind.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UPLOAD_ID_BYTES, UploadError, UploadSession } from '../../src/main/services/uploads.ts';

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
