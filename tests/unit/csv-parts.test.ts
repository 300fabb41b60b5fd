// The loader's parts on their own: the strict cell rule, the sniffers, the decoding stream.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DecodingStream, NotUtf8Error } from '../../src/main/engine/dataset/csv-decode.ts';
import { readCell } from '../../src/main/engine/dataset/csv-number.ts';
import { checkNotBinary, detectDelimiter, detectEncoding, detectLayout, detectNewline, looksLikeHeader } from '../../src/main/engine/dataset/csv-sniff.ts';

describe('readCell: the strict number rule', () => {
  const numbers: Array<[string, number]> = [
    ['0', 0],
    ['42', 42],
    ['-3.25', -3.25],
    ['+7', 7],
    ['.5', 0.5],
    ['5.', 5],
    ['007', 7],
    [' 1.5e3 ', 1500],
    ['\t-2E-2', -0.02],
    ['1e+2', 100],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['inf', Infinity],
    ['-INF', -Infinity],
  ];
  for (const [raw, want] of numbers) it(`${JSON.stringify(raw)} → ${want}`, () => expect(readCell(raw)).toBe(want));

  const missing = ['', '   ', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', '?', '-', ' na '];
  for (const raw of missing) it(`${JSON.stringify(raw)} is missing`, () => expect(readCell(raw)).toBeNaN());

  const text = ['713752e1x', '0x1F', '0b101', '1_000', '1,5', '1e', 'e5', '--1', '1.2.3', 'abc', '12abc', '½', 'Infinityx', 'None', '+-1'];
  for (const raw of text) it(`${JSON.stringify(raw)} is text`, () => expect(readCell(raw)).toBeUndefined());
});

describe('sniffers', () => {
  it('line endings: LF, CRLF, lone CR, and a quoted newline before the first real one', () => {
    expect(detectNewline('a,b\n1,2')).toBe('\n');
    expect(detectNewline('a,b\r\n1,2')).toBe('\r\n');
    expect(detectNewline('a,b\r1,2')).toBe('\r');
    expect(detectNewline('"x\ny",b\r\n1,2')).toBe('\r\n');
  });

  it('delimiter: most consistent split wins; one column defaults to comma', () => {
    expect(detectDelimiter('a,b,c\n1,2,3\n4,5,6\n', '\n', true)).toBe(',');
    expect(detectDelimiter('a;b\n1,5;2\n3,5;4\n', '\n', true)).toBe(';');
    expect(detectDelimiter('name\tvalue\nSmith, J\t5\nDoe, A\t6\n', '\n', true)).toBe('\t');
    expect(detectDelimiter('v\n1\n2\n', '\n', true)).toBe(',');
  });

  it('header: a first row with no number and some text', () => {
    expect(looksLikeHeader(['x', 'y'])).toBe(true);
    expect(looksLikeHeader(['', 'y'])).toBe(true);
    expect(looksLikeHeader(['x', '2'])).toBe(false);
    expect(looksLikeHeader(['NA', 'NA'])).toBe(false);
  });

  it('layout of a file cut by the sniff window ignores the cut last row', () => {
    const layout = detectLayout('x,y\n1,2\n3,4\n5', false, {});
    expect(layout).toEqual({ delimiter: ',', newline: '\n', hasHeader: true, headerDetected: true, width: 2, headerFix: 'none' });
  });

  it('encoding: valid UTF-8, invalid UTF-8 → Latin-1, UTF-16 BOMs; a character cut by the window end is fine', () => {
    expect(detectEncoding(Buffer.from('x,é\n', 'utf8'), true)).toBe('utf-8');
    expect(detectEncoding(Buffer.from('x,é\n', 'latin1'), true)).toBe('windows-1252');
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x78, 0]), true)).toBe('utf-16le');
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0, 0x78]), true)).toBe('utf-16be');
    const cut = Buffer.from('x,é', 'utf8').subarray(0, 3);
    expect(detectEncoding(cut, false)).toBe('utf-8');
    expect(detectEncoding(cut, true)).toBe('windows-1252');
  });

  it('binary check: NUL bytes and control characters, but not tabs, CR, LF or UTF-16', () => {
    expect(() => checkNotBinary(Buffer.from('a\tb\r\nc\fd\n'))).not.toThrow();
    expect(() => checkNotBinary(Buffer.from([0x61, 0, 0x62]))).toThrow(/NUL byte at byte 2/);
    expect(() => checkNotBinary(Buffer.from('x,y', 'utf16le'))).toThrow(/NUL/); // UTF-16 without a BOM: not recognised
    expect(() => checkNotBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('x,y', 'utf16le')]))).not.toThrow();
  });
});

async function decodeChunks(chunks: Buffer[], encoding: 'utf-8' | 'windows-1252'): Promise<string> {
  const out: string[] = [];
  const dec = new DecodingStream(encoding);
  Readable.from(chunks).pipe(dec);
  for await (const s of dec) out.push(s as string);
  return out.join('');
}

describe('DecodingStream', () => {
  it('joins a multi-byte character split across chunks, at every split point', async () => {
    const bytes = Buffer.from('a,€ü😀\n', 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await decodeChunks([bytes.subarray(0, cut), bytes.subarray(cut)], 'utf-8')).toBe('a,€ü😀\n');
    }
  });

  it('fails with NotUtf8Error at the first invalid byte so the loader can re-read as Latin-1', async () => {
    await expect(decodeChunks([Buffer.from('ok\n'), Buffer.from([0x63, 0xe9, 0x0a])], 'utf-8')).rejects.toBeInstanceOf(NotUtf8Error);
    expect(await decodeChunks([Buffer.from([0x63, 0xe9, 0x80])], 'windows-1252')).toBe('cé€');
  });

  it('drops a UTF-8 BOM even when decoding as Latin-1', async () => {
    expect(await decodeChunks([Buffer.from([0xef, 0xbb, 0xbf, 0x78, 0xe9])], 'windows-1252')).toBe('xé');
  });

  it('hashes and counts every byte', async () => {
    const dec = new DecodingStream('utf-8');
    Readable.from([Buffer.from('abc')]).pipe(dec);
    for await (const _ of dec) void _;
    expect(dec.bytesIn).toBe(3);
    expect(dec.digest()).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
