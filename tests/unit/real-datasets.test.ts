// bench/real-datasets.ts: the sklearn CSV layout (header line "n,d,class names…", class in the last
// column; digits without a header) and the z-scoring the real-data bench applies. No sklearn needed.
import { describe, expect, it } from 'vitest';
import { parseSklearnCsv, zScore } from '../../bench/real-datasets.ts';

describe('real datasets for bench:ekm', () => {
  it('parses the sklearn layout without the class column, with or without the header line', () => {
    expect(parseSklearnCsv('3,2,a,b\n1,2,0\n3,4,1\n5,6,1\n', true)).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(parseSklearnCsv('0,5,7\r\n1,6,8\r\n', false)).toEqual([[0, 5], [1, 6]]);
    expect(() => parseSklearnCsv('2,1,a\n1,x\n', true)).toThrow(/line 2 is not numeric/);
  });

  it('z-scores each column (population sd), constant columns become 0', () => {
    const z = zScore([[1, 7], [3, 7], [5, 7]]);
    const sd = Math.sqrt(8 / 3);
    expect(z.map((r) => r[0])).toEqual([-2 / sd, 0, 2 / sd]);
    expect(z.map((r) => r[1])).toEqual([0, 0, 0]);
  });
});
