// CSV file → Dataset. Streams the file through PapaParse (readable-stream input, chunk callback:
// errors stay visible, unlike the NODE_STREAM_INPUT pipe mode), types cells with our own strict
// rule (no dynamicTyping), keeps numbers in growable Float64Arrays and never all raw strings.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import type { DatasetSummary, LoadOptions } from '../../../shared/types.ts';
import type { CancelToken } from '../pool/cancel.ts';
import { assembleDataset } from './csv-assemble.ts';
import { DecodingStream, NotUtf8Error } from './csv-decode.ts';
import { CsvError } from './csv-error.ts';
import {
  checkNotBinary,
  decodeHead,
  detectEncoding,
  detectLayout,
  hasCompleteRows,
  HEAD_BYTES,
  MAX_SNIFF_BYTES,
  parserNewline,
  type Layout,
  type TextEncodingName,
} from './csv-sniff.ts';
import { TableBuilder } from './csv-table.ts';
import type { Dataset } from './dataset.ts';

export { CsvError, type CsvErrorCode } from './csv-error.ts';

export interface LoadProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface LoadHooks {
  onProgress?: (p: LoadProgress) => void;
  token?: CancelToken;
  /**
   * Every data row as parsed text, in file order: `index` is the row's number among data rows
   * (header and blank lines not counted, rows with the wrong field count included), the same
   * numbering as Dataset.rowIndex. For exports that need the original cells (labelled data).
   */
  onDataRow?: (fields: string[], index: number) => void;
}

export interface LoadResult {
  summary: DatasetSummary;
  dataset: Dataset;
}

export const DEFAULT_RAGGED_TOLERANCE = 0.01;
const READ_CHUNK_BYTES = 256 * 1024;
const PROGRESS_INTERVAL_MS = 100;
/** This much text without a single complete row: a quote opened and never closed, or a line far too long. */
const MAX_PENDING_ROW_BYTES = 32 * 1024 * 1024;

/** Where the bytes come from: a file on disk or text handed over in memory. */
interface ByteSource {
  name: string;
  path: string;
  bytes: number;
  /** The first `length` bytes (fewer when the input is shorter). */
  readHead(length: number): Promise<Buffer>;
  open(): Readable;
}

export async function loadCsv(path: string, options: LoadOptions = {}, hooks: LoadHooks = {}): Promise<LoadResult> {
  const started = performance.now();
  checkOptions(options);
  throwIfCancelled(hooks);
  const abs = resolve(path);
  let bytes: number;
  try {
    const st = await stat(abs);
    if (!st.isFile()) throw new CsvError('not-a-file', `${abs} is not a file (it is a folder or a device).`);
    bytes = st.size;
  } catch (err) {
    throw fileError(err, abs);
  }
  const source: ByteSource = { name: basename(abs), path: abs, bytes, readHead: (length) => readHead(abs, Math.min(bytes, length)), open: () => createReadStream(abs, { highWaterMark: READ_CHUNK_BYTES }) };
  return loadSource(source, options, hooks, started);
}

/** The same pipeline over text already in memory (tests, small drag-and-drop texts). */
export async function parseCsvText(text: string, options: LoadOptions = {}, name = 'pasted text', hooks: LoadHooks = {}): Promise<LoadResult> {
  return parseCsvBytes(Buffer.from(text, 'utf8'), options, name, hooks);
}

/** The same pipeline over a file's bytes in memory: encoding detection, size and hash are of these bytes. */
export async function parseCsvBytes(bytes: Uint8Array, options: LoadOptions = {}, name = 'uploaded bytes', hooks: LoadHooks = {}): Promise<LoadResult> {
  const started = performance.now();
  checkOptions(options);
  throwIfCancelled(hooks);
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const source: ByteSource = {
    name,
    path: '',
    bytes: all.length,
    readHead: (length) => Promise.resolve(all.subarray(0, length)),
    open: () => Readable.from(chunksOf(all, READ_CHUNK_BYTES), { objectMode: false }),
  };
  return loadSource(source, options, hooks, started);
}

function* chunksOf(buf: Buffer, size: number): Generator<Buffer> {
  for (let at = 0; at < buf.length; at += size) yield buf.subarray(at, at + size);
}

async function readHead(path: string, length: number): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } catch (err) {
    throw fileError(err, path);
  } finally {
    await fh?.close();
  }
}

