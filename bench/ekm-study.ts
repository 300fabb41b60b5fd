// bench:ekm --study: the seed's open questions (003 §5.4.1, §5.3; the EKM paper's Fig 10a) on our
// engine, K-medoids on 2-D blobs (3 centres, seed 7), every cell a full runEkm() call, repeats
// interleaved, medians:
//   leaf    the generator tree over leaf counts m (L = ⌈N/m⌉) and merge arities at several N and
//           P = 1, 2, 4; the best m per (N, P), today's default against it, the model
//           m* = c·N^β·P^γ fitted to the best cells (ekm-leaf-model.ts) with its R², and the work
//           counts (critical path in sets, tasks) behind each cell.
//   kcurves K = 2…5 runtime against N in generator-only mode (unpruned, no PAM bound): the
//           sequential generator and fused P = 2, with power-law and linear fits (Fig 10a).
//   models  K = 3 generator-only runtimes of every variant, the seed's linear model and a power
//           law refitted to each, with R², and the predicted runtimes and speedups at N = 10,000 (§5.3).
//
//   npm run bench:ekm -- --study [leaf|kcurves|models|all] [--quick] [--repeats 3] [--sizes …]
//                        [--leaf-counts 2,4,8,16,32,64] [--arities 2,4] [--generator-only] [--terms 3e9]
import { listFlag, numberFlag, type ParsedArgs } from '../src/main/cli/args.ts';
import { makeBlobs } from '../src/main/engine/dataset/synthetic.ts';
import { countCombinations } from '../src/main/engine/ekm/combinatorics.ts';
import { planMakespan } from '../src/main/engine/ekm/estimate.ts';
import { resolveEkmParams, runEkm } from '../src/main/engine/ekm/index.ts';
import { defaultLeafCount, LEAF_COUNT_MODEL } from '../src/main/engine/ekm/params.ts';
import { makePlan } from '../src/main/engine/ekm/plan.ts';
import { machineFacts } from '../src/main/engine/machine.ts';
import { WorkerPool } from '../src/main/engine/pool/pool.ts';
import { fitLinearRuntime, fitPowerRuntime, predictRuntime, predictSpeedup } from '../src/main/engine/scaling/fits.ts';
import type { EkmParams, EkmVariant, RuntimeModel } from '../src/shared/types.ts';
import { formatTable, median, rotate } from './bench-utils.ts';
import { fitLeafModel, type LeafCell } from './ekm-leaf-model.ts';

const fmtMs = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const fmtModel = (m: RuntimeModel | null): string => {
  if (!m) return '–';
  if (m.kind === 'linear') return `y = ${(m.a / 1000).toPrecision(4)}·N ${m.b < 0 ? '−' : '+'} ${Math.abs(m.b / 1000).toPrecision(4)} s (R² ${m.r2.toFixed(3)})`;
  return `t = ${(m.a / 1000).toPrecision(3)}·N^${m.b.toFixed(2)} s (R² ${m.r2.toFixed(3)})`;
};

interface Run {
  label: string;
  n: number;
  params: Partial<EkmParams> & { k: number };
}

/** Times every run `repeats` times, interleaved (order rotates per round); medians by label@n. */
async function timeRuns(pool: WorkerPool, runs: Run[], repeats: number): Promise<Map<string, number>> {
  const datasets = new Map<number, ReturnType<typeof makeBlobs>['dataset']>();
  const ds = (n: number) => datasets.get(n) ?? datasets.set(n, makeBlobs({ n, centers: 3, seed: 7 }).dataset).get(n)!;
  // Warm-up (not timed): every kernel once in every worker.
  for (const r of runs.filter((r) => r.n === Math.min(...runs.map((x) => x.n)))) await runEkm(ds(r.n), resolveEkmParams({ ...r.params, force: true }, r.n), { pool });
  const ms = new Map<string, number[]>();
  const answers = new Map<string, Set<string>>();
  for (let round = 0; round < repeats; round++) {
    for (const r of rotate(runs, round)) {
      const params = resolveEkmParams({ ...r.params, force: true }, r.n);
      const t0 = performance.now();
      const out = await runEkm(ds(r.n), params, { pool });
      const key = `${r.label}@${r.n}`;
      ms.set(key, [...(ms.get(key) ?? []), performance.now() - t0]);
      const akey = `${r.n}/${r.params.k}`;
      answers.set(akey, (answers.get(akey) ?? new Set()).add(`${out.cost.toPrecision(12)} @ ${out.medoids.join(',')}`));
      process.stderr.write(`\rround ${round + 1}/${repeats}: ${key.padEnd(28)}\x1b[K`);
    }
  }
  process.stderr.write('\r\x1b[K');
  for (const [key, set] of answers) if (set.size !== 1) throw new Error(`answer mismatch at N/K = ${key}: ${[...set].join(' | ')}`);
  for (const d of datasets.values()) pool.dropDataset(d.id);
  return new Map([...ms].map(([k, v]) => [k, median(v)]));
}

