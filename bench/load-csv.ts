// How fast and how lean is CSV loading? Generates a big CSV in the temp folder (not committed),
// loads it through the DatasetService (the path the app and CLI use) and through a bare PapaParse
// stream (the floor: tokenising only), and prints medians, the ratio, throughput and peak memory.
//
//   npm run bench:load -- [--rows 1000000] [--repeats 3] [--file /tmp/big.csv]
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { numberFlag, parseArgs, stringFlag } from '../src/main/cli/args.ts';
import { createNormal, createRng } from '../src/main/engine/random.ts';
import { DatasetService } from '../src/main/services/datasets.ts';

const args = parseArgs(process.argv.slice(2));
const rows = numberFlag(args, 'rows', 1_000_000);
const repeats = numberFlag(args, 'repeats', 3);
const file = stringFlag(args, 'file') ?? join(tmpdir(), `clusterbench-bench-${rows}.csv`);

function generate(path: string, n: number): void {
  const normal = createNormal(createRng(1));
  const parts: string[] = ['x,y\n'];
  for (let i = 0; i < n; i++) parts.push(`${(normal() * 3 + (i % 5) * 10).toFixed(6)},${(normal() * 3 - (i % 7) * 5).toFixed(6)}\n`);
  writeFileSync(path, parts.join(''));
}

/** PapaParse alone over the same stream: no typing, no columns, nothing kept. */
function papaOnly(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    Papa.parse<string[]>(createReadStream(path, { highWaterMark: 256 * 1024, encoding: 'utf8' }), {
      delimiter: ',',
      newline: '\n',
      chunk: (r) => void (n += r.data.length),
      complete: () => resolve(n),
      error: reject,
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (b: number): string => (b / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  if (!existsSync(file)) {
    console.log(`generating ${file} (${rows.toLocaleString('en-US')} rows × 2 columns)…`);
    generate(file, rows);
  }
  const bytes = statSync(file).size;
  console.log(`file: ${file}, ${mib(bytes)} MiB`);
  const service = new DatasetService({ samplesDir: tmpdir() });
  const loaderMs: number[] = [];
  const papaMs: number[] = [];
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  let progressEvents = 0;
  // Interleave the two so drift in machine load hits both alike.
  for (let r = 0; r < repeats; r++) {
    let t = performance.now();
    const s = await service.open(file, undefined, { onProgress: () => void progressEvents++ });
    loaderMs.push(performance.now() - t);
    if (s.rows !== rows) throw new Error(`expected ${rows} rows, got ${s.rows}`);
    service.close(s.id);
    t = performance.now();
    const n = await papaOnly(file);
    papaMs.push(performance.now() - t);
    if (n < rows) throw new Error(`PapaParse saw ${n} rows`);
  }
  clearInterval(sampler);
  const lm = median(loaderMs);
  const pm = median(papaMs);
  console.log('');
  console.log('| path | median ms | min ms | max ms | MiB/s | rows/s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, xs] of [
    ['DatasetService.open (full loader)', loaderMs],
    ['bare PapaParse stream (floor)', papaMs],
  ] as const) {
    const m = median(xs);
    console.log(`| ${name} | ${m.toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} | ${(bytes / 1024 / 1024 / (m / 1000)).toFixed(1)} | ${Math.round(rows / (m / 1000)).toLocaleString('en-US')} |`);
  }
  console.log('');
  console.log(`loader / bare PapaParse: ${(lm / pm).toFixed(2)}×   repeats: ${repeats}   progress events: ${progressEvents}`);
  console.log(`peak RSS of this process (sampled every 20 ms): ${mib(peakRss)} MiB; dataset itself: ${mib(rows * 2 * 8 + rows * 4)} MiB`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
