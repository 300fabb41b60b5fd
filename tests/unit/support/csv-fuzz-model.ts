// Seeded generator of malformed CSV files for the loader's fuzz suite. Each case starts from a table
// model (cells whose meaning is known by construction: a number with its exact value, a missing
// token, text, …), is written out with random but valid decorations (delimiter, line endings, BOM,
// blank lines, padding, quotes, number spellings) and then broken in one known way. The expected
// outcome is derived from the model by the rules the loader documents (strict cells, the 1% ragged
// tolerance, default features = wholly numeric columns, rows with a missing feature dropped), never
// by running the loader or a second parser over the bytes.
import type { LoadOptions } from '../../../src/shared/types.ts';

export type Cell =
  | { kind: 'num'; value: number; text: string }
  | { kind: 'inf'; value: number; text: string }
  | { kind: 'missing'; text: string }
  | { kind: 'text'; text: string }
  /** A number written with a decimal comma: a number only with the decimal-comma option. */
  | { kind: 'comma'; value: number; text: string };

export type Outcome =
  | {
      ok: true;
      features: string[];
      values: number[];
      hasHeader: boolean;
      delimiter?: string;
      encoding: string;
      droppedRows: number;
      imputedValues: number;
      raggedRows: number;
      raggedLines?: number[];
      warnings: RegExp[];
    }
  | { ok: false; code: string; line?: number; message?: RegExp };

export interface FuzzCase {
  id: number;
  family: string;
  note: string;
  bytes: Buffer;
  options: LoadOptions;
  expected: Outcome;
}

export type Rng = () => number;
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
export const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
export const chance = (rng: Rng, p: number): boolean => rng() < p;

export const MISSING_SPELLINGS = ['', 'NA', 'N/A', 'NaN', 'null', '?', '-', 'na', 'NULL', 'nan', 'n/a', ' NA '];
/** Not numbers under the strict grammar (no hex, no separators, no trailing junk, no other digits). */
export const TEXT_SPELLINGS = ['abc', '1_000', '0x1F', '1.2.3', '12abc', '--5', '1e', 'e5', '+-1', '1 2', '١٢', 'Infinityy', 'nul', '1e5.5', '0b101', '$5', '5%', '1/2', '∞', '.', '+', 'e', '1e+', '0x', '١.٥'];
export const INFINITE_SPELLINGS: Array<[string, number]> = [
  ['inf', Infinity], ['-inf', -Infinity], ['Infinity', Infinity], ['-Infinity', -Infinity], ['+INF', Infinity],
  ['infinity', Infinity], ['1e400', Infinity], ['-1e999', -Infinity],
];
export const LABELS = ['alpha', 'beta', 'gamma', 'setosa', 'Virginica', 'x y', 'q_1', 'Zeta'];

/** A double, and a spelling of exactly that decimal value (so the expected value needs no parser). */
export function genNumber(rng: Rng, commaDecimal: boolean): { value: number; text: string } {
  let value: number;
  switch (int(rng, 0, 5)) {
    case 0: value = int(rng, -1000, 1000); break;
    case 1: value = int(rng, -2_000_000, 2_000_000) / 1000; break;
    case 2: value = (rng() * 2 - 1) * 10 ** int(rng, -30, 30); break;
    case 3: value = pick(rng, [0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, 0.3, 1e21, 123456789012345680000, 9007199254740993]); break;
    case 4: value = rng(); break;
    default: value = -rng() * 1e-5;
  }
  if (chance(rng, 0.02)) return { value: -0, text: '-0' };
  let text = String(value);
  const plain = !/e/.test(text);
  const neg = text.startsWith('-');
  const r = rng();
  if (r < 0.12) text = value.toExponential().replace('e+', chance(rng, 0.5) ? 'e' : 'e+');
  else if (r < 0.2) text = text.replace('e', 'E');
  else if (r < 0.28 && !neg) text = `+${text}`;
  else if (r < 0.36 && plain && !neg) text = `00${text}`;
  else if (r < 0.44 && plain && /^-?0\./.test(text)) text = text.replace('0.', '.');
  else if (r < 0.5 && plain && /\./.test(text)) text = `${text}00`;
  else if (r < 0.56 && plain && !/\./.test(text) && !commaDecimal) text = `${text}.`;
  return { value, text: commaDecimal ? text.replace('.', ',') : text };
}