async function leafStudy(pool: WorkerPool, args: ParsedArgs, quick: boolean, repeats: number): Promise<void> {
  const K = 3;
  const sizes = listFlag(args, 'sizes', quick ? [80, 160] : [100, 200, 400]);
  const counts = listFlag(args, 'leaf-counts', quick ? [2, 4, 8, 16, 32] : [2, 4, 8, 16, 32, 64]);
  const arities = listFlag(args, 'arities', [2, 4]);
  const prune = args.flags['generator-only'] !== true;
  const ps = [1, 2, 4];
  const cellsOf = (n: number, p: number) => [...new Set([...counts, defaultLeafCount(n, p)])].filter((m) => Math.ceil(n / m) >= 1 && m <= n).sort((a, b) => a - b);
  const runs: Run[] = [];
  for (const n of sizes) for (const p of ps) for (const m of cellsOf(n, p)) for (const a of arities) {
    runs.push({ label: `P=${p} m=${m} a=${a}`, n, params: { k: K, variant: 'tree', workers: p, leafLength: Math.ceil(n / m), mergeArity: a, prune } });
  }
  console.log(`§5.4.1 leaf study: tree variant, K = ${K}, ${prune ? 'pruned (default)' : 'generator-only (unpruned, no PAM bound)'}, N ∈ {${sizes.join(', ')}}, P ∈ {1, 2, 4}, leaf counts m ∈ {${counts.join(', ')}} (+ today's default), merge arity ∈ {${arities.join(', ')}}, ${repeats} repeats`);
  const t = await timeRuns(pool, runs, repeats);
  const best: LeafCell[] = [];
  const summary: string[][] = [['N', 'P', 'best m (L)', 'arity', 'best time', 'default time', 'default ÷ best', 'critical path (sets) best / default', 'tasks best / default']];
  for (const n of sizes) {
    for (const p of ps) {
      const rows: string[][] = [['m (L)', ...arities.map((a) => `arity ${a}`), 'critical path ÷ C(N,K)', 'tasks']];
      let top = { m: 0, a: 0, ms: Infinity };
      for (const m of cellsOf(n, p)) {
        const plan = makePlan('tree', n, p, Math.ceil(n / m));
        rows.push([
          `${m} (${Math.ceil(n / m)})${m === defaultLeafCount(n, p) ? ' default' : ''}`,
          ...arities.map((a) => {
            const ms = t.get(`P=${p} m=${m} a=${a}@${n}`)!;
            if (ms < top.ms) top = { m, a, ms };
            return fmtMs(ms);
          }),
          (planMakespan(plan, K, p) / countCombinations(n, K)).toFixed(3),
          String(plan.nodes.length),
        ]);
      }
      console.log(`\nN = ${n}, P = ${p}:`);
      console.log(formatTable(rows));
      best.push({ n, p, m: top.m });
      const dm = defaultLeafCount(n, p);
      const dms = t.get(`P=${p} m=${dm} a=2@${n}`) ?? NaN;
      const path = (m: number) => planMakespan(makePlan('tree', n, p, Math.ceil(n / m), top.a), K, p);
      summary.push([String(n), String(p), `${top.m} (${Math.ceil(n / top.m)})`, String(top.a), fmtMs(top.ms), fmtMs(dms), `${(dms / top.ms).toFixed(2)}×`, `${(path(top.m) / path(dm)).toFixed(3)}`, `${makePlan('tree', n, p, Math.ceil(n / top.m), top.a).nodes.length} / ${makePlan('tree', n, p, Math.ceil(n / dm)).nodes.length}`]);
    }
  }
  console.log('\nBest cell per (N, P) against today\'s default (arity 2):');
  console.log(formatTable(summary));
  const model = fitLeafModel(best);
  const now = LEAF_COUNT_MODEL;
  console.log(`\nModel of the best leaf count, fitted to the ${best.length} best cells: ${model ? `m* = ${model.c.toPrecision(3)} · N^${model.beta.toFixed(3)} · P^${model.gamma.toFixed(3)} (R² on log m: ${model.r2 === null ? 'n/a, every best m equal' : model.r2.toFixed(3)})` : 'not fittable'}`);
  console.log(`Default in params.ts (LEAF_COUNT_MODEL): m = ${now.c} · N^${now.beta} · P^${now.gamma}.`);
  if (model) {
    const at = [1000, 10_000].flatMap((n) => ps.map((p) => `N=${n} P=${p}: ${Math.max(1, Math.round(model.c * n ** model.beta * p ** model.gamma))} (default ${defaultLeafCount(n, p)})`));
    console.log(`Fitted m* extrapolated: ${at.join('; ')}`);
    console.log('Adopt it only from a quiet machine, when its R² is high and default ÷ best above exceeds the run-to-run spread.');
  }
}

