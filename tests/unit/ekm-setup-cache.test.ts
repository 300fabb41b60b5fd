// What EKM keeps between runs to shorten the main thread's set-up: the distance-matrix buffer
// (handed out once, only at its exact size, not above the size limit) and the k-d tree per data
// array and leaf size (the same tree as a fresh build). Answers with a stale kept buffer are
// checked against brute force in ekm-exact.test.ts.
import { describe, expect, it } from 'vitest';
import { KEEP_MAX_BYTES, keepMatrixBuffer, takeMatrixBuffer } from '../../src/main/engine/ekm/matrix-buffer.ts';
import { spatialTree, spatialTreeOf } from '../../src/main/engine/ekm/spatial.ts';
import { createRng } from '../../src/main/engine/random.ts';

describe('kept distance-matrix buffer', () => {
  it('comes back once, at its exact size only', () => {
    const a = takeMatrixBuffer(800);
    keepMatrixBuffer(a);
    expect(takeMatrixBuffer(808)).not.toBe(a);
    const again = takeMatrixBuffer(800);
    expect(again).toBe(a);
    expect(takeMatrixBuffer(800)).not.toBe(a); // two runs at once never share one
  });

  it('is not kept above the size limit', () => {
    const big = new SharedArrayBuffer(KEEP_MAX_BYTES + 8);
    keepMatrixBuffer(big);
    expect(takeMatrixBuffer(KEEP_MAX_BYTES + 8)).not.toBe(big);
  });
});

describe('k-d tree per data array', () => {
  it('is built once per array and leaf size, and equals a fresh build', () => {
    const rng = createRng(3);
    const values = Float64Array.from({ length: 2 * 300 }, () => rng());
    const first = spatialTreeOf(values, 300, 2, 16);
    expect(spatialTreeOf(values, 300, 2, 16)).toBe(first);
    const fresh = spatialTree(values, 300, 2, 16);
    expect([...first.order]).toEqual([...fresh.order]);
    expect([...first.nodes]).toEqual([...fresh.nodes]);
    expect(spatialTreeOf(values, 300, 2, 8)).not.toBe(first);
    expect(spatialTreeOf(Float64Array.from(values), 300, 2, 16)).not.toBe(first);
  });
});
