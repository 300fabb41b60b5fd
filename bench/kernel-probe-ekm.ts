// EKM evaluation kernel, one thread: ns per point-term of Σ_q min(m[q], r[q]) (the fused kernel's
// inner sum, one call per candidate medoid) for the JavaScript loop (ekm/sums.ts), the wasm SIMD
// kernel (assembly/ekm.ts, same bits) and a plain C loop (bench/c/ekm-sum.c, cc -O3 -march=native),
// unpruned (limit +∞) and with an abandon limit no sum reaches (the checks' cost, nothing abandoned).
// Run by `tsx bench/kernel-probe.ts --ekm [n,...] [rows]`; medians of interleaved rounds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sumMin } from '../src/main/engine/ekm/sums.ts';
import { createRng } from '../src/main/engine/random.ts';
import { EkmArena, ekmWasm, ekmWasmModule } from '../src/main/engine/wasm/ekm-wasm.ts';

const C_SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'c/ekm-sum.c');
const C_FLAGS = ['-O3', '-march=native'];
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

function cReference(dir: string, n: number, rows: number, reps: number): { plain: number; checked: number } | string {
  const cc = process.env.CC ?? 'cc';
  const binary = join(dir, 'ekm-sum');
  const build = spawnSync(cc, [...C_FLAGS, '-o', binary, C_SOURCE], { encoding: 'utf8' });
  if (build.status !== 0) return `C reference skipped: ${cc} failed: ${(build.stderr || String(build.error)).trim().split('\n')[0]}`;
  const r = spawnSync(binary, [String(n), String(rows), String(reps)], { encoding: 'utf8' });
  if (r.status !== 0) return `C reference failed: ${r.stderr.trim()}`;
  const out = JSON.parse(r.stdout) as { plainNsPerTerm: number; checkedNsPerTerm: number };
  return { plain: out.plainNsPerTerm, checked: out.checkedNsPerTerm };
}

export function probeEkmKernel(sizes: number[], rowsPerRound: number, rounds: number): void {
  const module = ekmWasmModule();
  if (!module) {
    console.log('no WebAssembly SIMD128 in this runtime: only the JavaScript loop would run');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ekm-probe-'));
  try {
    console.log('EKM evaluation kernel, ns per point-term (median of %d rounds), %d rows per round', rounds, rowsPerRound);
    console.log('n      | JS     | wasm   | C      | JS/wasm | wasm/C | (limit checks on:) JS | wasm | C');
    for (const n of sizes) {
      const rng = createRng(n);
      const arena = new EkmArena(module, (rowsPerRound + 1) * n * 8 + 4096);
      const m = arena.allocForRun(n)!;
      const rows = Array.from({ length: rowsPerRound }, () => arena.allocForRun(n)!);
      for (let q = 0; q < n; q++) m[q] = rng();
      for (const r of rows) for (let q = 0; q < n; q++) r[q] = rng();
      const jsM = Float64Array.from(m);
      const jsRows = rows.map((r) => Float64Array.from(r));
      const times: Record<string, number[]> = { js: [], wasm: [], jsChecked: [], wasmChecked: [] };
      let sink = 0;
      const time = (key: string, mm: Float64Array, rr: Float64Array[], limit: number) => {
        const t0 = performance.now();
        for (const r of rr) sink += sumMin(mm, r, n, limit);
        times[key].push(((performance.now() - t0) * 1e6) / (n * rr.length));
      };
      for (let round = 0; round < rounds; round++) {
        ekmWasm.arena = null;
        time('js', jsM, jsRows, Infinity);
        time('jsChecked', jsM, jsRows, 1e300);
        ekmWasm.arena = arena;
        time('wasm', m, rows, Infinity);
        time('wasmChecked', m, rows, 1e300);
        ekmWasm.arena = null;
      }
      const c = cReference(dir, n, rowsPerRound, rounds);
      const js = median(times.js);
      const wasm = median(times.wasm);
      const f = (x: number) => x.toFixed(3).padStart(6);
      const cText = typeof c === 'string' ? '     —' : f(c.plain);
      const ratioC = typeof c === 'string' ? '     —' : (wasm / c.plain).toFixed(2).padStart(6);
      const cChecked = typeof c === 'string' ? '—' : c.checked.toFixed(3);
      console.log(`${String(n).padEnd(6)} | ${f(js)} | ${f(wasm)} | ${cText} | ${(js / wasm).toFixed(2).padStart(7)} | ${ratioC} | ${median(times.jsChecked).toFixed(3)} | ${median(times.wasmChecked).toFixed(3)} | ${cChecked}`);
      if (typeof c === 'string') console.log(c);
      if (sink === -1) console.log(sink); // keeps the sums observable
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