/** N values for K with C(N, K)·N ≤ terms at the largest: five steps up to it. */
function sizesForTerms(k: number, terms: number): number[] {
  let n = k + 1;
  while (countCombinations(n + 1, k) * (n + 1) <= terms) n++;
  return [...new Set([0.4, 0.55, 0.7, 0.85, 1].map((f) => Math.max(k + 1, Math.round(n * f))))];
}

function fitTable(t: Map<string, number>, labels: string[], sizesOf: (label: string) => number[]): Map<string, { linear: RuntimeModel | null; power: RuntimeModel | null }> {
  const out = new Map<string, { linear: RuntimeModel | null; power: RuntimeModel | null }>();
  for (const label of labels) {
    const pts = sizesOf(label).map((n) => ({ n, ms: t.get(`${label}@${n}`)! }));
    out.set(label, { linear: fitLinearRuntime(pts), power: fitPowerRuntime(pts) });
  }
  return out;
}

async function kCurves(pool: WorkerPool, args: ParsedArgs, quick: boolean, repeats: number): Promise<void> {
  const terms = numberFlag(args, 'terms', quick ? 2e7 : 3e9);
  const configs: Array<{ name: string; variant: EkmVariant; workers: number }> = [
    { name: 'sequential', variant: 'sequential', workers: 1 },
    { name: 'fused P=2', variant: 'fused', workers: 2 },
  ];
  const runs: Run[] = [];
  const sizes = new Map<number, number[]>();
  for (let k = 2; k <= 5; k++) {
    sizes.set(k, sizesForTerms(k, terms));
    for (const c of configs) for (const n of sizes.get(k)!) runs.push({ label: `K=${k} ${c.name}`, n, params: { k, variant: c.variant, workers: c.workers, prune: false } });
  }
  console.log(`\nK = 2…5 runtime curves (EKM paper Fig 10a), generator-only (every set summed in full, no PAM bound), sizes up to C(N,K)·N ≤ ${terms.toExponential(0)} terms, ${repeats} repeats:`);
  const t = await timeRuns(pool, runs, repeats);
  const labels = [...new Set(runs.map((r) => r.label))];
  const kOf = (label: string) => Number(label.slice(2, 3));
  const rows: string[][] = [['K', 'variant', 'N: time', 'power law', 'linear (seed form)']];
  const fits = fitTable(t, labels, (l) => sizes.get(kOf(l))!);
  for (const label of labels) {
    const f = fits.get(label)!;
    rows.push([String(kOf(label)), label.slice(4), sizes.get(kOf(label))!.map((n) => `${n}: ${fmtMs(t.get(`${label}@${n}`)!)}`).join(', '), fmtModel(f.power), fmtModel(f.linear)]);
  }
  console.log(formatTable(rows));
  console.log('Expected exponent: K + 1 (C(N, K) sets of N terms each).');
}

