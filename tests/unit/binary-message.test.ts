// contract/binary.ts: typed arrays in a web-host reply travel as raw bytes. Round trips are checked
// element by element against the arrays sent, and a frame cut short is refused, never half-read.
import { describe, expect, it } from 'vitest';
import { decodeBinaryMessage, encodeMessage, isBinaryMessage } from '../../src/shared/contract/binary.ts';

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

describe('binary messages', () => {
  it('leave a message without typed arrays as its JSON text', () => {
    const msg = { id: 3, envelope: { ok: true, value: { a: [1, 2], s: 'x' } } };
    expect(encodeMessage(msg)).toBe(JSON.stringify(msg));
  });

  it('carry every typed-array kind, views into larger buffers and odd lengths, bit for bit', () => {
    const big = new Float64Array(50).map((_, i) => i * Math.PI - 7);
    const msg = {
      id: 9,
      envelope: {
        ok: true,
        value: {
          x: big.subarray(3, 20), // a view with a byte offset
          f32: Float32Array.from([1.5, -0, NaN, Infinity]),
          i32: Int32Array.from([-2147483648, 0, 2147483647]),
          u32: Uint32Array.from([4294967295]),
          i16: Int16Array.from([-32768, 5, 7]),
          u16: Uint16Array.from([65535]),
          i8: Int8Array.from([-128, 1, 2, 3, 4]),
          u8: Uint8Array.from([255, 0, 1]),
          empty: new Float64Array(0),
          nested: [{ labels: Int32Array.from([0, 1, 2, 1]) }],
          name: 'PC1 (72.9% of variance)',
        },
      },
    };
    const frame = encodeMessage(msg);
    expect(frame).toBeInstanceOf(Uint8Array);
    const buf = arrayBufferOf(frame as Uint8Array);
    expect(isBinaryMessage(buf)).toBe(true);
    const back = decodeBinaryMessage(buf) as typeof msg;
    const v = back.envelope.value;
    expect(back.id).toBe(9);
    expect(v.name).toBe(msg.envelope.value.name);
    for (const key of ['x', 'f32', 'i32', 'u32', 'i16', 'u16', 'i8', 'u8', 'empty'] as const) {
      const sent = msg.envelope.value[key];
      const got = v[key];
      expect(got.constructor, key).toBe(sent.constructor);
      expect(Array.from(got as ArrayLike<number>), key).toEqual(Array.from(sent as ArrayLike<number>));
    }
    expect(Object.is(v.f32[1], -0)).toBe(true);
    expect(Array.from(v.nested[0].labels)).toEqual([0, 1, 2, 1]);
  });

  it('refuses frames that are cut short or not ours', () => {
    const frame = encodeMessage({ x: new Float64Array(100) }) as Uint8Array;
    expect(() => decodeBinaryMessage(arrayBufferOf(frame.subarray(0, frame.length - 8)))).toThrow(/runs past the end/);
    expect(() => decodeBinaryMessage(arrayBufferOf(frame.subarray(0, 12)))).toThrow(/Truncated/);
    expect(isBinaryMessage(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]).buffer)).toBe(false);
    expect(() => decodeBinaryMessage(new Uint8Array(16).buffer)).toThrow(/bad magic/);
  });

  it('refuses typed arrays it cannot decode rather than sending them wrong', () => {
    expect(() => encodeMessage({ big: new BigInt64Array(2) })).toThrow(/BigInt64Array/);
  });
});
