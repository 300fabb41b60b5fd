// The fuzz suite's case families: each takes a seeded random source and returns one case (bytes,
// options, expected outcome derived from the model in csv-fuzz-model.ts). See that file for the idea.
import type { LoadOptions } from '../../../src/shared/types.ts';
import { createRng } from '../../../src/main/engine/random.ts';
import {
  baseOptions, baseStyle, chance, expectOutcome, genTable, int, INFINITE_SPELLINGS, MISSING_SPELLINGS, numericSlots, pick,
  shuffleTake, TEXT_SPELLINGS, utf8, write, type Cell, type FuzzCase, type Rng, type Style, type Table,
} from './csv-fuzz-model.ts';

export type { FuzzCase } from './csv-fuzz-model.ts';

type Built = Omit<FuzzCase, 'id' | 'family'>;
type Family = (rng: Rng) => Built;

function simple(rng: Rng, tweak: (t: Table, s: Style, o: LoadOptions) => { note: string; warnings?: RegExp[] } | void, shape?: { rows?: number; numeric?: number; label?: boolean; style?: Partial<Style> }): Built {
  const s = { ...baseStyle(rng), ...shape?.style };
  const t = genTable(rng, shape?.rows ?? pick(rng, [1, 2, 3, 5, 10, 40, 120]), shape?.numeric ?? int(rng, 1, 5), shape?.label ?? chance(rng, 0.3));
  const o = baseOptions(rng, s);
  const r = tweak(t, s, o) ?? { note: '' };
  // A tweak may change the style: forced options keep telling the truth.
  if (o.header !== undefined) o.header = s.header;
  if (o.delimiter !== undefined) o.delimiter = s.delimiter;
  const { text, lineOf } = write(rng, t, s);
  return { note: r.note, bytes: utf8(text, s.bom), options: o, expected: expectOutcome(t, s, lineOf, o, { warnings: r.warnings }) };
}

