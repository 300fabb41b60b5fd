// Bare kernels, one thread, interleaved rounds.
//   tsx bench/kernel-probe.ts [shapes dxk,...] [N]       k-means assignment: JS vs wasm (ns per point·centroid·dim)
//   tsx bench/kernel-probe.ts --ekm [n,...] [rows]       EKM evaluation sum: JS vs wasm vs C (kernel-probe-ekm.ts)
//   tsx bench/kernel-probe.ts --seeding [NxDxK,...]      k-means++ seeding: JS vs wasm (kernel-probe-seeding.ts)
import { planChunks } from '../src/main/engine/kmeans/chunks.ts';
import { assignChunks, createScratch, type KernelChoice, type PassState } from '../src/main/engine/kmeans/kernel.ts';
import { createRng } from '../src/main/engine/random.ts';

if (process.argv[2] === '--ekm') {
  const { probeEkmKernel } = await import('./kernel-probe-ekm.ts');
  const sizes = (process.argv[3] ?? '200,800,5000').split(',').map(Number);
  probeEkmKernel(sizes, Number(process.argv[4] ?? 400), Number(process.env.ROUNDS ?? 7));
  process.exit(0);
}
if (process.argv[2] === '--seeding') {
  const { probeSeeding } = await import('./kernel-probe-seeding.ts');
  const cells = (process.argv[3] ?? '1e6x2x10,1e6x2x40,1e6x16x40,1e5x200x10').split(',').map((c) => c.split('x').map(Number) as [number, number, number]);
  await probeSeeding(cells, Number(process.env.ROUNDS ?? 3));
  process.exit(0);
}
const shapes = (process.argv[2] ?? '2x10,2x40,16x10,16x40,200x10,200x40').split(',').map((s) => s.split('x').map(Number));
const N = Number(process.argv[3] ?? 1e5);
const rng = createRng(1);
for (const [d, k] of shapes) {
  const n = N;
  const values = Float64Array.from({ length: n * d }, () => rng() * 10);
  const centroids = Float64Array.from({ length: k * d }, () => rng() * 10);
  const plan = planChunks(n, k, d);
  const st = (): PassState => ({ values, n, d, k, plan, centroids, labels: new Int32Array(n).fill(-1), partials: new Float64Array(plan.numChunks * plan.stride) });
  const res: Record<string, number[]> = { js: [], wasm: [], 'wasm-dot': [] };
  const states = { js: st(), wasm: st(), 'wasm-dot': st() };
  const scratch = { js: createScratch(k, d, plan.stride, 'js'), wasm: createScratch(k, d, plan.stride, 'wasm'), 'wasm-dot': createScratch(k, d, plan.stride, 'wasm-dot') };
  const passes = Math.max(1, Math.round(2e8 / (n * k * d)));
  for (let r = 0; r < Number(process.env.ROUNDS ?? 7); r++) {
    for (const kind of ['js', 'wasm', 'wasm-dot'] as KernelChoice[]) {
      const t0 = performance.now();
      for (let p = 0; p < passes; p++) assignChunks(states[kind as 'js'], scratch[kind as 'js'], 0, plan.numChunks, () => false);
      res[kind].push(((performance.now() - t0) * 1e6) / (passes * n * k * d));
    }
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(`d=${d} k=${k}: js ${med(res.js).toFixed(3)} wasm ${med(res.wasm).toFixed(3)} wasm-dot ${med(res["wasm-dot"]).toFixed(3)} ns/term  js/wasm ${(med(res.js) / med(res.wasm)).toFixed(2)} wasm/dot ${(med(res.wasm) / med(res["wasm-dot"])).toFixed(2)}`);
}
