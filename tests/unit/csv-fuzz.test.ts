// Fuzz suite: 360 seeded, generated malformed CSV files (see support/csv-fuzz-cases.ts), each with the
// outcome its construction implies — loads with exactly these values, or fails with this error code
// (and line). The loader is checked against it; a failure names the case, so it can be replayed alone.
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsvBytes } from '../../src/main/engine/dataset/csv.ts';
import { FAMILIES, generateCases, type FuzzCase } from './support/csv-fuzz-cases.ts';

// Another seed explores other files: CSV_FUZZ_SEED=7 npx vitest run tests/unit/csv-fuzz.test.ts
const SEED = Number(process.env.CSV_FUZZ_SEED ?? 20261202);
const COUNT = 360;
const cases = generateCases(COUNT, SEED);

async function check(c: FuzzCase): Promise<void> {
  const e = c.expected;
  let result: Awaited<ReturnType<typeof parseCsvBytes>> | undefined;
  let error: unknown;
  try {
    result = await parseCsvBytes(c.bytes, c.options, `case-${c.id}.csv`);
  } catch (err) {
    error = err;
  }
  if (!e.ok) {
    expect(error, `expected ${e.code}, but it loaded`).toBeInstanceOf(CsvError);
    const err = error as CsvError;
    expect(err.code, err.message).toBe(e.code);
    if (e.line !== undefined) expect(err.line, err.message).toBe(e.line);
    if (e.message) expect(err.message).toMatch(e.message);
    return;
  }
  if (error) throw error;
  const { summary, dataset } = result!;
  expect(summary.features).toEqual(e.features);
  expect(summary.hasHeader).toBe(e.hasHeader);
  if (e.delimiter !== undefined) expect(summary.delimiter).toBe(e.delimiter);
  expect(summary.encoding).toBe(e.encoding);
  expect(summary.bytes).toBe(c.bytes.length);
  expect([summary.droppedRows, summary.imputedValues, summary.raggedRows]).toEqual([e.droppedRows, e.imputedValues, e.raggedRows]);
  if (e.raggedLines) expect(summary.raggedLines).toEqual(e.raggedLines);
  expect(dataset.d).toBe(e.features.length);
  expect(dataset.n * dataset.d).toBe(e.values.length);
  // Bit-identical doubles (Object.is tells -0 from 0).
  const got = Array.from(dataset.values);
  const firstDiff = got.findIndex((v, i) => !Object.is(v, e.values[i]));
  expect(firstDiff, firstDiff >= 0 ? `value ${firstDiff}: got ${got[firstDiff]}, expected ${e.values[firstDiff]}` : '').toBe(-1);
  for (const w of e.warnings) expect(summary.warnings.some((x) => w.test(x)), `no warning matching ${w} in ${JSON.stringify(summary.warnings)}`).toBe(true);
}

describe('CSV fuzz suite', () => {
  it(`has ${COUNT} cases from every family, with both outcomes well represented, and is reproducible`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(new Set(cases.map((c) => c.family))).toEqual(new Set(Object.keys(FAMILIES)));
    const codes = new Map<string, number>();
    for (const c of cases) {
      const k = c.expected.ok ? 'loads' : c.expected.code;
      codes.set(k, (codes.get(k) ?? 0) + 1);
    }
    expect(codes.get('loads')).toBeGreaterThan(120);
    for (const code of ['ragged', 'bad-quotes', 'binary', 'empty-file', 'header-only', 'no-numeric-column', 'no-rows-left']) expect(codes.get(code) ?? 0, code).toBeGreaterThan(3);
    const again = generateCases(COUNT, SEED);
    expect(again.every((c, i) => c.bytes.equals(cases[i].bytes) && JSON.stringify(c.options) === JSON.stringify(cases[i].options))).toBe(true);
  });

  it.each(cases.map((c) => [`#${c.id} ${c.family}: ${c.note}`, c] as const))('%s', async (_name, c) => {
    await check(c);
  });
});