export const FAMILIES: Record<string, Family> = {
  valid: (rng) => simple(rng, (_t, s) => ((s.embeddedBreaks = chance(rng, 0.5)), { note: 'decorations only' })),

  ragged: (rng) => {
    const R = pick(rng, [1, 3, 8, 30, 100, 150, 250, 400]);
    return simple(
      rng,
      (t, s, o) => {
        const width = t.names.length;
        const headerless = !s.header;
        // Headerless files take their width from the most common row, so bad rows stay a minority.
        const maxBad = headerless ? Math.floor((R - 1) / 3) : R;
        const m = Math.min(maxBad, pick(rng, [1, 2, 3, Math.ceil(R / 10), Math.floor(R / 100), Math.floor(R / 100) + 1, Math.floor(R / 100) + 1]));
        if (m === 0) return { note: 'too few rows to break' };
        for (const i of shuffleTake(rng, t.rows.map((_, i) => i).slice(headerless ? 1 : 0), m)) {
          const fields = t.rows[i].map((c) => (c.text.trim() === '' ? '0' : c.text));
          if (width > 1 && chance(rng, 0.5)) fields.splice(int(rng, 0, width - 1), 1);
          else fields.push(...Array.from({ length: int(rng, 1, 3) }, () => String(int(rng, 0, 9))));
          t.ragged.set(i, fields);
        }
        // One column with a few multi-field rows: no sniffer can know the delimiter, so it is given.
        // So is a file whose rows are mostly bad (its header still says the width).
        if (width === 1 || m > (R - 1) / 3) o.delimiter = s.delimiter;
        if (chance(rng, 0.4)) o.badRows = 'skip';
        else if (chance(rng, 0.2)) o.raggedTolerance = pick(rng, [0, 0.05, 0.5, 1]);
        return { note: `${m} of ${R} rows with the wrong field count` };
      },
      { rows: R, numeric: int(rng, 1, 4), style: { quote: false } },
    );
  },

  unclosedQuote: (rng) => quoteFault(rng, 2, (cell) => `"${cell}`, 'an open quote'),

  junkAfterQuote: (rng) => quoteFault(rng, 1, (cell) => `"${cell}"${pick(rng, ['x', '1', ' junk'])}`, 'text after a closing quote'),

  nulInHead: (rng) => {
    const built = FAMILIES.valid(rng);
    const bytes = built.bytes;
    const at = int(rng, 0, Math.min(bytes.length, 8192));
    return { ...built, note: `NUL byte at ${at}`, bytes: Buffer.concat([bytes.subarray(0, at), Buffer.from([0]), bytes.subarray(at)]), expected: { ok: false, code: 'binary', message: /NUL byte/ } };
  },

  nulLate: (rng) =>
    simple(
      rng,
      (t) => {
        // Past the 8 KiB binary check the NUL is just a character: its cell is text, its column mixed.
        const i = t.rows.length - 1 - int(rng, 0, 5);
        const j = t.kinds.indexOf('num');
        const c = t.rows[i][j];
        t.rows[i][j] = { kind: 'text', text: chance(rng, 0.5) ? `${c.text}\u0000` : `\u0000${c.text.trim() || '1'}` };
        return { note: `late NUL in row ${i + 1}` };
      },
      { rows: 800, numeric: int(rng, 1, 3), style: { pad: false, quote: false } },
    ),

  textCells: (rng) =>
    simple(rng, (t, s) => {
      const slots = numericSlots(t, s.header);
      for (const [i, j] of shuffleTake(rng, slots, int(rng, 1, 3))) {
        const text = pick(rng, TEXT_SPELLINGS).replace(s.delimiter, '');
        t.rows[i][j] = { kind: 'text', text };
      }
      return { note: 'text in numeric columns' };
    }),

  missingCells: (rng) =>
    simple(rng, (t, s, o) => {
      const slots = numericSlots(t, s.header);
      // In a one-column file an empty cell is a blank line, and a blank line is never a row.
      const spellings = t.names.length === 1 ? MISSING_SPELLINGS.filter((x) => x.trim() !== '') : MISSING_SPELLINGS;
      for (const [i, j] of shuffleTake(rng, slots, int(rng, 1, Math.max(1, Math.ceil(slots.length / 4))))) t.rows[i][j] = { kind: 'missing', text: pick(rng, spellings) };
      if (chance(rng, 0.4)) o.missing = 'mean-impute';
      return { note: `missing values (${o.missing ?? 'drop'})` };
    }, { style: { quote: false } }),

  infiniteCells: (rng) =>
    simple(rng, (t, s, o) => {
      for (const [i, j] of shuffleTake(rng, numericSlots(t, s.header), int(rng, 1, 3))) {
        const [text, value] = pick(rng, INFINITE_SPELLINGS);
        t.rows[i][j] = { kind: 'inf', text, value };
      }
      if (chance(rng, 0.3)) o.missing = 'mean-impute';
      return { note: 'infinite values' };
    }),

  allRowsDropped: (rng) =>
    simple(
      rng,
      (t) => {
        t.rows.forEach((row, i) => (row[i % row.length] = { kind: 'missing', text: pick(rng, MISSING_SPELLINGS.filter((x) => x !== '')) }));
        return { note: 'a missing value in every row' };
      },
      { rows: int(rng, 2, 20), numeric: 2, label: false, style: { header: true } },
    ),

  decimalComma: (rng) => {
    const s: Style = { ...baseStyle(rng, pick(rng, [';', '\t'])), header: true };
    const t = genTable(rng, pick(rng, [1, 3, 10, 50]), int(rng, 2, 4), chance(rng, 0.3), true);
    const o = baseOptions(rng, s);
    if (chance(rng, 0.5)) o.decimal = ',';
    const { text, lineOf } = write(rng, t, s);
    return { note: `decimal commas${o.decimal ? ' with the option' : ''}`, bytes: utf8(text, s.bom), options: o, expected: expectOutcome(t, s, lineOf, o) };
  },

  empty: (rng) => {
    const variant = int(rng, 0, 3);
    const bytes = [Buffer.alloc(0), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pick(rng, ['\n', '\n\n\n', '  \n \r\n', '\r\n\r\n', ' '])), Buffer.from('\r')][variant];
    return { note: `empty variant ${variant}`, bytes, options: {}, expected: { ok: false, code: 'empty-file' } };
  },

  headerOnly: (rng) => {
    const s: Style = { ...baseStyle(rng), header: true };
    const t = genTable(rng, 0, int(rng, 1, 5), chance(rng, 0.3));
    const { text } = write(rng, t, s);
    const tail = s.blankLines ? '\n  \n' : '';
    return { note: 'header only', bytes: utf8(text + tail, s.bom), options: {}, expected: { ok: false, code: 'header-only' } };
  },

  latin1: (rng) => {
    // Latin-1 text before (head) or long after (late, > the 64 KiB sniff window) the first bytes.
    const late = chance(rng, 0.25);
    const s: Style = { ...baseStyle(rng), header: true, bom: false, pad: false };
    const t = genTable(rng, late ? 3000 : int(rng, 2, 30), int(rng, 1, 3), true);
    const numName = chance(rng, 0.5) && !late;
    if (numName) t.names[t.kinds.indexOf('num')] = 'Größe';
    const i = late ? t.rows.length - 1 : int(rng, 0, t.rows.length - 1);
    t.rows[i][t.kinds.indexOf('label')] = { kind: 'text', text: 'José' };
    const o = baseOptions(rng, s);
    const { text, lineOf } = write(rng, t, s);
    return {
      note: `Latin-1 ${late ? 'late' : 'early'}`,
      bytes: Buffer.from(text, 'latin1'),
      options: o,
      expected: expectOutcome(t, s, lineOf, o, { encoding: 'windows-1252', warnings: [/not valid UTF-8; it was read as Latin-1/] }),
    };
  },

  utf16: (rng) => {
    const s: Style = { ...baseStyle(rng), bom: false };
    const t = genTable(rng, int(rng, 1, 30), int(rng, 1, 4), chance(rng, 0.4));
    const o = baseOptions(rng, s);
    const { text, lineOf } = write(rng, t, s);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = chance(rng, 0.5);
    if (be) le.swap16();
    return { note: be ? 'UTF-16BE' : 'UTF-16LE', bytes: le, options: o, expected: expectOutcome(t, s, lineOf, o, { encoding: be ? 'utf-16be' : 'utf-16le' }) };
  },

  duplicateHeaders: (rng) => {
    const s: Style = { ...baseStyle(rng), header: true };
    const t = genTable(rng, int(rng, 1, 20), int(rng, 2, 5), chance(rng, 0.3));
    const cols = t.kinds.map((k, j) => (k === 'num' ? j : -1)).filter((j) => j >= 0);
    const dupes = int(rng, 1, cols.length - 1);
    for (let k = 1; k <= dupes; k++) t.names[cols[k]] = t.names[cols[0]];
    const seen = new Set<string>();
    const names = t.names.map((n) => {
      let name = n;
      for (let c = 2; seen.has(name); c++) name = `${n} (${c})`;
      seen.add(name);
      return name;
    });
    const o = baseOptions(rng, s);
    const { text, lineOf } = write(rng, t, s);
    return { note: `${dupes + 1} columns named ${t.names[cols[0]]}`, bytes: utf8(text, s.bom), options: o, expected: expectOutcome(t, s, lineOf, o, { names, warnings: [/appears more than once/] }) };
  },

  hugeField: (rng) => {
    const variant = int(rng, 0, 2);
    return simple(
      rng,
      (t, s) => {
        if (variant === 0) {
          // A 100–300 kB quoted text cell with delimiters and line breaks inside.
          const j = t.kinds.indexOf('label');
          const i = int(rng, 0, t.rows.length - 1);
          const inner = s.newline === 'cr' ? '\r' : '\n';
          const chunk = `abc${s.delimiter}def${inner}`;
          const big = chunk.repeat(Math.floor(int(rng, 100_000, 300_000) / chunk.length));
          t.rows[i][j] = { kind: 'text', text: big };
          return { note: `a ${big.length}-character quoted cell` };
        }
        if (variant === 1) {
          // 100,000 leading zeros or trailing fraction zeros: still exactly the same number.
          const [i, j] = pick(rng, numericSlots(t, s.header));
          const c = t.rows[i][j] as Extract<Cell, { kind: 'num' }>;
          if (/^[0-9.]+$/.test(c.text) && c.text.includes('.')) t.rows[i][j] = { ...c, text: chance(rng, 0.5) ? '0'.repeat(100_000) + c.text : c.text + '0'.repeat(100_000) };
          else t.rows[i][j] = { ...c, text: '0'.repeat(100_000) + String(Math.abs(Math.trunc(c.value))), value: Math.abs(Math.trunc(c.value)) };
          return { note: 'a number with 100,000 zeros' };
        }
        // A header name longer than the 64 KiB sniff window.
        t.names[t.kinds.indexOf('label')] = 'L'.repeat(int(rng, 70_000, 120_000));
        return { note: 'header name longer than the sniff window' };
      },
      { label: true, style: { header: true, quote: false, pad: false } },
    );
  },

  truncated: (rng) => {
    const R = pick(rng, [2, 5, 20, 150]);
    return simple(
      rng,
      (t, s, o) => {
        // The file stops right before a delimiter in its last row: that row is short (ragged).
        s.finalNewline = false;
        const i = R - 1;
        const cut = int(rng, 1, t.names.length - 1);
        t.ragged.set(i, t.rows[i].slice(0, cut).map((c) => c.text));
        if (chance(rng, 0.3)) o.badRows = 'skip';
        return { note: `cut after field ${cut} of the last row` };
      },
      { rows: R, numeric: int(rng, 2, 4), style: { header: true, blankLines: false } },
    );
  },

  trailingDelimiter: (rng) => {
    const where = pick(rng, ['all', 'data', 'header'] as const);
    return simple(
      rng,
      (_t, s) => {
        s.trailingDelimiter = where;
        if (where !== 'all') s.header = true;
        return { note: `trailing delimiter on ${where} lines`, warnings: where === 'header' ? [] : [/ends with a delimiter; the empty last column was ignored/] };
      },
      // A trailing delimiter on the header alone cannot tell a one-column file's delimiter: two or more.
      { rows: int(rng, 2, 30), numeric: int(rng, 2, 4), style: { pad: false, blankLines: false } },
    );
  },

  controlBytes: (rng) => {
    const built = FAMILIES.valid(rng);
    const junk = Buffer.from(Array.from({ length: 2000 }, () => int(rng, 1, 8)));
    return { ...built, note: 'many control bytes', bytes: Buffer.concat([junk, built.bytes]), expected: { ok: false, code: 'binary', message: /control characters/ } };
  },

  zip: (rng) => {
    const built = FAMILIES.valid(rng);
    return { ...built, note: 'ZIP signature', bytes: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), built.bytes]), expected: { ok: false, code: 'binary', message: /ZIP archive/ } };
  },
};

