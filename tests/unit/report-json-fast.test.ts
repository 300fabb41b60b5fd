// The one-walk pretty printer (json.ts) must write exactly what the earlier
// stringify → parse → re-indent printer wrote; that printer is kept here as the oracle.
import { describe, expect, it } from 'vitest';
import { loadJsonReport, toJsonReport } from '../../src/main/report/json.ts';
import { ekmFixture, experimentFixture, kmeansFixture } from './report-fixtures.ts';

function oracleValue(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  return value;
}

function oracleReindent(value: unknown, current: string, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = current + indent;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map((v) => inner + oracleReindent(v, inner, indent)).join(',\n')}\n${current}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${oracleReindent(v, inner, indent)}`).join(',\n')}\n${current}}`;
}

const oracle = (v: unknown) => `${oracleReindent(JSON.parse(JSON.stringify(v, oracleValue)), '', '  ')}\n`;

describe('toJsonReport (one walk)', () => {
  it('writes the same text as the stringify/parse/re-indent printer for run and experiment records', () => {
    for (const rec of [kmeansFixture().record, ekmFixture().record, experimentFixture()]) expect(toJsonReport(rec)).toBe(oracle(rec));
    const withDataset = kmeansFixture(); // typed arrays inside
    expect(toJsonReport(withDataset as never)).toBe(oracle(withDataset));
  });

  it('matches it on awkward values: typed arrays, -0, NaN, Infinity, undefined, nested empties, Dates, unicode keys', () => {
    const odd = {
      labels: Int32Array.from([3, -1, 0]),
      coords: Float64Array.from([0.1, -0, 1e-300, 5e21]),
      weird: [NaN, Infinity, -Infinity, -0, 1.5],
      mixed: [1, 'a,b', null, true, undefined, { x: undefined, y: [] }],
      empty: { a: {}, b: [] },
      when: new Date(Date.UTC(2026, 11, 2)),
      'ключ "q"': 'v\n"',
      gone: undefined,
      fn: () => 1,
    };
    const ours = toJsonReport(odd as never);
    expect(ours).toBe(oracle(odd));
  });

  it('still names the first label that is not a whole number', () => {
    const rec = JSON.parse(toJsonReport(kmeansFixture().record)) as { result: { labels: unknown[] } };
    rec.result.labels[2] = 1.5;
    expect(() => loadJsonReport(JSON.stringify(rec))).toThrow(/labels\[2\]/);
    rec.result.labels = 'nope' as never;
    expect(() => loadJsonReport(JSON.stringify(rec))).toThrow(/labels/);
  });
});
