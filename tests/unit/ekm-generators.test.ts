// The seed's generators enumerate every combination of sizes 0..K exactly once, whatever the
// split (sequential, split, gen1, gen2, tree with any leaf length) and however the root's work
// is cut into pieces and parts. Checked by recording every combination and comparing with an
// independent enumeration.
import { describe, expect, it } from 'vitest';
import { countCombinations, countUpTo, firstIndexChunks } from '../../src/main/engine/ekm/combinatorics.ts';
import { gencombs, merge, type ComboSink, type Levels } from '../../src/main/engine/ekm/combs.ts';
import { rootKernel, rootPieces, stridedChunks } from '../../src/main/engine/ekm/kernels.ts';
import { makePlan } from '../../src/main/engine/ekm/plan.ts';
import type { EkmVariant } from '../../src/shared/types.ts';

/** Records every size-K combination a sink receives, as a sorted key. */
class RecordingSink implements ComboSink {
  readonly seen: string[] = [];
  evalBlock(outer: Int32Array, oOff: number, oSize: number, inner: Int32Array, iSize: number, from: number, to: number): void {
    for (let j = from; j < to; j++) {
      const c = [...outer.subarray(oOff, oOff + oSize), ...inner.subarray(j * iSize, (j + 1) * iSize)];
      this.seen.push(key(c));
    }
  }
}

const key = (c: number[]) => [...c].sort((a, b) => a - b).join(',');

/** Independent enumeration: all subsets of 0..n−1 of size s, by bitmask (memoised). */
const subsetCache = new Map<string, string[]>();
function allSubsets(n: number, s: number): string[] {
  const cached = subsetCache.get(`${n}/${s}`);
  if (cached) return cached;
  const out: string[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const c: number[] = [];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) c.push(i);
    if (c.length === s) out.push(c.join(','));
  }
  out.sort();
  subsetCache.set(`${n}/${s}`, out);
  return out;
}

function levelKeys(levels: Levels, s: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < levels.counts[s]; c++) out.push(key([...levels.data[s].subarray(c * s, (c + 1) * s)]));
  return out;
}

/**
 * Runs a variant's plan with a recording sink; the root is fully materialised too so that all
 * sizes 0..K can be checked. Root cross terms go through the real piece list, split into `parts`.
 */
function enumeratePlan(variant: EkmVariant, n: number, k: number, leafLength: number, parts: number, arity = 2) {
  const plan = makePlan(variant, n, parts, leafLength, arity);
  const sink = new RecordingSink();
  const levels = new Map<number, Levels>();
  let rootLevels: Levels | null = null;
  for (const node of plan.nodes) {
    let out: Levels;
    if (node.kind === 'gen') {
      out = gencombs(Int32Array.from({ length: node.hi - node.lo }, (_, i) => node.lo + i), k, sink);
    } else if (node.id !== plan.rootId) {
      out = merge(levels.get(node.children[0])!, levels.get(node.children[1])!, sink)!;
    } else {
      const [l, r] = node.children.map((c) => levels.get(c)!);
      const pieces = rootPieces(l, r, parts * 16);
      for (let p = 0; p < parts; p++) rootKernel(sink, l, r, pieces, stridedChunks(p, parts, pieces.length / 3));
      out = merge(l, r, null)!; // sizes < K only, no sink: the cross terms were streamed above
    }
    levels.set(node.id, out);
    if (node.id === plan.rootId) rootLevels = out;
  }
  return { sink, rootLevels: rootLevels!, plan };
}

describe('combinatorics', () => {
  it('counts combinations exactly', () => {
    expect(countCombinations(5, 2)).toBe(10);
    expect(countCombinations(800, 3)).toBe(85_013_600);
    expect(countCombinations(10, 0)).toBe(1);
    expect(countCombinations(3, 4)).toBe(0);
    expect(countCombinations(60, 30)).toBe(118264581564861424);
    expect(countUpTo(4, 2)).toBe(1 + 4 + 6);
    // Pascal's rule over a grid, an independent check.
    for (let n = 1; n < 40; n++) for (let k = 1; k < n; k++) expect(countCombinations(n, k)).toBe(countCombinations(n - 1, k - 1) + countCombinations(n - 1, k));
  });

  it('first-index pieces cover every first index once, heaviest first', () => {
    for (const [n, k, pieces] of [[10, 3, 4], [50, 2, 7], [5, 5, 3], [400, 3, 32], [7, 1, 100]]) {
      const b = firstIndexChunks(n, k, pieces);
      expect(b[0]).toBe(0);
      expect(b[b.length - 1]).toBe(n - k + 1);
      for (let i = 1; i < b.length; i++) expect(b[i]).toBeGreaterThan(b[i - 1]);
      const owned = (i0: number, i1: number) => Array.from({ length: i1 - i0 }, (_, t) => countCombinations(n - 1 - (i0 + t), k - 1)).reduce((a, c) => a + c, 0);
      expect(Array.from({ length: b.length - 1 }, (_, r) => owned(b[r], b[r + 1])).reduce((a, c) => a + c, 0)).toBe(countCombinations(n, k));
    }
  });
});

