// Looks at the first bytes of a file before streaming it: is it text at all, which encoding,
// which line ending, which delimiter, is the first row a header, and how many fields a row has.
import { TextDecoder } from 'node:util';
import Papa from 'papaparse';
import { CsvError } from './csv-error.ts';
import { cellReader, readCell, type CellReader } from './csv-number.ts';

/** How many bytes the sniffers look at first. */
export const HEAD_BYTES = 64 * 1024;
/** The window grows (×4) up to this while it holds fewer than two complete rows (very wide headers). */
export const MAX_SNIFF_BYTES = 16 * 1024 * 1024;
/** The binary check only needs the very beginning. */
const BINARY_WINDOW = 8 * 1024;
/** More than this share of control bytes in the window → not a text file. */
const MAX_CONTROL_RATIO = 0.1;
/** Rows the layout sniffer parses. */
const SNIFF_ROWS = 50;

export const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/** Labels understood by TextDecoder. windows-1252 is what the WHATWG standard calls "latin1". */
export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export function hasUtf16Bom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return null;
}

/** Rejects files that are not text: NUL bytes or many control characters near the start. */
export function checkNotBinary(head: Uint8Array): void {
  if (hasUtf16Bom(head)) return; // UTF-16 text is full of NUL bytes by design
  const n = Math.min(head.length, BINARY_WINDOW);
  const isZip = n >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0 || isZip) {
      throw new CsvError(
        'binary',
        isZip
          ? 'This is a ZIP archive (an Excel .xlsx workbook is one), not a CSV text file. Save or export it as CSV first.'
          : `This does not look like a CSV text file: it contains binary data (a NUL byte at byte ${i + 1}). Export the data as CSV first.`,
      );
    }
    // Tab, LF, FF and CR are normal in text; other C0 controls and DEL are not.
    if ((b < 32 && b !== 9 && b !== 10 && b !== 12 && b !== 13) || b === 127) control++;
  }
  if (n > 0 && control / n > MAX_CONTROL_RATIO) {
    throw new CsvError(
      'binary',
      `This does not look like a CSV text file: ${Math.round((100 * control) / n)}% of its first ${n} bytes are control characters.`,
    );
  }
}

/** UTF-8 unless a BOM says UTF-16, or the first bytes are not valid UTF-8 (then Latin-1). */
export function detectEncoding(head: Uint8Array, wholeFile: boolean): TextEncodingName {
  const utf16 = hasUtf16Bom(head);
  if (utf16) return utf16;
  try {
    // stream: a multi-byte character cut at the end of the window is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !wholeFile });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

export function decodeHead(head: Uint8Array, encoding: TextEncodingName): string {
  return stripLatin1Bom(new TextDecoder(encoding).decode(head, { stream: true }), encoding);
}

/** A UTF-8 BOM read as Latin-1 shows up as "ï»¿"; it is never data. */
export function stripLatin1Bom(text: string, encoding: TextEncodingName): string {
  return encoding === 'windows-1252' && text.startsWith('\u00ef\u00bb\u00bf') ? text.slice(3) : text;
}

/** The first line break outside quotes decides: CRLF, LF or a lone CR. */
export type Newline = '\r\n' | '\n' | '\r';

export function detectNewline(text: string): Newline {
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && c === 10) return '\n';
    else if (!inQuotes && c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : i + 1 < text.length ? '\r' : '\n';
  }
  return '\n';
}

/**
 * CRLF files may have LF lines mixed in (and the other way round): both parse as LF after every
 * CRLF became LF. Only a lone-CR file keeps CR as its line break.
 */
export function parserNewline(newline: Newline): '\n' | '\r' {
  return newline === '\r' ? '\r' : '\n';
}

export function normalizeCrlf(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n/g, '\n');
}

/**
 * Whether the text holds at least `rows` complete non-blank rows (line breaks outside quotes that end
 * a line with something on it: blank lines before a very wide header are not rows).
 */
export function hasCompleteRows(text: string, rows: number): boolean {
  let inQuotes = false;
  let content = false;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    if (!inQuotes && (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10))) {
      if (content && ++seen >= rows) return true;
      content = false;
    } else if (c > 32 && c !== 160) content = true;
  }
  return false;
}

export function isBlankRow(row: string[]): boolean {
  return row.length === 1 && row[0].trim() === '';
}

