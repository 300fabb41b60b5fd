// Issue 14: the app's default features leave out id-like columns (named id, or unique increasing
// whole numbers) and say so; asked-for features, and the CLI's defaults, are unchanged.
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/main/engine/dataset/csv.ts';
import { idLikeReason, MIN_ROWS_FOR_VALUE_RULE } from '../../src/main/engine/dataset/id-columns.ts';

const column = (values: number[]) => ({ value: (i: number) => values[i] });
const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');

describe('idLikeReason', () => {
  it('knows id names', () => {
    for (const name of ['id', 'ID', ' Id ', 'row_id', 'customer id', 'Row ID', 'index', 'Unnamed: 0', '#', 'row']) expect(idLikeReason(name, column([0.5, 0.1]), 2), name).toMatch(/name/);
    for (const name of ['width', 'paid', 'valid', 'identity', 'x']) expect(idLikeReason(name, column([0.5, 0.1]), 2), name).toBeNull();
  });

  it(`finds unique increasing whole numbers over at least ${MIN_ROWS_FOR_VALUE_RULE} rows`, () => {
    const n = MIN_ROWS_FOR_VALUE_RULE;
    expect(idLikeReason('key', column(Array.from({ length: n }, (_, i) => 1000 + 7 * i)), n)).toMatch(/increasing/);
    expect(idLikeReason('key', column(Array.from({ length: n - 1 }, (_, i) => i)), n - 1)).toBeNull(); // too few rows to tell
    const steps = Array.from({ length: n }, (_, i) => i);
    expect(idLikeReason('v', column(steps.map((i) => (i === 5 ? 4 : i))), n)).toBeNull(); // a repeat
    expect(idLikeReason('v', column(steps.map((i) => i + 0.5)), n)).toBeNull(); // not whole
    expect(idLikeReason('v', column(steps.map((i) => (i === 3 ? NaN : i))), n)).toBeNull(); // missing
    expect(idLikeReason('v', column(steps.reverse()), n)).toBeNull(); // decreasing
    // A skipped (ragged) row does not count.
    expect(idLikeReason('v', column([...Array.from({ length: n }, (_, i) => i), -1]), n + 1, (i) => i === n)).toMatch(/increasing/);
  });
});

describe('default features with skipIdColumns', () => {
  const text = `row_id,seq,x,y\n${rows(30, (i) => `${i + 1},${100 + 3 * i},${(i * 0.37) % 1},${(i * 0.61) % 1}`)}`;

  it('leave the id columns out and say why, one warning each', async () => {
    const { summary } = await parseCsvText(text, { skipIdColumns: true });
    expect(summary.features).toEqual(['x', 'y']);
    const ids = summary.warnings.filter((w) => w.includes('looks like a row id'));
    expect(ids).toEqual([
      'Column "row_id" is not used by default because it looks like a row id (its name says it is an identifier); pick it as a feature to use it.',
      'Column "seq" is not used by default because it looks like a row id (its values are unique whole numbers increasing row by row); pick it as a feature to use it.',
    ]);
  });

  it('are unchanged without the option (the CLI) and when features are given', async () => {
    expect((await parseCsvText(text)).summary.features).toEqual(['row_id', 'seq', 'x', 'y']);
    const picked = await parseCsvText(text, { skipIdColumns: true, features: ['row_id', 'x'] });
    expect(picked.summary.features).toEqual(['row_id', 'x']);
    expect(picked.summary.warnings.some((w) => w.includes('row id'))).toBe(false);
  });

  it('keep the id columns when nothing else is numeric', async () => {
    const { summary } = await parseCsvText(`id,name\n${rows(12, (i) => `${i},n${i}`)}`, { skipIdColumns: true });
    expect(summary.features).toEqual(['id']);
  });
});