/** One field of one row (past the first `minRow` rows, so the sniffer still sees the layout) is quoted wrongly. */
function quoteFault(rng: Rng, minRow: number, mangle: (cell: string) => string, what: string): Built {
  const R = int(rng, minRow + 2, 30);
  const s: Style = { ...baseStyle(rng), quote: false, header: true };
  const t = genTable(rng, R, int(rng, 1, 4), chance(rng, 0.3));
  const i = int(rng, minRow, R - 1);
  const j = int(rng, 0, t.names.length - 1);
  // Written raw (no other quotes in the file): whatever follows belongs to the broken field.
  t.ragged.set(i, t.rows[i].map((c, k) => (k === j ? mangle(c.text) : c.text)));
  const { text, lineOf } = write(rng, t, s);
  return { note: `${what} on data row ${i + 1}, field ${j + 1}`, bytes: utf8(text, s.bom), options: baseOptions(rng, s), expected: { ok: false, code: 'bad-quotes', line: lineOf[i] } };
}

export function generateCases(count: number, seed: number): FuzzCase[] {
  const rng = createRng(seed);
  const names = Object.keys(FAMILIES);
  return Array.from({ length: count }, (_, id) => {
    const family = names[id % names.length];
    return { id, family, ...FAMILIES[family](rng) };
  });
}