export interface Layout {
  delimiter: string;
  newline: Newline;
  hasHeader: boolean;
  headerDetected: boolean;
  /** Fields every data row should have. */
  width: number;
  /** The header has one field more or less than the data because of a trailing delimiter. */
  headerFix: 'none' | 'pad' | 'trim';
}

function parseRows(text: string, delimiter: string, newline: Newline, wholeFile: boolean): string[][] {
  const nl = parserNewline(newline);
  const res = Papa.parse<string[]>(nl === '\n' ? normalizeCrlf(text) : text, { delimiter, newline: nl, preview: SNIFF_ROWS + 1, skipEmptyLines: false });
  const rows = res.data;
  // Without the whole file the last row may be cut in the middle.
  if (!wholeFile && rows.length > SNIFF_ROWS) rows.length = SNIFF_ROWS;
  // A lone row is the cut one too: a complete row ends in a line break, and PapaParse adds an empty row after it.
  else if (!wholeFile) rows.pop();
  return rows.filter((r) => !isBlankRow(r));
}

function mostCommon(values: number[]): { value: number; share: number } {
  if (values.length === 0) return { value: 0, share: 0 };
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0];
  for (const [v, c] of counts) if (c > counts.get(best)! || (c === counts.get(best)! && v > best)) best = v;
  return { value: best, share: counts.get(best)! / values.length };
}

function numericCells(rows: string[][], read: CellReader): number {
  let n = 0;
  for (const r of rows) for (const c of r) if (read(c) !== undefined && !Number.isNaN(read(c)!)) n++;
  return n;
}

/**
 * The delimiter that splits the first rows most consistently into more than one field;
 * ties go to the one giving more numeric cells, then more fields, then the order , ; tab.
 */
export function detectDelimiter(text: string, newline: Newline, wholeFile: boolean, read: CellReader = readCell): string {
  let best: { delimiter: string; key: number[] } | null = null;
  // With decimal commas the comma cannot also be the delimiter.
  const candidates = read === readCell ? CANDIDATE_DELIMITERS : CANDIDATE_DELIMITERS.filter((d) => d !== ',');
  for (const delimiter of candidates) {
    const rows = parseRows(text, delimiter, newline, wholeFile);
    const mode = mostCommon(rows.map((r) => r.length));
    const key = [mode.value > 1 ? 1 : 0, mode.share, numericCells(rows, read) / Math.max(1, rows.length), mode.value];
    if (!best || compareKeys(key, best.key) > 0) best = { delimiter, key };
  }
  return best!.delimiter;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** A header row holds no number and at least one text cell (a row of only "NA"s is data). */
export function looksLikeHeader(row: string[], read: CellReader = readCell): boolean {
  let text = 0;
  for (const cell of row) {
    const v = read(cell);
    if (v === undefined) text++;
    else if (!Number.isNaN(v)) return false;
  }
  return text > 0;
}

export function detectLayout(
  text: string,
  wholeFile: boolean,
  forced: { delimiter?: string; header?: boolean; decimal?: ',' | '.' },
): Layout {
  const read = cellReader(forced.decimal);
  const newline = detectNewline(text);
  const delimiter = forced.delimiter ?? detectDelimiter(text, newline, wholeFile, read);
  const rows = parseRows(text, delimiter, newline, wholeFile);
  if (rows.length === 0 && !wholeFile) {
    const mib = MAX_SNIFF_BYTES / (1024 * 1024);
    throw new CsvError('line-too-long', `The first row is longer than ${mib} MiB (no complete row in the first ${mib} MiB); rows that long are not supported.`);
  }
  const headerDetected = forced.header === undefined;
  const hasHeader = forced.header ?? (rows.length > 0 && looksLikeHeader(rows[0], read));
  const data = hasHeader ? rows.slice(1) : rows;
  const dataWidth = mostCommon(data.map((r) => r.length)).value;
  let width = dataWidth;
  let headerFix: Layout['headerFix'] = 'none';
  if (hasHeader && rows.length > 0) {
    const header = rows[0];
    const lastName = header[header.length - 1].trim();
    const dataEndsEmpty = data.length > 0 && data.every((r) => r.length !== dataWidth || r[dataWidth - 1].trim() === '');
    if (data.length === 0) width = header.length;
    else if (dataWidth === header.length + 1 && dataEndsEmpty) headerFix = 'pad';
    else if (dataWidth === header.length - 1 && lastName === '') headerFix = 'trim';
    else width = header.length;
  }
  return { delimiter, newline, hasHeader, headerDetected, width, headerFix };
}
