// The WebAssembly EKM sums (assembly/ekm.ts via wasm/ekm-wasm.ts) give the JavaScript loops' bits
// (ekm/sums.ts): the same value and the same stop position for every sum, abandoned or not, on
// random rows, rows full of ties, +∞ rows and odd lengths; integer rows against a brute-force
// sum; and whole EKM runs with the wasm sums and with the JavaScript sums only decide the same.
import { afterEach, describe, expect, it } from 'vitest';
import { resolveEkmParams, solveEkm } from '../../src/main/engine/ekm/index.ts';
import { minInto, sumAll, sumMin, sumMin2, sumState } from '../../src/main/engine/ekm/sums.ts';
import { createRng, randInt } from '../../src/main/engine/random.ts';
import { arenaServes, closeArena, EkmArena, ekmWasm, ekmWasmModule, EKM_ARENA_MAX_MATRIX_BYTES, openArena, withCalibrationRows } from '../../src/main/engine/wasm/ekm-wasm.ts';
import type { Distance, EkmVariant } from '../../src/shared/types.ts';
import { expectOptimal, makeInstance } from './ekm-oracle.ts';

afterEach(() => {
  closeArena();
  ekmWasm.choice = 'auto';
});

type Rng = () => number;

/** A row of n values: continuous, small integers (many ties, exact sums), or with +∞ entries. */
function randomRow(rng: Rng, n: number, kind: number): number[] {
  return Array.from({ length: n }, () => {
    if (kind === 0) return rng() * 100;
    if (kind === 1) return randInt(rng, 4);
    return rng() < 0.2 ? Infinity : rng() * 10;
  });
}

/** The three rows in plain arrays (JS loops) and in an arena (wasm), at a random offset. */
function placeRows(rng: Rng, arena: EkmArena, rows: number[][]): { js: Float64Array[]; wasm: Float64Array[] } {
  arena.startTask();
  // Odd offsets too: rows of odd length leave the next row 8 bytes off a 16-byte boundary.
  if (rng() < 0.5) arena.allocForTask(1 + randInt(rng, 3));
  const wasm = rows.map((r) => {
    const row = arena.allocForTask(r.length)!;
    row.set(r);
    return row;
  });
  // Every wasm row really is in the arena (else sums.ts would quietly run its JavaScript loop).
  for (const row of wasm) expect(row.buffer === arena.buffer).toBe(true);
  return { js: rows.map((r) => Float64Array.from(r)), wasm };
}

function run<T>(f: () => T): { value: T; stopAt: number } {
  sumState.stopAt = -1;
  const value = f();
  return { value, stopAt: sumState.stopAt };
}

