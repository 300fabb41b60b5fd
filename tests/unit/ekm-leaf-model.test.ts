// bench/ekm-leaf-model.ts: the §5.4.1 model m* = c·N^β·P^γ recovers known coefficients, handles a
// grid with one P or one N, and the tree variant's default leaf count follows params.ts's model.
import { describe, expect, it } from 'vitest';
import { fitLeafModel } from '../../bench/ekm-leaf-model.ts';
import { defaultLeafCount, LEAF_COUNT_MODEL, resolveEkmParams } from '../../src/main/engine/ekm/params.ts';

describe('leaf-count model', () => {
  it('recovers c, β, γ from exact power-law cells (R² 1) and is worse on noisy ones', () => {
    const cells = [100, 200, 400, 800].flatMap((n) => [1, 2, 4].map((p) => ({ n, p, m: 0.5 * n ** 0.6 * p ** 0.8 })));
    const fit = fitLeafModel(cells)!;
    expect(fit.c).toBeCloseTo(0.5, 10);
    expect(fit.beta).toBeCloseTo(0.6, 10);
    expect(fit.gamma).toBeCloseTo(0.8, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
    const noisy = cells.map((c, i) => ({ ...c, m: c.m * (i % 2 ? 1.5 : 0.7) }));
    expect(fitLeafModel(noisy)!.r2!).toBeLessThan(0.99);
  });

  it('fits only the direction that varies; equal best m everywhere has no R²', () => {
    const oneP = fitLeafModel([100, 400].map((n) => ({ n, p: 2, m: n / 10 })))!;
    expect(oneP.beta).toBeCloseTo(1, 10);
    expect(oneP.gamma).toBe(0);
    expect(oneP.c * 2 ** 0).toBeCloseTo(0.1, 10);
    expect(fitLeafModel([{ n: 100, p: 1, m: 8 }, { n: 200, p: 2, m: 8 }, { n: 400, p: 1, m: 8 }])!.r2).toBeNull();
    expect(fitLeafModel([{ n: 100, p: 1, m: 8 }])).toBeNull();
  });

  it('the tree default uses the model: today m = 2P leaves, L = ⌈N / m⌉', () => {
    expect(LEAF_COUNT_MODEL).toEqual({ c: 2, beta: 0, gamma: 1 });
    expect([1, 2, 4].map((p) => defaultLeafCount(400, p))).toEqual([2, 4, 8]);
    expect(resolveEkmParams({ k: 3, variant: 'tree', workers: 2 }, 401).leafLength).toBe(101);
    expect(defaultLeafCount(3, 4)).toBe(3);
  });
});
