// Instruction counts of the wasm k-means assignment kernel, for A/B comparisons that the load of
// other programs cannot disturb (wall times on a shared machine can). Plain JavaScript (no tsx),
// so it runs cheaply under valgrind:
//   valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=/dev/null \
//     node bench/kernel-instructions.mjs distance 20000 16 40 3
// Run it with passes = 0 and passes = P; (Ir(P) − Ir(0)) ÷ (P·n·k·d) = instructions per
// point·centroid·dimension term. Forms: distance (default kernel) | dot (kernel 'wasm-dot').
// Same memory layout as src/main/engine/wasm/kmeans-wasm.ts (centroids transposed, k rounded to 2).
import { readFileSync } from 'node:fs';

const [form = 'distance', nArg = '20000', dArg = '16', kArg = '40', passesArg = '3'] = process.argv.slice(2);
const n = Number(nArg);
const d = Number(dArg);
const k = Number(kArg);
const passes = Number(passesArg);
const kp = Math.ceil(k / 2) * 2;
const PAGE = 65536;
// KMEANS_WASM=path measures another build of the kernel (e.g. an older commit's).
const bytes = readFileSync(process.env.KMEANS_WASM ?? new URL('../src/main/engine/wasm/kmeans.wasm', import.meta.url));
const align = (x) => Math.ceil(x / 16) * 16;
const dataPtr = PAGE;
const normsPtr = align(dataPtr + n * d * 8);
const ctPtr = align(normsPtr + n * 8);
const cnPtr = align(ctPtr + d * kp * 8);
const crowPtr = align(cnPtr + kp * 8);
const labelsPtr = align(crowPtr + k * d * 8);
const recPtr = align(labelsPtr + n * 4);
const end = recPtr + (k * d + k + 2) * 8;
const memory = new WebAssembly.Memory({ initial: Math.ceil(end / PAGE) + 1 });
const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
const f64 = new Float64Array(memory.buffer);
// A fixed xorshift stream: the same data in every run of this probe.
let s = 0x9e3779b9;
const rnd = () => {
  s ^= s << 13;
  s ^= s >>> 17;
  s ^= s << 5;
  return (s >>> 0) / 2 ** 32;
};
for (let i = 0; i < n * d; i++) f64[dataPtr / 8 + i] = rnd() * 10;
const centroids = Array.from({ length: k * d }, () => rnd() * 10);
for (let j = 0; j < kp; j++) {
  let norm = 0;
  for (let t = 0; t < d; t++) {
    const v = j < k ? centroids[j * d + t] : Infinity;
    if (form === 'dot') f64[ctPtr / 8 + t * kp + j] = j < k ? -2 * v : 0;
    else f64[ctPtr / 8 + t * kp + j] = v;
    norm += j < k ? v * v : 0;
  }
  f64[cnPtr / 8 + j] = j < k ? norm : Infinity;
}
f64.set(centroids, crowPtr / 8);
let cmax = 0;
for (let j = 0; j < k; j++) cmax = Math.max(cmax, Math.sqrt(f64[cnPtr / 8 + j]) * (1 + 1e-12));
for (let i = 0; i < n; i++) {
  let q = 0;
  for (let t = 0; t < d; t++) q += f64[dataPtr / 8 + i * d + t] ** 2;
  f64[normsPtr / 8 + i] = Math.sqrt(q) * (1 + 1e-12);
}
for (let p = 0; p < passes; p++) {
  if (form === 'dot') exports.assignRowsDot(dataPtr, d, ctPtr, cnPtr, crowPtr, k, kp, labelsPtr, recPtr, 0, n, normsPtr, cmax);
  else exports.assignRows(dataPtr, d, ctPtr, k, kp, labelsPtr, recPtr, 0, n);
}
console.log(`${form} n=${n} d=${d} k=${k} passes=${passes} inertia=${f64[recPtr / 8 + k * d + k + 1]}`);
