// firstNonFinite: the one finiteness scan k-means and EKM share before a run.
import { describe, expect, it } from 'vitest';
import { firstNonFinite } from '../../src/main/engine/dataset/dataset.ts';

describe('firstNonFinite', () => {
  it('finds the first NaN or infinity, wherever it is', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      for (const at of [0, 3, 7]) {
        const values = Float64Array.from({ length: 8 }, (_, i) => i - 4);
        values[at] = bad;
        if (at < 7) values[7] = NaN; // a later one must not win
        expect(firstNonFinite(values)).toBe(at);
      }
    }
  });

  it('returns -1 for finite data, also when asked again', () => {
    const values = Float64Array.of(0, -1e308, 1e308, Number.MIN_VALUE);
    expect(firstNonFinite(values)).toBe(-1);
    expect(firstNonFinite(values)).toBe(-1);
    expect(firstNonFinite(new Float64Array(0))).toBe(-1);
  });
});