export function numCell(rng: Rng, commaDecimal = false): Cell {
  const { value, text } = genNumber(rng, commaDecimal);
  return text.includes(',') ? { kind: 'comma', value, text } : { kind: 'num', value, text };
}

export interface Table {
  names: string[];
  /** 'label' columns hold text only. */
  kinds: Array<'num' | 'label'>;
  rows: Cell[][];
  /** Raw field lists of rows with the wrong field count (by row index). */
  ragged: Map<number, string[]>;
}

export function genTable(rng: Rng, rowsCount: number, numeric: number, label: boolean, commaDecimal = false): Table {
  const kinds: Array<'num' | 'label'> = Array.from({ length: numeric }, () => 'num' as const);
  if (label) kinds.splice(int(rng, 0, numeric), 0, 'label');
  let f = 0;
  const names = kinds.map((k) => (k === 'label' ? 'label' : `f${++f}`));
  const rows = Array.from({ length: rowsCount }, () => kinds.map((k): Cell => (k === 'label' ? { kind: 'text', text: pick(rng, LABELS) } : numCell(rng, commaDecimal))));
  return { names, kinds, rows, ragged: new Map() };
}

export interface Style {
  delimiter: string;
  newline: 'lf' | 'crlf' | 'cr' | 'mixed';
  header: boolean;
  bom: boolean;
  blankLines: boolean;
  pad: boolean;
  quote: boolean;
  finalNewline: boolean;
  trailingDelimiter: 'none' | 'all' | 'data' | 'header';
  embeddedBreaks: boolean;
}

