// How fast is CSV loading, against PapaParse itself? Generates CSVs in the temp folder (not
// committed; seeded, reused when present) and times, in interleaved rounds (the order rotates each
// round, so drift in the machine's load hits every path alike):
//   loader      loadCsv: sniffing, strict cells, column report, numeric Dataset (what inspect/the app run)
//   papa+Number PapaParse strings, then Number() on every cell (the least a numeric parse must do)
//   papa+dyn    PapaParse with dynamicTyping (its own number conversion)
//   papa        a bare PapaParse stream, strings only (the tokenising floor)
// Nothing but a checksum is kept on the PapaParse paths. Prints medians, spreads, the ratio of the
// loader to the faster numeric PapaParse path (of medians, and per round), and how much CPU other
// programs took meanwhile (this machine is shared).
//
//   npm run bench:load -- [--quick] [--rows 1000000] [--dims 2,16] [--rounds 5]
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { listFlag, numberFlag, parseArgs } from '../src/main/cli/args.ts';
import { loadCsv } from '../src/main/engine/dataset/csv.ts';
import { createNormal, createRng } from '../src/main/engine/random.ts';
import { formatTable, median, rotate, spreadPercent, withInterference } from './bench-utils.ts';

const args = parseArgs(process.argv.slice(2));
const quick = args.flags.quick === true;
const rows = numberFlag(args, 'rows', quick ? 100_000 : 1_000_000);
const dims = listFlag(args, 'dims', [2, 16]);
const rounds = numberFlag(args, 'rounds', quick ? 3 : 5);

function generate(path: string, n: number, d: number): void {
  const normal = createNormal(createRng(1));
  const header = Array.from({ length: d }, (_, j) => `x${j + 1}`).join(',');
  const parts: string[] = [header, '\n'];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) parts.push((normal() * 3 + ((i + j) % 5) * 10).toFixed(6), j < d - 1 ? ',' : '\n');
  }
  writeFileSync(path, parts.join(''));
}

/** PapaParse alone over the same file: strings, strings + Number(), or dynamicTyping. Returns a checksum. */
function papa(path: string, convert: 'none' | 'Number' | 'dynamic'): Promise<number> {
  const dynamicTyping = convert === 'dynamic';
  return new Promise((resolve, reject) => {
    let acc = 0;
    Papa.parse<unknown[]>(createReadStream(path, { highWaterMark: 256 * 1024, encoding: 'utf8' }), {
      delimiter: ',',
      newline: '\n',
      dynamicTyping,
      chunk: (r) => {
        // Touch one cell per row so the work cannot be skipped.
        if (convert === 'Number') for (const row of r.data as string[][]) for (let j = 0; j < row.length; j++) acc += Number(row[j]) > 0 ? 1 : 0;
        else for (const row of r.data) acc += dynamicTyping ? (typeof row[0] === 'number' ? 1 : 0) : row.length;
      },
      complete: () => resolve(acc),
      error: reject,
    });
  });
}

type PathName = 'loader' | 'papa+Number' | 'papa+dyn' | 'papa';
const PATHS: PathName[] = ['loader', 'papa+Number', 'papa+dyn', 'papa'];

async function runPath(name: PathName, file: string, n: number, d: number): Promise<void> {
  if (name === 'loader') {
    const { dataset } = await loadCsv(file);
    if (dataset.n !== n || dataset.d !== d) throw new Error(`loader read ${dataset.n} × ${dataset.d}, expected ${n} × ${d}`);
  } else {
    const seen = await papa(file, name === 'papa+Number' ? 'Number' : name === 'papa+dyn' ? 'dynamic' : 'none');
    if (seen < n) throw new Error(`${name} saw ${seen} rows`);
  }
}

async function benchShape(d: number): Promise<string[][]> {
  const file = join(tmpdir(), `clusterbench-bench-load-${rows}x${d}.csv`);
  if (!existsSync(file)) {
    console.log(`generating ${file}…`);
    generate(file, rows, d);
  }
  const mib = statSync(file).size / 1024 / 1024;
  const ms: Record<PathName, number[]> = { loader: [], 'papa+Number': [], 'papa+dyn': [], papa: [] };
  const ratios: number[] = [];
  let otherCpu = 0;
  let wall = 0;
  await runPath('loader', file, rows, d); // warm-up: JIT and page cache, not timed
  for (let r = 0; r < rounds; r++) {
    const round: Partial<Record<PathName, number>> = {};
    for (const name of rotate(PATHS, r)) {
      const m = await withInterference(() => runPath(name, file, rows, d));
      round[name] = m.wallMs;
      ms[name].push(m.wallMs);
      otherCpu += m.otherCpuMs ?? 0;
      wall += m.wallMs;
    }
    ratios.push(round.loader! / Math.min(round['papa+Number']!, round['papa+dyn']!));
  }
  const cell = (xs: number[]) => `${median(xs).toFixed(0)} ±${spreadPercent(xs).toFixed(0)}%`;
  const rel = (name: PathName) => (median(ms.loader) / median(ms[name])).toFixed(2);
  console.log(`  ${rows.toLocaleString('en-US')} × ${d}: ${mib.toFixed(1)} MiB; other programs used ${(otherCpu / wall).toFixed(2)} cores on average meanwhile`);
  const best = median(ms['papa+Number']) <= median(ms['papa+dyn']) ? 'papa+Number' : 'papa+dyn';
  return PATHS.map((name, k) => [
    k === 0 ? `${rows} × ${d}` : '',
    name,
    cell(ms[name]),
    (mib / (median(ms[name]) / 1000)).toFixed(1),
    rel(name),
    name === best ? `${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})` : '',
  ]);
}

async function main(): Promise<void> {
  console.log(`bench:load — ${rounds} interleaved rounds per shape${quick ? ' (--quick)' : ''}, Node ${process.version}`);
  const table: string[][] = [['shape', 'path', 'median ms ±spread', 'MiB/s', 'loader / path', 'per round: loader / faster numeric papa (min–max)']];
  for (const d of dims) table.push(...(await benchShape(d)));
  console.log('');
  console.log(formatTable(table));
  console.log('');
  console.log('spread = half the min–max range over the median. Target (#15): loader ≤ 1.3 × the faster numeric PapaParse path.');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
