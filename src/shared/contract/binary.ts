// Typed arrays in a web-host reply travel as raw bytes in one binary WebSocket frame instead of
// JSON number lists: a 20,000-point scatter is ~0.4 MB of bytes the page reads in place, not a
// ~0.3 MB JSON text it must parse into 60,000 boxed numbers (issue 14, "Frozen"). Electron IPC
// needs none of this: structured clone carries typed arrays as they are.
//
// Frame: [magic "CBB1"][u32 LE header length][header: UTF-8 JSON, typed arrays replaced by
// {"$typed": kind, "offset": o, "length": n}][padding to 8][each array's bytes, 8-aligned].

const MAGIC = [0x43, 0x42, 0x42, 0x31]; // "CBB1"
const PREFIX_BYTES = 8;

const KINDS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
} as const;
type Kind = keyof typeof KINDS;
type Typed = InstanceType<(typeof KINDS)[Kind]>;

interface TypedMarker {
  $typed: Kind;
  offset: number;
  length: number;
}

function kindOf(value: unknown): Kind | null {
  if (!ArrayBuffer.isView(value) || value instanceof DataView) return null;
  for (const kind of Object.keys(KINDS) as Kind[]) if (value instanceof KINDS[kind]) return kind;
  return null;
}

const align8 = (n: number) => (n + 7) & ~7;

/**
 * A message with no typed array inside comes back as its JSON text; one with typed arrays as a
 * binary frame. Throws on a typed array of a kind the decoder does not know (BigInt arrays).
 */
export function encodeMessage(message: unknown): string | Uint8Array {
  const blobs: { bytes: Uint8Array; offset: number }[] = [];
  let used = 0;
  const header = JSON.stringify(message, (_key, value: unknown) => {
    if (!ArrayBuffer.isView(value)) return value;
    const kind = kindOf(value);
    if (!kind) throw new TypeError(`encodeMessage: ${value.constructor.name} cannot travel in a binary frame`);
    const typed = value as Typed;
    const bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
    const marker: TypedMarker = { $typed: kind, offset: used, length: typed.length };
    blobs.push({ bytes, offset: used });
    used = align8(used + bytes.byteLength);
    return marker;
  });
  if (blobs.length === 0) return header;
  const headerBytes = new TextEncoder().encode(header);
  const dataStart = align8(PREFIX_BYTES + headerBytes.byteLength);
  const frame = new Uint8Array(dataStart + used);
  frame.set(MAGIC, 0);
  new DataView(frame.buffer).setUint32(4, headerBytes.byteLength, true);
  frame.set(headerBytes, PREFIX_BYTES);
  for (const b of blobs) frame.set(b.bytes, dataStart + b.offset);
  return frame;
}

/** Whether these bytes are a frame encodeMessage wrote. */
export function isBinaryMessage(bytes: ArrayBuffer): boolean {
  if (bytes.byteLength < PREFIX_BYTES) return false;
  const head = new Uint8Array(bytes, 0, 4);
  return MAGIC.every((m, i) => head[i] === m);
}

/** Reads a frame encodeMessage wrote; the typed arrays are views on `bytes` (no copy). */
export function decodeBinaryMessage(bytes: ArrayBuffer): unknown {
  if (!isBinaryMessage(bytes)) throw new Error('Not a Clusterbench binary message (bad magic)');
  const headerLength = new DataView(bytes).getUint32(4, true);
  if (PREFIX_BYTES + headerLength > bytes.byteLength) throw new Error('Truncated binary message: its header runs past the end');
  const header = new TextDecoder().decode(new Uint8Array(bytes, PREFIX_BYTES, headerLength));
  const dataStart = align8(PREFIX_BYTES + headerLength);
  return JSON.parse(header, (_key, value: unknown) => {
    const m = value as Partial<TypedMarker> | null;
    if (!m || typeof m !== 'object' || typeof m.$typed !== 'string') return value;
    const Ctor = KINDS[m.$typed as Kind];
    if (!Ctor || !Number.isInteger(m.offset) || !Number.isInteger(m.length)) throw new Error(`Bad typed-array marker in a binary message: ${JSON.stringify(m)}`);
    const start = dataStart + (m.offset as number);
    if (start + (m.length as number) * Ctor.BYTES_PER_ELEMENT > bytes.byteLength) throw new Error('Truncated binary message: an array runs past the end');
    return new Ctor(bytes, start, m.length);
  });
}
