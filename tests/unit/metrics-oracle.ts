// Independent straightforward implementations of the external scores (pair counting for ARI,
// conditional entropies for homogeneity/completeness/NMI, a per-cluster tally for purity): the
// oracles the engine's metrics, and the agreement of two runs, are checked against.

/** ARI by looking at every unordered pair once (Hubert & Arabie's formula). */
export function ariByPairs(a: number[], b: number[]): number {
  const n = a.length;
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sa = a[i] === a[j];
      const sb = b[i] === b[j];
      if (sa && sb) both++;
      else if (sa) onlyA++;
      else if (sb) onlyB++;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  const sumA = both + onlyA;
  const sumB = both + onlyB;
  const expected = pairs === 0 ? 0 : (sumA * sumB) / pairs;
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (both - expected) / (max - expected);
}

function countBy<T>(xs: T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function entropy(xs: unknown[]): number {
  let h = 0;
  for (const c of countBy(xs).values()) h -= (c / xs.length) * Math.log(c / xs.length);
  return h;
}

/** H(A | B) = Σ_b p(b) · H(A | B = b). */
function conditionalEntropy(a: number[], b: number[]): number {
  let h = 0;
  for (const v of new Set(b)) {
    const sub = a.filter((_, i) => b[i] === v);
    h += (sub.length / a.length) * entropy(sub);
  }
  return h;
}

export function reference(truth: number[], pred: number[]) {
  const hC = entropy(truth);
  const hK = entropy(pred);
  const mi = hC - conditionalEntropy(truth, pred);
  const homogeneity = hC === 0 ? 1 : 1 - conditionalEntropy(truth, pred) / hC;
  const completeness = hK === 0 ? 1 : 1 - conditionalEntropy(pred, truth) / hK;
  let purity = 0;
  for (const v of new Set(pred)) {
    const sub = truth.filter((_, i) => pred[i] === v);
    purity += Math.max(...countBy(sub).values());
  }
  return { mi, homogeneity, completeness, nmi: hC + hK === 0 ? 1 : (2 * mi) / (hC + hK), purity: purity / truth.length };
}