async function loadSource(src: ByteSource, options: LoadOptions, hooks: LoadHooks, started: number): Promise<LoadResult> {
  if (src.bytes === 0) throw new CsvError('empty-file', 'The file is empty (0 bytes).');
  let head = await src.readHead(HEAD_BYTES);
  checkNotBinary(head);
  let wholeFile: boolean;
  let encoding: TextEncodingName;
  let text: string;
  for (;;) {
    wholeFile = head.length >= src.bytes;
    encoding = detectEncoding(head, wholeFile);
    text = decodeHead(head, encoding);
    // A header wider than the window would be read cut short: widen it until two rows fit.
    if (wholeFile || head.length >= MAX_SNIFF_BYTES || hasCompleteRows(text, 2)) break;
    head = await src.readHead(Math.min(MAX_SNIFF_BYTES, head.length * 4));
  }
  const layout = detectLayout(text, wholeFile, options);
  try {
    return await streamAndAssemble(src, encoding, layout, options, hooks, started);
  } catch (err) {
    // Invalid UTF-8 after the sniffed window: read the whole file again as Latin-1.
    if (err instanceof NotUtf8Error) return streamAndAssemble(src, 'windows-1252', layout, options, hooks, started);
    throw err;
  }
}

async function streamAndAssemble(
  src: ByteSource,
  encoding: TextEncodingName,
  layout: Layout,
  options: LoadOptions,
  hooks: LoadHooks,
  started: number,
): Promise<LoadResult> {
  const { builder, hash } = await streamRows(src, encoding, layout, options, hooks);
  const table = builder.finish(options.raggedTolerance ?? DEFAULT_RAGGED_TOLERANCE, options.badRows);
  const assembled = assembleDataset(table, options);
  const warnings: string[] = [];
  if (encoding === 'windows-1252') warnings.push('The file is not valid UTF-8; it was read as Latin-1 (Windows-1252).');
  warnings.push(...builder.warnings, ...assembled.warnings);
  const { dataset } = assembled;
  const summary: DatasetSummary = {
    id: dataset.id,
    name: src.name,
    path: src.path,
    hash,
    bytes: src.bytes,
    delimiter: layout.delimiter,
    hasHeader: layout.hasHeader,
    totalRows: table.rowCount,
    rows: dataset.n,
    droppedRows: assembled.droppedRows,
    imputedValues: assembled.imputedValues,
    raggedRows: table.ragged.length,
    ...(builder.raggedLines.length > 0 ? { raggedLines: builder.raggedLines } : {}),
    columns: table.reports,
    features: assembled.features,
    scaling: assembled.scaling,
    missing: assembled.missing,
    preview: builder.preview,
    warnings,
    loadMs: performance.now() - started,
    encoding,
    detected: { delimiter: options.delimiter === undefined, header: layout.headerDetected },
  };
  if (assembled.featureScaling) summary.featureScaling = { offset: assembled.featureScaling.offset, factor: assembled.featureScaling.factor };
  return { summary, dataset };
}

/** Streams every row into a TableBuilder; resolves with it and the sha256 of the bytes. */
function streamRows(
  src: ByteSource,
  encoding: TextEncodingName,
  layout: Layout,
  options: LoadOptions,
  hooks: LoadHooks,
): Promise<{ builder: TableBuilder; hash: string }> {
  return new Promise((resolvePromise, reject) => {
    const { token, onProgress } = hooks;
    const input = src.open();
    const newline = parserNewline(layout.newline);
    const decoder = new DecodingStream(encoding, newline === '\n');
    const builder = new TableBuilder(layout, { decimal: options.decimal }, hooks.onDataRow);
    let parser: Papa.Parser | null = null;
    let settled = false;
    let lastProgressAt = -Infinity;
    let bytesAtLastRow = 0;

    const stopListening = token?.onCancel(() => fail(cancelledError(token)));
    function fail(err: unknown): void {
      if (settled) return;
      settled = true;
      stopListening?.();
      parser?.abort();
      input.destroy();
      decoder.destroy();
      reject(asLoadError(err, src.path));
    }
    function progress(force: boolean): void {
      if (!onProgress) return;
      const now = performance.now();
      if (!force && now - lastProgressAt < PROGRESS_INTERVAL_MS) return;
      lastProgressAt = now;
      onProgress({ bytesRead: decoder.bytesIn, totalBytes: src.bytes, rows: builder.dataRows });
    }

    // Always listen for errors ourselves: an 'error' nobody listens to would crash the process.
    input.on('error', fail);
    decoder.on('error', fail);
    input.pipe(decoder);
    Papa.parse<string[]>(decoder, {
      delimiter: layout.delimiter,
      newline,
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      chunk(results, handle) {
        parser = handle;
        if (settled) return void handle.abort();
        try {
          throwIfCancelled(hooks);
          builder.addRows(results.data, results.errors, decoder.sawQuote);
          if (results.data.length > 0) bytesAtLastRow = decoder.bytesIn;
          else if (decoder.bytesIn - bytesAtLastRow > MAX_PENDING_ROW_BYTES) throw pendingRowError(builder.currentLine, decoder.lastBreakAt > bytesAtLastRow);
          progress(false);
        } catch (err) {
          fail(err);
        }
      },
      complete() {
        if (settled) return;
        try {
          throwIfCancelled(hooks);
          progress(true);
          settled = true;
          stopListening?.();
          resolvePromise({ builder, hash: decoder.digest() });
        } catch (err) {
          fail(err);
        }
      },
      error(err) {
        fail(err);
      },
    });
  });
}