/** Text of the file and the 1-based line each data row starts on. */
export function write(rng: Rng, t: Table, s: Style): { text: string; lineOf: number[] } {
  const parts: string[] = [];
  let line = 1;
  const lineOf: number[] = [];
  const br = (): string => {
    line++;
    if (s.newline === 'lf') return '\n';
    if (s.newline === 'crlf') return '\r\n';
    if (s.newline === 'cr') return '\r';
    return chance(rng, 0.5) ? '\n' : '\r\n';
  };
  const inner = s.newline === 'cr' ? '\r' : '\n';
  const blanks = (): void => {
    if (s.blankLines && chance(rng, 0.15)) for (let i = int(rng, 1, 2); i > 0; i--) parts.push(pick(rng, ['', '  ', ' ']), br());
  };
  const field = (c: Cell): string => {
    let text = c.text;
    if (s.pad && c.kind !== 'text' && chance(rng, 0.2)) text = `${pick(rng, [' ', '\u00a0', '  '])}${text}${pick(rng, ['', ' ', '\u00a0'])}`;
    if (c.kind === 'text' && s.embeddedBreaks && chance(rng, 0.2)) text = `${text}${inner}${s.delimiter}more "quoted"`;
    if (/["\r\n]/.test(text) || text.includes(s.delimiter)) {
      line += text.split(inner).length - 1;
      return `"${text.replace(/"/g, '""')}"`;
    }
    if (s.quote && chance(rng, 0.25)) return `"${text}"`;
    return text;
  };
  blanks();
  const rowCount = t.rows.length;
  if (s.header) {
    parts.push(t.names.join(s.delimiter) + (s.trailingDelimiter === 'all' || s.trailingDelimiter === 'header' ? s.delimiter : ''));
    if (rowCount > 0 || s.finalNewline) parts.push(br());
    blanks();
  }
  for (let i = 0; i < rowCount; i++) {
    lineOf.push(line);
    const raw = t.ragged.get(i);
    const fields = raw ?? t.rows[i].map(field);
    const trail = s.trailingDelimiter === 'all' || s.trailingDelimiter === 'data' ? s.delimiter : '';
    parts.push(fields.join(s.delimiter) + (raw ? '' : trail));
    if (i < rowCount - 1 || s.finalNewline) {
      parts.push(br());
      if (i < rowCount - 1 || s.finalNewline) blanks();
    }
  }
  return { text: parts.join(''), lineOf };
}

/** What the loader must make of the model: the documented rules, applied to cells of known kind. */
export function expectOutcome(
  t: Table,
  s: Style,
  lineOf: number[],
  o: LoadOptions,
  extra: { encoding?: string; warnings?: RegExp[]; names?: string[] } = {},
): Outcome {
  const names = extra.names ?? (s.header ? t.names : t.names.map((_, j) => `column ${j + 1}`));
  const R = t.rows.length;
  if (R === 0) return s.header ? { ok: false, code: 'header-only' } : { ok: false, code: 'empty-file' };
  const raggedRows = [...t.ragged.keys()].sort((a, b) => a - b);
  const m = raggedRows.length;
  const tol = o.raggedTolerance ?? 0.01;
  const tooMany = m > tol * R + 1e-9;
  if (m > 0 && tooMany && o.badRows !== 'skip') return { ok: false, code: 'ragged', line: lineOf[raggedRows[0]], message: /--bad-rows skip/ };
  const comma = o.decimal === ',';
  const live = t.rows.map((_, i) => i).filter((i) => !t.ragged.has(i));
  const valueOf = (c: Cell): number | undefined => {
    if (c.kind === 'num' || c.kind === 'inf') return c.value;
    if (c.kind === 'comma') return comma ? c.value : undefined;
    if (c.kind === 'missing') return NaN;
    return undefined;
  };
  const features: number[] = [];
  const means: number[] = [];
  for (let j = 0; j < t.names.length; j++) {
    let text = 0;
    let finite = 0;
    let sum = 0;
    for (const i of live) {
      const v = valueOf(t.rows[i][j]);
      if (v === undefined) text++;
      else if (Number.isFinite(v)) {
        finite++;
        sum += v;
      }
    }
    if (text === 0 && finite > 0) {
      features.push(j);
      means.push(sum / finite);
    }
  }
  const warnings = [...(extra.warnings ?? [])];
  const commaCols = t.names.filter((_, j) => !comma && live.some((i) => t.rows[i][j].kind === 'comma'));
  if (features.length === 0) {
    return { ok: false, code: 'no-numeric-column', message: commaCols.length > 0 ? /look like numbers with decimal commas/ : undefined };
  }
  if (commaCols.length > 0) warnings.push(/look like numbers with decimal commas/);
  const impute = o.missing === 'mean-impute';
  const values: number[] = [];
  let dropped = 0;
  let imputed = 0;
  for (const i of live) {
    const row = features.map((j) => valueOf(t.rows[i][j])!);
    const bad = row.filter((v) => !Number.isFinite(v)).length;
    if (bad > 0 && !impute) {
      dropped++;
      continue;
    }
    imputed += bad;
    values.push(...row.map((v, k) => (Number.isFinite(v) ? v : means[k])));
  }
  if (values.length === 0) return { ok: false, code: 'no-rows-left' };
  if (m > 0) warnings.push(tooMany ? /were skipped as asked \(lines / : /had the wrong number of fields and were skipped/);
  return {
    ok: true,
    features: features.map((j) => names[j]),
    values,
    hasHeader: s.header,
    delimiter: t.names.length > 1 ? s.delimiter : undefined,
    encoding: extra.encoding ?? 'utf-8',
    droppedRows: dropped,
    imputedValues: imputed,
    raggedRows: m,
    ...(m > 0 ? { raggedLines: raggedRows.slice(0, 10).map((i) => lineOf[i]) } : {}),
    warnings,
  };
}

export function baseStyle(rng: Rng, delimiter = pick(rng, [',', ';', '\t'])): Style {
  return {
    delimiter,
    newline: pick(rng, ['lf', 'lf', 'crlf', 'cr', 'mixed', 'mixed'] as const),
    header: chance(rng, 0.85),
    bom: chance(rng, 0.15),
    blankLines: chance(rng, 0.2),
    pad: chance(rng, 0.15),
    quote: chance(rng, 0.15),
    finalNewline: chance(rng, 0.7),
    trailingDelimiter: 'none',
    embeddedBreaks: false,
  };
}

export function baseOptions(rng: Rng, s: Style): LoadOptions {
  const o: LoadOptions = {};
  if (chance(rng, 0.15)) o.delimiter = s.delimiter;
  if (chance(rng, 0.1)) o.header = s.header;
  return o;
}

export const utf8 = (text: string, bom: boolean): Buffer => Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);

/** Cells of numeric columns, row-major, skipping row 0 of headerless files (it decides header detection). */
export function numericSlots(t: Table, header: boolean): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = header ? 0 : 1; i < t.rows.length; i++) for (let j = 0; j < t.kinds.length; j++) if (t.kinds[j] === 'num') out.push([i, j]);
  return out;
}

export function shuffleTake<T>(rng: Rng, xs: T[], k: number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = int(rng, 0, i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}

