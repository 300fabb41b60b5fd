// The strict cell rule (no PapaParse dynamicTyping: it turns "" into null, "713752e1" into a number
// and drops leading zeros). A cell is exactly one of: a number, a missing value, or text.

const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

/** Tokens that mean "no value", compared case-insensitively after trimming. */
export const MISSING_TOKENS: readonly string[] = ['', 'NA', 'N/A', 'NaN', 'null', '?', '-'];
const MISSING = new Set(MISSING_TOKENS.map((t) => t.toLowerCase()));

/** Exact powers of ten as doubles (10^22 is the largest one a double holds exactly). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Significant digits that keep the integer mantissa exact (< 2^53). */
const FAST_DIGITS = 15;

/**
 * The strict grammar, scanned by hand (it was /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/ then
 * Number(), the loader's hottest code): returns the value, or undefined when `s` is not a plain
 * decimal. Up to 15 significant digits and a power of ten within ±22 it computes the double itself,
 * exactly as Number() rounds (one correctly rounded multiply or divide of two exact doubles: the
 * "fast path" of Clinger's algorithm); longer spellings go to Number(), after the grammar check.
 */
export function scanDecimal(s: string): number | undefined {
  const n = s.length;
  let i = 0;
  let c = n > 0 ? s.charCodeAt(0) : 0;
  let negative = false;
  if (c === 43 /* + */ || c === 45 /* - */) {
    negative = c === 45;
    c = ++i < n ? s.charCodeAt(i) : 0;
  }
  let mantissa = 0;
  let digits = 0; // significant digits in the mantissa (leading zeros do not count)
  let intDigits = 0;
  while (c >= 48 && c <= 57) {
    if (digits > 0 || c !== 48) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
    }
    intDigits++;
    c = ++i < n ? s.charCodeAt(i) : 0;
  }
  let scale = 0; // the value is mantissa × 10^(scale + exponent)
  let fracDigits = 0;
  if (c === 46 /* . */) {
    c = ++i < n ? s.charCodeAt(i) : 0;
    while (c >= 48 && c <= 57) {
      if (digits > 0 || c !== 48) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
      }
      scale--;
      fracDigits++;
      c = ++i < n ? s.charCodeAt(i) : 0;
    }
  }
  if (intDigits === 0 && fracDigits === 0) return undefined;
  let exponent = 0;
  if (c === 101 /* e */ || c === 69 /* E */) {
    c = ++i < n ? s.charCodeAt(i) : 0;
    let expNegative = false;
    if (c === 43 || c === 45) {
      expNegative = c === 45;
      c = ++i < n ? s.charCodeAt(i) : 0;
    }
    const expStart = i;
    while (c >= 48 && c <= 57) {
      if (exponent < 1e8) exponent = exponent * 10 + (c - 48);
      c = ++i < n ? s.charCodeAt(i) : 0;
    }
    if (i === expStart) return undefined;
    if (expNegative) exponent = -exponent;
  }
  if (i !== n) return undefined;
  if (digits <= FAST_DIGITS) {
    if (mantissa === 0) return negative ? -0 : 0;
    const e = scale + exponent;
    if (e >= -22 && e <= 22) {
      const v = e >= 0 ? mantissa * POW10[e] : mantissa / POW10[-e];
      return negative ? -v : v;
    }
  }
  return Number(s);
}

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
  const v = scanDecimal(s);
  if (v !== undefined) return v;
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