async function models(pool: WorkerPool, args: ParsedArgs, quick: boolean, repeats: number): Promise<void> {
  const sizes = listFlag(args, 'sizes', quick ? [40, 60, 80, 100] : [50, 100, 200, 400]);
  const configs: Array<{ name: string; params: Partial<EkmParams> & { k: number }; leaf?: (n: number) => number }> = [
    { name: 'sequential', params: { k: 3, variant: 'sequential', workers: 1 } },
    { name: 'split', params: { k: 3, variant: 'split', workers: 1 } },
    { name: 'gen1 P=2', params: { k: 3, variant: 'gen1', workers: 2 } },
    { name: 'gen2 P=4', params: { k: 3, variant: 'gen2', workers: 4 } },
    { name: 'tree default P=2', params: { k: 3, variant: 'tree', workers: 2 } },
    { name: 'fused P=1', params: { k: 3, variant: 'fused', workers: 1 } },
    { name: 'fused P=2', params: { k: 3, variant: 'fused', workers: 2 } },
    { name: 'fused P=4', params: { k: 3, variant: 'fused', workers: 4 } },
  ];
  const runs = configs.flatMap((c) => sizes.map((n) => ({ label: c.name, n, params: { ...c.params, prune: false } })));
  console.log(`\nRuntime models (seed §5.3), K = 3, generator-only, N ∈ {${sizes.join(', ')}}, ${repeats} repeats; predictions at N = 10,000 extrapolate far beyond the fitted range:`);
  const t = await timeRuns(pool, runs, repeats);
  const fits = fitTable(t, configs.map((c) => c.name), () => sizes);
  const seq = fits.get('sequential')!;
  const rows: string[][] = [['variant', ...sizes.map((n) => `N=${n}`), 'linear fit', 'power law', 'T(10⁴) linear', 'speedup linear', 'T(10⁴) power', 'speedup power']];
  for (const c of configs) {
    const f = fits.get(c.name)!;
    const pred = (m: RuntimeModel | null) => (m ? fmtMs(predictRuntime(m, 10_000)) : '–');
    const sp = (s: RuntimeModel | null, m: RuntimeModel | null) => {
      const v = s && m ? predictSpeedup(s, m, 10_000) : null;
      return v === null ? '–' : `${v.toFixed(2)}×`;
    };
    rows.push([c.name, ...sizes.map((n) => fmtMs(t.get(`${c.name}@${n}`)!)), fmtModel(f.linear), fmtModel(f.power), pred(f.linear), sp(seq.linear, f.linear), pred(f.power), sp(seq.power, f.power)]);
  }
  console.log(formatTable(rows));
  console.log('Seed 003 eq. 19–20 (Python, 2-core Colab, N = 50…400): at N = 10,000 parallel generator 1 2.44×, parallel generator 2 2.63× the sequential generator (linear models).');
}

export async function studyBench(args: ParsedArgs): Promise<void> {
  const quick = args.flags.quick === true;
  const what = args.flags.study === true || args.flags.study === undefined ? 'all' : args.flags.study;
  const parts = what === 'all' ? ['leaf', 'kcurves', 'models'] : what.split(',');
  for (const p of parts) if (!['leaf', 'kcurves', 'models'].includes(p)) throw new RangeError(`--study ${p}: choose leaf, kcurves, models or all`);
  const repeats = Math.max(1, numberFlag(args, 'repeats', quick ? 1 : 3));
  const facts = machineFacts();
  console.log(`EKM study (seed 003 §5.4.1, §5.3; EKM paper Fig 10a): ${facts.cpuModel}, ${facts.logicalCores} logical cores, Node ${facts.node}${quick ? '; --quick: a sanity run, not a measurement' : ''}`);
  const pool = new WorkerPool({ size: 4 });
  await pool.ready();
  try {
    if (parts.includes('leaf')) await leafStudy(pool, args, quick, repeats);
    if (parts.includes('kcurves')) await kCurves(pool, args, quick, repeats);
    if (parts.includes('models')) await models(pool, args, quick, repeats);
  } finally {
    await pool.destroy();
  }
}
