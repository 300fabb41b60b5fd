// The shape of each generator variant as a tree of gen leaves and merge nodes (seed §3.3–3.7, §5.4.1).
//
//   sequential  one gen over all N points (the original EKM generator)
//   split       gen(first half), gen(second half) one after the other, one merge (split-sequential)
//   gen1        the two halves generated in parallel, one merge (parallel generator 1)
//   gen2        four quarters in parallel, two merges in parallel, a final merge (parallel generator 2)
//   tree        leaves of length L (the last one takes the remainder), merged level by level in
//               groups of `arity` neighbours (default 2: pairwise), every node scheduled as soon as
//               its children finish; the root's work is split across all workers (the general
//               parallel EKM tree of §5.4.1). A group of a > 2 is merged as a chain of a − 1 binary
//               merges (the seed's merge is binary), so a larger arity means fewer levels and fewer
//               merges running in parallel — the "number of merge functions" §5.4.1 asks about.
//
// Leaves cover contiguous index ranges in ascending order, so a merge's left input always holds
// the lower indices. Level sizes are binomials of the range lengths, known before running.
import type { EkmVariant } from '../../../shared/types.ts';
import { countCombinations } from './combinatorics.ts';

export interface PlanNode {
  id: number;
  kind: 'gen' | 'merge';
  /** Index range [lo, hi) of the points under this node. */
  lo: number;
  hi: number;
  /** merge: [left, right] node ids. */
  children: number[];
  label: string;
}

export interface Plan {
  variant: EkmVariant;
  nodes: PlanNode[];
  rootId: number;
  /** Workers the variant uses (1 for sequential/split, ≤ 2 for gen1, ≤ 4 for gen2). */
  workers: number;
  /** Whether the root merge's cross terms are split across all workers. */
  splitRoot: boolean;
}

/** Size-k combinations first created at `node` (so evaluated there). */
export function nodeWork(plan: Plan, node: PlanNode, k: number): number {
  if (node.kind === 'gen') return countCombinations(node.hi - node.lo, k);
  const [l, r] = node.children.map((c) => plan.nodes[c]);
  return countCombinations(node.hi - node.lo, k) - countCombinations(l.hi - l.lo, k) - countCombinations(r.hi - r.lo, k);
}

function leafRanges(lengths: number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let lo = 0;
  for (const len of lengths) {
    out.push([lo, lo + len]);
    lo += len;
  }
  return out;
}

/** m nearly equal parts of n (the first ones one longer). */
function equalParts(n: number, m: number): number[] {
  return Array.from({ length: m }, (_, i) => Math.floor(n / m) + (i < n % m ? 1 : 0));
}

/** Parts of length L, the remainder as one more part (seed §5.4.1). */
function partsOfLength(n: number, L: number): number[] {
  const parts: number[] = [];
  for (let lo = 0; lo < n; lo += L) parts.push(Math.min(L, n - lo));
  return parts;
}

/** Leaves, then merges of `arity` neighbours level by level (a lone last one moves up unmerged). */
function buildTree(variant: EkmVariant, lengths: number[], workers: number, splitRoot: boolean, arity = 2): Plan {
  const nodes: PlanNode[] = [];
  let level = leafRanges(lengths).map(([lo, hi]) => {
    const node: PlanNode = { id: nodes.length, kind: 'gen', lo, hi, children: [], label: `gen [${lo}, ${hi})` };
    nodes.push(node);
    return node;
  });
  while (level.length > 1) {
    const next: PlanNode[] = [];
    for (let i = 0; i < level.length; i += arity) {
      let acc = level[i];
      for (const b of level.slice(i + 1, i + arity)) {
        const node: PlanNode = { id: nodes.length, kind: 'merge', lo: acc.lo, hi: b.hi, children: [acc.id, b.id], label: `merge [${acc.lo}, ${b.hi})` };
        nodes.push(node);
        acc = node;
      }
      next.push(acc);
    }
    level = next;
  }
  return { variant, nodes, rootId: level[0].id, workers, splitRoot };
}

export function makePlan(variant: EkmVariant, n: number, workers: number, leafLength: number, arity = 2): Plan {
  if (!Number.isInteger(arity) || arity < 2) throw new RangeError(`merge arity must be a whole number ≥ 2, got ${arity}`);
  switch (variant) {
    case 'sequential':
      return buildTree(variant, [n], 1, false);
    case 'split':
      return buildTree(variant, equalParts(n, 2), 1, false);
    case 'gen1':
      return buildTree(variant, equalParts(n, 2), Math.min(workers, 2), false);
    case 'gen2':
      return buildTree(variant, equalParts(n, 4), Math.min(workers, 4), false);
    case 'tree':
      return buildTree(variant, partsOfLength(n, leafLength), workers, true, arity);
    case 'fused':
      throw new Error('the fused variant has no generator tree');
  }
}
