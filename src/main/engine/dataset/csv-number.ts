// The strict cell rule (no PapaParse dynamicTyping: it turns "" into null, "713752e1" into a number
// and drops leading zeros). A cell is exactly one of: a number, a missing value, or text.

/** Plain decimal or scientific notation, nothing else (no hex, no "1_000", no "1,5", no trailing junk). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

/** Tokens that mean "no value", compared case-insensitively after trimming. */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'null', '?', '-'];
const MISSING = new Set(MISSING_TOKENS.map((t) => t.toLowerCase()));

/**
 * Reads one raw cell.
 * - a number (finite, or ±Infinity for "Infinity"/"-inf"…) when the cell is numeric,
 * - NaN when the cell is a missing-value token,
 * - undefined when the cell is text.
 */
export function readCell(raw: string): number | undefined {
  let s = raw;
  const n = s.length;
  if (n > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32 || s.charCodeAt(0) === 160 || s.charCodeAt(n - 1) === 160)) {
    s = s.trim();
  }
  // Numbers first: they are by far the most common cells, and no missing token is one.
  if (DECIMAL.test(s)) return Number(s);
  if (s.length <= 4 && MISSING.has(s.toLowerCase())) return NaN;
  const inf = INFINITY.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return undefined;
}

/** One of readCell / readCellDecimalComma: how a column reads its cells. */
export type CellReader = (raw: string) => number | undefined;

/** "1,5" → 1.5 ("1.5" is text here: with decimal commas a dot is a thousands separator, never guessed). */
export function readCellDecimalComma(raw: string): number | undefined {
  if (raw.indexOf('.') !== -1) return readCell(raw) === undefined || !Number.isNaN(readCell(raw)!) ? undefined : NaN;
  return readCell(raw.indexOf(',') === -1 ? raw : raw.replace(',', '.'));
}

export function cellReader(decimal: ',' | '.' | undefined): CellReader {
  return decimal === ',' ? readCellDecimalComma : readCell;
}

/** A text cell that would be a number with a decimal comma ("1,5", "-0,25"). */
const DECIMAL_COMMA = /^\s*[+-]?\d*,\d+(?:[eE][+-]?\d+)?\s*$/;
export function looksLikeDecimalComma(raw: string): boolean {
  return DECIMAL_COMMA.test(raw);
}

/** True when the cell holds a number (finite or infinite). */
export function isNumericCell(raw: string): boolean {
  const v = readCell(raw);
  return v !== undefined && !Number.isNaN(v);
}

/** True when the cell is a missing-value token. */
export function isMissingCell(raw: string): boolean {
  const v = readCell(raw);
  return v !== undefined && Number.isNaN(v);
}
