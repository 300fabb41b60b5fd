// Plain-text tables of an experiment in the seed paper's layout: one table per k, rows = processes
// (workers), columns = N, speedups to 5 decimals; plus medians, efficiencies, fitted laws and
// runtime models. Pure (string in, string out) so the CLI and tests share it.
import type { ExperimentCell, ExperimentResult, RuntimeModel } from '../../../shared/types.ts';
import { ceilingDefinition, formatOfCeiling, hasCeiling } from '../../../shared/ceiling.ts';
import { predictRuntime, predictSpeedup, RUNTIME_FIT_MIN_SIZES, SPEEDUP_FIT_MIN_WORKER_COUNTS } from './fits.ts';

export interface TableOptions {
  /** ANSI bold/red for mismatches (terminals only). */
  color?: boolean;
  /** Sizes at which to predict runtimes and speedups from the runtime models. */
  predictAt?: number[];
}

const BOLD_RED = '\x1b[1;31m';
const RESET = '\x1b[0m';

function processLabel(workers: number): string {
  return workers === 0 ? 'serial' : String(workers);
}

function sizeLabel(n: number): string {
  return `N = ${n}`;
}

function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]) => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('   ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function fixed(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** One grid per k: rows = workers, columns = N, values from `pick` (mismatching cells marked "!"). */
function grid(cells: ExperimentCell[], k: number, pick: (c: ExperimentCell) => string): string {
  const mine = cells.filter((c) => c.k === k);
  const sizes = [...new Set(mine.map((c) => c.n))].sort((a, b) => a - b);
  const workers = [...new Set(mine.map((c) => c.workers))].sort((a, b) => a - b);
  const rows = workers.map((w) => [
    processLabel(w),
    ...sizes.map((n) => {
      const c = mine.find((x) => x.n === n && x.workers === w);
      if (!c) return '—';
      return c.answerMatches ? pick(c) : `${pick(c)} !`;
    }),
  ]);
  return renderTable(['Processes', ...sizes.map(sizeLabel)], rows);
}

function serialMin(cells: ExperimentCell[], c: ExperimentCell): number {
  return cells.find((x) => x.n === c.n && x.k === c.k && x.workers === 0)?.minMs ?? NaN;
}

/** Machine ceiling and the share of it used, for P ≥ 2 (nothing when the ceiling was not measured). */
function ceilingSection(result: ExperimentResult, k: number): string[] {
  if (!hasCeiling(result)) return [];
  const wide = result.cells.filter((c) => c.workers >= 2);
  return [
    '',
    `Machine ceiling (${ceilingDefinition(result.spec.algorithm)}):`,
    grid(wide, k, (c) => fixed(c.ceilingSpeedup, 5)),
    '',
    'Of ceiling (speedup / machine ceiling: the share of the machine\'s parallel capacity used):',
    grid(wide, k, (c) => formatOfCeiling(c.ofCeiling)),
  ];
}

function modelText(m: RuntimeModel | null): string {
  if (!m) return '—';
  const formula = m.kind === 'linear' ? `t = ${m.a.toPrecision(4)}·N ${m.b < 0 ? '−' : '+'} ${Math.abs(m.b).toPrecision(4)} ms` : `t = ${m.a.toPrecision(4)}·N^${m.b.toFixed(3)} ms`;
  return `${formula} (R² ${m.r2.toFixed(4)})`;
}

function runtimeModelSection(result: ExperimentResult, k: number, predictAt: number[]): string[] {
  const models = result.runtimeModels.filter((m) => m.k === k);
  if (!models.length) return [];
  const out = ['', `Runtime models over N (k = ${k}, medians):`];
  out.push(renderTable(['Processes', 'linear', 'power law'], models.map((m) => [processLabel(m.workers), modelText(m.linear), modelText(m.power)])));
  if (models.some((m) => !m.linear || !m.power)) {
    out.push(`— = not fitted: a two-parameter model needs at least ${RUNTIME_FIT_MIN_SIZES} sizes N (else it passes through its points and says nothing).`);
  }
  const serial = models.find((m) => m.workers === 0);
  if (serial && predictAt.length) {
    for (const kind of ['linear', 'power'] as const) {
      const s = serial[kind];
      if (!s) continue;
      const rows = models
        .filter((m) => m.workers !== 0 && m[kind])
        .map((m) => [
          processLabel(m.workers),
          ...predictAt.map((n) => {
            const sp = predictSpeedup(s, m[kind]!, n);
            return `${fixed(predictRuntime(m[kind]!, n), 1)} ms / ${fixed(sp, 3)}×`;
          }),
        ]);
      if (!rows.length) continue;
      out.push('', `Predicted time / speedup from the ${kind} models (serial: ${predictAt.map((n) => `${fixed(predictRuntime(s, n), 1)} ms at N = ${n}`).join(', ')}):`);
      out.push(renderTable(['Processes', ...predictAt.map(sizeLabel)], rows));
    }
  }
  return out;
}

export function formatExperimentTables(result: ExperimentResult, opts: TableOptions = {}): string {
  const out: string[] = [];
  const ks = [...new Set(result.cells.map((c) => c.k))].sort((a, b) => a - b);
  for (const k of ks) {
    const fits = result.fits.filter((f) => f.k === k).sort((a, b) => a.n - b.n);
    out.push(`=== k = ${k} ===`, '');
    out.push(`Speedup (serial median / median):`);
    out.push(grid(result.cells, k, (c) => c.speedup.toFixed(5)));
    out.push('', 'Speedup from the fastest runs (serial min / min; less sensitive to other load on the machine):');
    out.push(grid(result.cells, k, (c) => fixed(serialMin(result.cells, c) / c.minMs, 5)));
    out.push('', 'Median wall time, ms [min – max]:');
    out.push(grid(result.cells, k, (c) => `${fixed(c.medianMs, 1)} [${fixed(c.minMs, 1)} – ${fixed(c.maxMs, 1)}]`));
    out.push('', 'Efficiency (speedup / processes):');
    out.push(grid(result.cells, k, (c) => c.efficiency.toFixed(3)));
    out.push(...ceilingSection(result, k));
    if (fits.length) {
      out.push('', `Scaling laws${result.fitWorkerCap ? ` (processes capped at ${result.fitWorkerCap} cores)` : ''}:`);
      out.push(
        renderTable(
          ['Fit', ...fits.map((f) => sizeLabel(f.n))],
          [
            ['Amdahl p (parallel fraction)', ...fits.map((f) => fixed(f.amdahl?.parallelFraction, 4))],
            ['  rmse', ...fits.map((f) => fixed(f.amdahl?.rmse, 4))],
            ['Gustafson s (serial fraction)', ...fits.map((f) => fixed(f.gustafson?.serialFraction, 4))],
            ['  rmse', ...fits.map((f) => fixed(f.gustafson?.rmse, 4))],
          ],
        ),
      );
      if (fits.some((f) => !f.amdahl || !f.gustafson)) {
        const cap = result.fitWorkerCap ? ` within the ${result.fitWorkerCap}-core cap` : '';
        out.push(`— = not fitted: Amdahl and Gustafson need at least ${SPEEDUP_FIT_MIN_WORKER_COUNTS} worker counts above 1${cap} (S(1) = 1 carries no information).`);
      }
    }
    out.push(...runtimeModelSection(result, k, opts.predictAt ?? []));
    out.push('');
  }
  if (result.mismatches.length) {
    const head = `!!! ANSWER MISMATCH: ${result.mismatches.length} cell(s) differ from the serial answer (marked "!") !!!`;
    out.push(opts.color ? `${BOLD_RED}${head}${RESET}` : head);
    for (const m of result.mismatches) out.push(opts.color ? `${BOLD_RED}  ${m}${RESET}` : `  ${m}`);
  } else if (result.cells.length) {
    out.push('All answers equal the serial answer (labels / medoids exact, cost within 1e-9 relative).');
  }
  if (result.cancelled) out.push('Cancelled: the tables show the cells measured before the stop.');
  return out.join('\n');
}