/** Line breaks went by without a row ending: only an open quote does that; no break at all is a huge line. */
function pendingRowError(line: number, sawLineBreaks: boolean): CsvError {
  if (sawLineBreaks) return new CsvError('bad-quotes', `Line ${line}: a quoted field is opened and never closed.`, line);
  const mib = MAX_PENDING_ROW_BYTES / (1024 * 1024);
  return new CsvError(
    'line-too-long',
    `Line ${line} is longer than ${mib} MiB without a line break; rows that long are not supported (is this really a CSV file with one row per line?).`,
    line,
  );
}

function cancelledError(token: CancelToken): CsvError {
  return new CsvError('cancelled', `Loading was cancelled (${token.reason}).`);
}

function throwIfCancelled(hooks: LoadHooks): void {
  if (hooks.token?.cancelled) throw cancelledError(hooks.token);
}

/** File-system errors become sentences; our own errors (and a throwing progress callback's) pass unchanged. */
function asLoadError(err: unknown, path: string): Error {
  if (err instanceof CsvError || err instanceof NotUtf8Error) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('E')) return fileError(err, path);
  return err instanceof Error ? err : new Error(String(err));
}

/** Turns a file-system error into a sentence; keeps CsvErrors as they are. */
function fileError(err: unknown, path: string): Error {
  if (err instanceof CsvError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const where = path || 'the input';
  switch (code) {
    case 'ENOENT':
      return new CsvError('not-found', `File not found: ${where}`);
    case 'EISDIR':
      return new CsvError('not-a-file', `${where} is a folder, not a CSV file.`);
    case 'EACCES':
    case 'EPERM':
      return new CsvError('read-failed', `Permission denied reading ${where}.`);
    default:
      return new CsvError('read-failed', `Could not read ${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const MISSING_POLICIES = ['drop', 'mean-impute'];
const SCALINGS = ['none', 'zscore', 'minmax'];
const BAD_ROWS = ['fail', 'skip'];
const DECIMALS = ['.', ','];

/** Options arrive from the CLI and IPC too: reject bad values with a sentence, before any I/O. */
function checkOptions(o: LoadOptions): void {
  const bad = (msg: string): never => {
    throw new CsvError('bad-option', msg);
  };
  if (o.features !== undefined && (!Array.isArray(o.features) || o.features.some((f) => typeof f !== 'string'))) bad('features must be a list of column names.');
  if (o.missing !== undefined && !MISSING_POLICIES.includes(o.missing)) bad(`missing must be one of ${MISSING_POLICIES.join(', ')}; got ${JSON.stringify(o.missing)}.`);
  if (o.scaling !== undefined && !SCALINGS.includes(o.scaling)) bad(`scaling must be one of ${SCALINGS.join(', ')}; got ${JSON.stringify(o.scaling)}.`);
  if (o.header !== undefined && typeof o.header !== 'boolean') bad('header must be true or false.');
  if (o.delimiter !== undefined && (typeof o.delimiter !== 'string' || o.delimiter.length !== 1 || /["\r\n]/.test(o.delimiter))) {
    bad(`delimiter must be one character other than a quote or line break; got ${JSON.stringify(o.delimiter)}.`);
  }
  if (o.badRows !== undefined && !BAD_ROWS.includes(o.badRows)) bad(`badRows must be one of ${BAD_ROWS.join(', ')}; got ${JSON.stringify(o.badRows)}.`);
  if (o.decimal !== undefined && !DECIMALS.includes(o.decimal)) bad(`decimal must be "." or ","; got ${JSON.stringify(o.decimal)}.`);
  if (o.decimal === ',' && o.delimiter === ',') bad('With decimal commas the delimiter cannot be a comma too (use ; or tab).');
  if (o.raggedTolerance !== undefined && !(typeof o.raggedTolerance === 'number' && o.raggedTolerance >= 0 && o.raggedTolerance <= 1)) {
    bad(`raggedTolerance must be a fraction between 0 and 1; got ${JSON.stringify(o.raggedTolerance)}.`);
  }
}
