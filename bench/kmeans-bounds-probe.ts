// Would Hamerly's or Elkan's bounds (triangle inequality; scikit-learn's algorithm="elkan") cut
// the assignment work of the bench:kmeans --dims cells? Counts, not times: point–centroid distances
// computed per Lloyd pass by plain Lloyd (n·k), Hamerly (one upper and one lower bound per point)
// and Elkan (one upper and k lower bounds per point), on the same data and start as
// bench/kmeans-dims.ts, plus the n distances an exact inertia needs when a point was skipped.
// Each variant's labels are checked equal to plain Lloyd's after every pass (this is a model of the
// work, in plain doubles; it is not the engine and makes no timing claim).
//   tsx bench/kmeans-bounds-probe.ts [--dims 2,16,200] [--ks 10,40] [--sizes 2e4] [--iterations 20]
import { listFlag, numberFlag, parseArgs } from '../src/main/cli/args.ts';
import { makeBlobs } from '../src/main/engine/dataset/synthetic.ts';
import { createRng, sampleDistinct } from '../src/main/engine/random.ts';

const args = parseArgs(process.argv.slice(2));
const dims = listFlag(args, 'dims', [2, 16, 200]);
const ks = listFlag(args, 'ks', [10, 40]);
const sizes = listFlag(args, 'sizes', [2e4]);
const iterations = numberFlag(args, 'iterations', 20);

function dist(x: Float64Array, i: number, c: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const u = x[i * d + t] - c[j * d + t];
    s += u * u;
  }
  return Math.sqrt(s);
}

function update(x: Float64Array, n: number, d: number, k: number, labels: Int32Array, c: Float64Array): Float64Array {
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    counts[labels[i]]++;
    for (let t = 0; t < d; t++) sums[labels[i] * d + t] += x[i * d + t];
  }
  const next = c.slice();
  for (let j = 0; j < k; j++) if (counts[j] > 0) for (let t = 0; t < d; t++) next[j * d + t] = sums[j * d + t] / counts[j];
  return next;
}

function nearest(x: Float64Array, i: number, c: Float64Array, k: number, d: number): [number, number, number] {
  let best = 0;
  let b = Infinity;
  let second = Infinity;
  for (let j = 0; j < k; j++) {
    const v = dist(x, i, c, j, d);
    if (v < b) {
      second = b;
      b = v;
      best = j;
    } else if (v < second) second = v;
  }
  return [best, b, second];
}

/** Distances computed per pass by each method, over `iterations` passes from the same start. */
function countWork(x: Float64Array, n: number, d: number, k: number, init: Float64Array) {
  let c: Float64Array = init.slice();
  const lloyd = new Int32Array(n);
  const ham = { labels: new Int32Array(n), upper: new Float64Array(n), lower: new Float64Array(n), work: 0 };
  const elk = { labels: new Int32Array(n), upper: new Float64Array(n), lower: new Float64Array(n * k), work: 0 };
  let mismatches = 0;
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) lloyd[i] = nearest(x, i, c, k, d)[0];
    // Half the distance from each centroid to its nearest other centroid (k² / 2 distances).
    const cc = new Float64Array(k * k);
    const s = new Float64Array(k).fill(Infinity);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) if (a !== b) {
      cc[a * k + b] = Math.sqrt(Array.from({ length: d }, (_, t) => (c[a * d + t] - c[b * d + t]) ** 2).reduce((p, q) => p + q, 0));
      s[a] = Math.min(s[a], cc[a * k + b] / 2);
    }
    const centreWork = it === 0 ? 0 : (k * (k - 1)) / 2;
    for (let i = 0; i < n; i++) {
      if (it === 0) {
        const [b, u, l] = nearest(x, i, c, k, d);
        ham.labels[i] = b;
        ham.upper[i] = u;
        ham.lower[i] = l;
        ham.work += k;
        elk.labels[i] = b;
        elk.upper[i] = u;
        for (let j = 0; j < k; j++) elk.lower[i * k + j] = dist(x, i, c, j, d);
        elk.work += k;
        continue;
      }
      // Hamerly: skip when the upper bound is below max(s(a), lower).
      const a = ham.labels[i];
      if (ham.upper[i] > Math.max(s[a], ham.lower[i])) {
        ham.upper[i] = dist(x, i, c, a, d);
        ham.work++;
        if (ham.upper[i] > Math.max(s[a], ham.lower[i])) {
          const [b, u, l] = nearest(x, i, c, k, d);
          ham.labels[i] = b;
          ham.upper[i] = u;
          ham.lower[i] = l;
          ham.work += k - 1;
        }
      } else ham.work++; // the exact inertia still needs d(x, c_a)
      // Elkan: per-centroid lower bounds and centroid–centroid distances.
      const e = elk.labels[i];
      let tight = false;
      if (elk.upper[i] > s[e]) {
        for (let j = 0; j < k; j++) {
          const cur = elk.labels[i];
          if (j === cur || elk.upper[i] <= elk.lower[i * k + j] || elk.upper[i] <= cc[cur * k + j] / 2) continue;
          if (!tight) {
            elk.upper[i] = dist(x, i, c, cur, d);
            elk.lower[i * k + cur] = elk.upper[i];
            elk.work++;
            tight = true;
            if (elk.upper[i] <= elk.lower[i * k + j] || elk.upper[i] <= cc[cur * k + j] / 2) continue;
          }
          const v = dist(x, i, c, j, d);
          elk.work++;
          elk.lower[i * k + j] = v;
          if (v < elk.upper[i]) {
            elk.labels[i] = j;
            elk.upper[i] = v;
          }
        }
      }
      if (!tight) elk.work++; // exact inertia
    }
    ham.work += centreWork;
    elk.work += centreWork;
    for (let i = 0; i < n; i++) if (ham.labels[i] !== lloyd[i] || elk.labels[i] !== lloyd[i]) mismatches++;
    // Centroids move: bounds loosen by the movement (upper grows by own shift, lower shrinks).
    const next = update(x, n, d, k, lloyd, c);
    const shift = Array.from({ length: k }, (_, j) => Math.sqrt(Array.from({ length: d }, (_, t) => (next[j * d + t] - c[j * d + t]) ** 2).reduce((p, q) => p + q, 0)));
    const maxShift = Math.max(...shift);
    for (let i = 0; i < n; i++) {
      ham.upper[i] += shift[ham.labels[i]];
      ham.lower[i] -= maxShift;
      elk.upper[i] += shift[elk.labels[i]];
      for (let j = 0; j < k; j++) elk.lower[i * k + j] = Math.max(0, elk.lower[i * k + j] - shift[j]);
    }
    c = next;
  }
  const lloydWork = iterations * n * k;
  return { hamerly: ham.work / lloydWork, elkan: elk.work / lloydWork, mismatches };
}

console.log(`distance computations as a share of plain Lloyd's n·k per pass (${iterations} passes, blobs seed 42, start: k random rows seed 7)`);
for (const n of sizes) for (const d of dims) for (const k of ks) {
  const { dataset } = makeBlobs({ n, centers: k, d, seed: 42 });
  const rows = sampleDistinct(createRng(7), n, k);
  const init = new Float64Array(rows.flatMap((i) => Array.from(dataset.values.subarray(i * d, (i + 1) * d))));
  const r = countWork(dataset.values, n, d, k, init);
  console.log(`d=${d} k=${k} N=${n}: Hamerly ${(r.hamerly * 100).toFixed(1)} %, Elkan ${(r.elkan * 100).toFixed(1)} % (labels differing from Lloyd's: ${r.mismatches})`);
}
