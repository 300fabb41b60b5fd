// The hand-written number scanner against the implementation it replaced (the strict regex, then
// Number()), kept here as the oracle: same cells accepted, bit-identical doubles (Object.is, so -0
// and NaN count), over edge cases and a few hundred thousand seeded random strings.
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/main/engine/random.ts';
import { readCell, scanDecimal } from '../../src/main/engine/dataset/csv-number.ts';

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;
const MISSING = new Set(['', 'NA', 'N/A', 'NaN', 'null', '?', '-'].map((t) => t.toLowerCase()));

/** readCell as it was before the scanner (csv-number.ts at 2bf9fb5). */
function oracleReadCell(raw: string): number | undefined {
  let s = raw;
  const n = s.length;
  if (n > 0 && (s.charCodeAt(0) <= 32 || s.charCodeAt(n - 1) <= 32 || s.charCodeAt(0) === 160 || s.charCodeAt(n - 1) === 160)) s = s.trim();
  if (DECIMAL.test(s)) return Number(s);
  if (s.length <= 4 && MISSING.has(s.toLowerCase())) return NaN;
  const inf = INFINITY.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  return undefined;
}

function mismatch(cells: Iterable<string>): string[] {
  const bad: string[] = [];
  for (const c of cells) {
    const got = readCell(c);
    const want = oracleReadCell(c);
    if (!Object.is(got, want)) bad.push(`${JSON.stringify(c)}: got ${String(got)}, expected ${String(want)}`);
    // scanDecimal alone is exactly the regex-then-Number step.
    const plain = DECIMAL.test(c) ? Number(c) : undefined;
    if (!Object.is(scanDecimal(c), plain)) bad.push(`scanDecimal(${JSON.stringify(c)}): got ${String(scanDecimal(c))}, expected ${String(plain)}`);
    if (bad.length > 20) break;
  }
  return bad;
}

const EDGES = [
  '', ' ', '.', '+', '-', 'e', 'E', '1e', '1e+', '1e-', 'e5', '.e5', '+.', '-.e1', '1.', '.1', '+.1', '-.1', '1.e5', '1.5e', '0', '-0', '+0', '0.0', '-0.0', '-0e0', '-0e-999',
  '00', '007', '007.5', '0.000', '1_000', '0x1F', '0b1', '0o7', '1,5', '1.2.3', '1e5.5', '1e+-5', '--1', '+-1', '1 2', ' 1.5 ', '\t1.5', '1.5\t', '\u00a01.5\u00a0', '\u20031.5', ' \u20031.5',
  '\u00001', '1\u0000', '\ufeff1', '١٢', 'Infinity', '-Infinity', '+inf', 'INF', 'infinityy', 'NaN', 'nan', 'NA', 'n/a', 'null', 'NULL', '?', '-', ' - ', '∞',
  '9007199254740991', '9007199254740992', '9007199254740993', '18014398509481985', '123456789012345', '1234567890123456', '12345678901234567890',
  '999999999999999e22', '999999999999999e23', '123456789012345e-22', '123456789012345e-23', '1e22', '1e23', '1e-22', '1e-23', '1e308', '1.7976931348623157e308', '1.7976931348623158e308',
  '1.7976931348623159e308', '1e309', '-1e309', '2.2250738585072011e-308', '2.2250738585072014e-308', '4.9406564584124654e-324', '5e-324', '2.4703282292062327e-324', '2.4703282292062328e-324',
  '1e-400', '0.1', '0.2', '0.3', '0.30000000000000004', '8.98846567431158e307', '1e0000000000000000005', '1e-0000000000000000005', '0e99999999999999', '1e99999999999999', '1e-99999999999999',
  `0.${'0'.repeat(400)}1`, `${'0'.repeat(100_000)}12.5`, `12.5${'0'.repeat(100_000)}`, `1${'0'.repeat(400)}`, '4.35', '2.675', '1.005', '0.1e1', '10e-1', '100e-2', '.000001e6',
];

describe('scanDecimal / readCell against the regex + Number() oracle', () => {
  it('edge cases', () => {
    expect(mismatch(EDGES)).toEqual([]);
  });

  it('200,000 random strings over a number-heavy alphabet', () => {
    const rng = createRng(7);
    const alphabet = '0123456789012345678901234567890123456789+-..eE  \t\u00a0xinfaINF,_\u2003\u0000';
    const cells: string[] = [];
    for (let k = 0; k < 200_000; k++) {
      const len = Math.floor(rng() * (rng() < 0.1 ? 40 : 12));
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
      cells.push(s);
    }
    expect(mismatch(cells)).toEqual([]);
  });

  it('100,000 spellings of random doubles (shortest, fixed, precision 1-21, exponent, padded)', () => {
    const rng = createRng(11);
    const view = new DataView(new ArrayBuffer(8));
    const cells: string[] = [];
    for (let k = 0; k < 100_000; k++) {
      let v: number;
      const r = rng();
      if (r < 0.4) {
        // Any bit pattern: every exponent, subnormals, ±0.
        view.setUint32(0, Math.floor(rng() * 2 ** 32));
        view.setUint32(4, Math.floor(rng() * 2 ** 32));
        v = view.getFloat64(0);
        if (!Number.isFinite(v)) v = rng();
      } else if (r < 0.7) v = (rng() * 2 - 1) * 10 ** Math.floor(rng() * 40 - 20);
      else v = Math.round((rng() * 2 - 1) * 10 ** Math.floor(rng() * 12)) / 10 ** Math.floor(rng() * 8);
      const form = Math.floor(rng() * 6);
      let s =
        form === 0 ? String(v)
        : form === 1 ? v.toExponential(Math.floor(rng() * 21))
        : form === 2 ? v.toPrecision(1 + Math.floor(rng() * 21))
        : form === 3 && Math.abs(v) < 1e21 ? v.toFixed(Math.floor(rng() * 21))
        : form === 4 ? v.toExponential().toUpperCase()
        : String(v).replace(/^(-?)0\./, '$1.');
      if (rng() < 0.1) s = ` ${s} `;
      cells.push(s);
    }
    expect(mismatch(cells)).toEqual([]);
  });
});