describe('EKM wasm sums', () => {
  it('SIMD128 is available here (the wasm path is what these tests exercise)', () => {
    expect(ekmWasmModule()).not.toBeNull();
  });

  it('give the JavaScript loops’ bits and stop positions (2,000 random cases, abandoned or not)', () => {
    const arena = new EkmArena(ekmWasmModule()!, 1 << 20);
    const rng = createRng(15);
    let abandoned = 0;
    for (let t = 0; t < 2000; t++) {
      const n = 1 + randInt(rng, 150);
      const rows = [0, 1, 2].map(() => randomRow(rng, n, t % 3));
      const { js, wasm } = placeRows(rng, arena, rows);
      const full = rows[0].reduce((s, v, q) => s + Math.min(v, rows[1][q]), 0);
      // Limits below, at and above the sums, and +∞ (never abandon).
      const limit = [Infinity, full * rng(), full, 0, -1][randInt(rng, 5)];
      ekmWasm.arena = null;
      const expected = [run(() => sumMin(js[0], js[1], n, limit)), run(() => sumMin2(js[0], js[1], js[2], n, limit)), run(() => sumAll(js[0], n, limit))];
      ekmWasm.arena = arena;
      const got = [run(() => sumMin(wasm[0], wasm[1], n, limit)), run(() => sumMin2(wasm[0], wasm[1], wasm[2], n, limit)), run(() => sumAll(wasm[0], n, limit))];
      for (let i = 0; i < 3; i++) {
        expect(Object.is(got[i].value, expected[i].value), `case ${t} sum ${i}: ${got[i].value} vs ${expected[i].value}`).toBe(true);
        expect(got[i].stopAt).toBe(expected[i].stopAt);
        if (expected[i].stopAt < n) abandoned++;
      }
    }
    // The abandon path is really taken (a test that never stops early checks half the kernel).
    expect(abandoned).toBeGreaterThan(500);
  });

  it('minInto matches the JavaScript loop, in place too', () => {
    const arena = new EkmArena(ekmWasmModule()!, 1 << 20);
    const rng = createRng(16);
    for (let t = 0; t < 500; t++) {
      const n = 1 + randInt(rng, 99);
      const rows = [0, 1, 2].map(() => randomRow(rng, n, t % 3));
      const { js, wasm } = placeRows(rng, arena, rows);
      const inPlace = t % 2 === 0;
      ekmWasm.arena = null;
      const expected = minInto(inPlace ? js[0] : js[2], js[0], js[1], n);
      ekmWasm.arena = arena;
      const got = minInto(inPlace ? wasm[0] : wasm[2], wasm[0], wasm[1], n);
      expect(Array.from(got)).toEqual(Array.from(expected));
    }
  });

  it('sums integer rows exactly like a brute-force loop', () => {
    const arena = new EkmArena(ekmWasmModule()!, 1 << 20);
    ekmWasm.arena = arena;
    const rng = createRng(17);
    for (let t = 0; t < 300; t++) {
      const n = 1 + randInt(rng, 300);
      const rows = [0, 1, 2].map(() => randomRow(rng, n, 1));
      const { wasm } = placeRows(rng, arena, rows);
      let brute = 0;
      for (let q = 0; q < n; q++) brute += Math.min(rows[0][q], rows[1][q], rows[2][q]);
      expect(sumMin2(wasm[0], wasm[1], wasm[2], n, Infinity)).toBe(brute);
      expect(sumState.stopAt).toBe(n);
    }
  });

  it('openArena copies the matrix and then serves rows from it; kernel "js" keeps every sum in JavaScript', () => {
    const n = 37;
    const matrix = Float64Array.from({ length: n * n }, (_, i) => (i * 7919) % 101);
    const copy = openArena(matrix, n)!;
    expect(copy.buffer).toBe(ekmWasm.arena!.buffer);
    expect(Array.from(copy)).toEqual(Array.from(matrix));
    ekmWasm.choice = 'js';
    expect(openArena(matrix, n)).toBeNull();
    expect(ekmWasm.arena).toBeNull();
  });

  it('the estimate calibrates on the kernel a run will use: wasm rows in a temporary arena, the active one restored', () => {
    const active = new EkmArena(ekmWasmModule()!, 4096);
    ekmWasm.arena = active;
    const inWasm = withCalibrationRows(64, true, (a, b) => a.buffer === b.buffer && a.buffer === ekmWasm.arena?.buffer && ekmWasm.arena !== active);
    expect(inWasm).toBe(true);
    expect(ekmWasm.arena).toBe(active);
    expect(withCalibrationRows(64, false, (a) => a.buffer === active.buffer)).toBe(false);
    expect(arenaServes(100)).toBe(true);
    expect(arenaServes(Math.ceil(Math.sqrt(EKM_ARENA_MAX_MATRIX_BYTES / 8)) + 1)).toBe(false);
  });

  it('whole EKM runs decide the same with wasm sums and with JavaScript sums only (costs, sets, counts)', async () => {
    const rng = createRng(2026);
    const variants: EkmVariant[] = ['sequential', 'gen2', 'tree', 'fused'];
    for (let t = 0; t < 80; t++) {
      const distance: Distance = t % 3 === 2 ? 'manhattan' : 'sqeuclidean';
      const inst = makeInstance(rng, 30, 4, distance);
      const n = inst.rows.length;
      const variant = variants[t % variants.length];
      const parts = 1 + (t % 3);
      const params = resolveEkmParams({ k: inst.k, variant, distance, workers: parts, prune: t % 5 !== 0 }, n);
      const search = t % 2 ? 'tree' : 'dual';
      ekmWasm.choice = 'auto';
      const opened = ekmWasm.opened;
      const a = await solveEkm(inst.ds, params, { parts, search });
      expect(ekmWasm.opened).toBeGreaterThan(opened); // the run's sums had an arena to run in
      const afterWasm = ekmWasm.opened;
      ekmWasm.choice = 'js';
      const b = await solveEkm(inst.ds, params, { parts, search });
      expect(ekmWasm.opened).toBe(afterWasm); // and this one none
      expectOptimal(inst, a, `${variant} P=${parts} wasm`);
      expect(a.cost).toBe(b.cost);
      expect(a.medoids).toEqual(b.medoids);
      expect(a.combinationsEvaluated).toBe(b.combinationsEvaluated);
      expect(a.combinationsAbandoned).toBe(b.combinationsAbandoned);
    }
  });
});