describe('seed generators', () => {
  it('gencombs(3, 2) lists the seed example', () => {
    const sink = new RecordingSink();
    const levels = gencombs(Int32Array.of(0, 1, 2), 3, sink);
    expect(levelKeys(levels, 1).sort()).toEqual(['0', '1', '2']);
    expect(levelKeys(levels, 2).sort()).toEqual(['0,1', '0,2', '1,2']);
    expect(sink.seen).toEqual(['0,1,2']);
  });

  it('merge of [x1,x2] and [x3,x4] (seed eq. 15) gives every combination up to size 2', () => {
    const sink = new RecordingSink();
    const l = gencombs(Int32Array.of(0, 1), 3, sink);
    const r = gencombs(Int32Array.of(2, 3), 3, sink);
    const m = merge(l, r, sink)!;
    expect(levelKeys(m, 1).sort()).toEqual(['0', '1', '2', '3']);
    expect(levelKeys(m, 2).sort()).toEqual(allSubsets(4, 2));
    expect(sink.seen.sort()).toEqual(allSubsets(4, 3));
  });

  const variants: EkmVariant[] = ['sequential', 'split', 'gen1', 'gen2', 'tree'];
  it('every variant enumerates C(n,0)+…+C(n,K) combinations, each exactly once', () => {
    let cases = 0;
    for (let n = 1; n <= 11; n++) {
      for (let k = 1; k <= Math.min(5, n); k++) {
        for (const variant of variants) {
          const leafLengths = variant === 'tree' ? [1, 2, 3, Math.ceil(n / 2), n] : [n];
          for (const L of leafLengths) {
            for (const [parts, arity] of variant === 'tree' ? [[1, 2], [3, 2], [2, 3], [3, 4]] : [[2, 2]]) {
              const { sink, rootLevels } = enumeratePlan(variant, n, k, L, parts, arity);
              // Size K: streamed to the sinks, each exactly once.
              expect(sink.seen.length).toBe(countCombinations(n, k));
              expect([...sink.seen].sort()).toEqual(allSubsets(n, k));
              // Sizes 0..K−1: the root's levels.
              let total = sink.seen.length;
              for (let s = 0; s < k; s++) {
                const keys = levelKeys(rootLevels, s);
                expect(keys.sort()).toEqual(allSubsets(n, s));
                total += keys.length;
              }
              expect(total).toBe(countUpTo(n, k));
              cases++;
            }
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(300);
  });

  it('tree plans use leaves of length L with the remainder as one more leaf (seed §5.4.1)', () => {
    const plan = makePlan('tree', 23, 2, 10);
    const leaves = plan.nodes.filter((x) => x.kind === 'gen').map((x) => x.hi - x.lo);
    expect(leaves).toEqual([10, 10, 3]);
    const gen2 = makePlan('gen2', 100, 4, 0);
    expect(gen2.nodes.filter((x) => x.kind === 'gen').map((x) => x.hi - x.lo)).toEqual([25, 25, 25, 25]);
    expect(gen2.nodes.filter((x) => x.kind === 'merge')).toHaveLength(3);
  });

  it('merge arity a: each level merges a neighbours as a chain of binary merges (fewer levels)', () => {
    const depth = (plan: ReturnType<typeof makePlan>): number => {
      const d = (id: number): number => (plan.nodes[id].kind === 'gen' ? 0 : 1 + Math.max(...plan.nodes[id].children.map(d)));
      return d(plan.rootId);
    };
    const binary = makePlan('tree', 64, 2, 4);
    const four = makePlan('tree', 64, 2, 4, 4);
    // 16 leaves: 15 merges either way; depth 4 pairwise, 2 levels of 3-merge chains = 6 with arity 4.
    expect(binary.nodes.filter((x) => x.kind === 'merge')).toHaveLength(15);
    expect(four.nodes.filter((x) => x.kind === 'merge')).toHaveLength(15);
    expect(depth(binary)).toBe(4);
    expect(depth(four)).toBe(6);
    // Every merge's left input holds the lower indices and the two inputs are adjacent.
    for (const node of four.nodes.filter((x) => x.kind === 'merge')) {
      const [l, r] = node.children.map((c) => four.nodes[c]);
      expect([l.lo, l.hi, r.hi]).toEqual([node.lo, r.lo, node.hi]);
    }
    expect(() => makePlan('tree', 10, 2, 2, 1)).toThrow(/merge arity/);
  });
});
