// RowCells: what a pass keeps (asked-for and drawn rows, within the budget), that kept rows are
// answered without a pass, and that a pass never reads past the last row still missing. The
// oracle is a table of generated rows and a reader that counts its passes and how far each went.
import { describe, expect, it } from 'vitest';
import { RowCells, type ReadRows } from '../../src/main/services/row-cells.ts';

const FILE = Array.from({ length: 200 }, (_, i) => [`r${i}`, String(i * 3), i % 2 ? 'odd' : 'even']);

function reader(rows = FILE) {
  const passes: number[] = []; // the last row each pass read
  const read: ReadRows = async (onRow, last) => {
    let i = 0;
    for (; i < rows.length && i <= last; i++) onRow(rows[i], i);
    passes.push(i - 1);
  };
  return { read, passes };
}

describe('RowCells', () => {
  it('answers asked-for rows, reading only up to the last one missing, and kept rows without a pass', async () => {
    const cache = new RowCells();
    const { read, passes } = reader();
    const got = await cache.cells('d', [10, 5], read);
    expect([...got.entries()].sort((a, b) => a[0] - b[0])).toEqual([[5, FILE[5]], [10, FILE[10]]]);
    expect(passes).toEqual([10]);
    expect((await cache.cells('d', [5, 10], read)).get(10)).toEqual(FILE[10]);
    expect(passes).toEqual([10]);
    await cache.cells('d', [5, 30], read); // 30 is missing: a pass up to it
    expect(passes).toEqual([10, 30]);
  });

  it('keeps the drawn and asked-for rows a pass goes by, not the others, and not the drawn rows past its end', async () => {
    const cache = new RowCells();
    const { read, passes } = reader();
    cache.drawn('d', [3, 50, 80, 150]);
    await cache.cells('d', [60], read);
    expect(cache.keptRows('d')).toBe(3); // 3, 50 and the asked-for 60
    await cache.cells('d', [50, 3, 60], read);
    expect(passes).toEqual([60]);
    await cache.cells('d', [80], read);
    expect(passes).toEqual([60, 80]);
    expect(cache.keptRows('d')).toBe(4); // 3, 50, 60, 80: none of the rows in between
    expect((await cache.cells('d', [7], read)).get(7)).toEqual(FILE[7]); // asked for, not drawn: kept too
    expect(cache.keptRows('d')).toBe(5);
    await cache.cells('d', [7], read);
    expect(passes).toEqual([60, 80, 7]);
  });

  it('keeps copies, datasets apart, within the budget; forget drops a dataset', async () => {
    const mutable = FILE.map((r) => [...r]);
    const cache = new RowCells(12); // characters: room for two rows of ~6 characters
    const { read, passes } = reader(mutable);
    cache.drawn('a', [1, 2, 3, 4]);
    const got = await cache.cells('a', [4], read);
    expect(got.get(4)).toEqual(FILE[4]);
    expect(cache.keptRows('a')).toBe(2); // rows 1 and 2 fit; 3 and 4 did not
    mutable[1][0] = 'changed';
    expect((await cache.cells('a', [1], read)).get(1)).toEqual(FILE[1]); // a copy was kept
    await cache.cells('a', [4], read); // not kept: read again
    expect(passes).toEqual([4, 4]);
    expect(cache.keptRows('b')).toBe(0);
    cache.forget('a');
    expect(cache.keptRows('a')).toBe(0);
  });

  it('leaves out rows the file does not reach', async () => {
    const cache = new RowCells();
    const { read } = reader(FILE.slice(0, 20));
    const got = await cache.cells('d', [5, 25], read);
    expect([...got.keys()]).toEqual([5]);
  });
});
