// npm run bench:rows [-- --rows N]: what a page of the scatter's selection table costs. A page
// (1,000 rows, `dataset:rows` with cells) whose rows are not kept reads the CSV up to its last row,
// so its time grows with how far into the file the rows are; each read keeps the drawn rows'
// cells (row-cells.ts), so later pages of drawn points are answered from memory. Tooltips (no
// cells) read the loaded values only. Writes a generated N-row, 3-column CSV (default 10⁶), loads
// it through the Workbench's contract dispatch; 3 repeats, median and spread.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { Workbench } from '../src/main/services/workbench.ts';
import type { RequestOutputs } from '../src/shared/contract/index.ts';
import { LIMITS } from '../src/shared/contract/limits.ts';
import { contractCaller } from '../tests/unit/support/contract-call.ts';
import { formatTable, median, withSpread } from './bench-utils.ts';

const at = process.argv.indexOf('--rows');
const ROWS = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;
const REPEATS = 3;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(os.tmpdir(), 'clusterbench-rows-'));
  const wb = new Workbench({ samplesDir: join(dir, 'none'), historyDir: join(dir, 'history'), transport: 'web', poolSize: 1, dataDirs: [dir] });
  const call = contractCaller(wb); // the hosts' own dispatch, envelope unwrapped
  try {
    const lines = ['x,y,tag'];
    for (let i = 0; i < ROWS; i++) lines.push(`${(i % 1000) / 7},${(i % 977) / 3},t${i}`);
    const file = join(dir, 'rows.csv');
    await writeFile(file, lines.join('\n') + '\n');
    const t0 = performance.now();
    const opened = await call('dataset:open', { jobId: 'bench-open', path: file });
    const loadMs = performance.now() - t0;
    const id = opened.id;
    const page = LIMITS.rowsPerRequest;
    const pageOf = (first: number) => Array.from({ length: page }, (_, j) => first + j);
    const check = (reply: RequestOutputs['dataset:rows']) => reply.rows.every((row) => row.cells?.join(',') === lines[row.row]);
    let checked = true;

    // 1. Rows not kept yet: every page reads the file up to its last row (kept cells dropped before each request).
    const cold: string[][] = [['first row of the page', 'page with cells, read from the file, ms', 'page without cells (tooltip values) ms']];
    const coldEnd: number[] = [];
    for (const first of [0, Math.floor(ROWS / 2), ROWS - page]) {
      const withCells: number[] = [];
      const without: number[] = [];
      for (let r = 0; r < REPEATS; r++) {
        wb.rowCells.forget(id);
        let t = performance.now();
        checked &&= check(await call('dataset:rows', { datasetId: id, indices: pageOf(first), cells: true }));
        withCells.push(performance.now() - t);
        t = performance.now();
        await call('dataset:rows', { datasetId: id, indices: pageOf(first), cells: false });
        without.push(performance.now() - t);
      }
      if (first === ROWS - page) coldEnd.push(...withCells);
      cold.push([(first + 1).toLocaleString('en-US'), withSpread(withCells, 0), withSpread(without, 1)]);
    }

    // 2. The scatter's flow: the drawn sample (20,000 points), then selection pages of drawn points.
    // The first page asked for holds the last drawn rows (the worst case: a pass over the whole file,
    // keeping every drawn row on the way); every later page of drawn points, anywhere, is in memory.
    const drawn = Array.from((await call('dataset:points', { datasetId: id, x: 'x', y: 'y', maxPoints: 20_000 })).index!).sort((a, b) => a - b);
    const firstPage: number[] = [];
    const laterPages: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      wb.rowCells.forget(id);
      wb.rowCells.drawn(id, drawn); // as dataset:points registered them (positions = file rows here: nothing dropped)
      let t = performance.now();
      checked &&= check(await call('dataset:rows', { datasetId: id, indices: drawn.slice(-page), cells: true }));
      firstPage.push(performance.now() - t);
      for (const from of [0, Math.floor(drawn.length / 2), drawn.length - 2 * page]) {
        t = performance.now();
        checked &&= check(await call('dataset:rows', { datasetId: id, indices: drawn.slice(from, from + page), cells: true }));
        laterPages.push(performance.now() - t);
      }
    }
    const flow = [
      ['selection pages of drawn points (20,000 drawn)', 'ms'],
      ['first page: the last 1,000 drawn rows (reads the whole file)', withSpread(firstPage, 0)],
      [`later pages: first, middle, last-but-one 1,000 drawn rows (${laterPages.length} requests)`, withSpread(laterPages, 1)],
    ];
    console.log(`# npm run bench:rows — ${ROWS.toLocaleString('en-US')} rows × 3 columns, ${page} rows per page, ${REPEATS} repeats (median ± spread); load ${loadMs.toFixed(0)} ms; ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} cores`);
    console.log(formatTable(cold));
    console.log('');
    console.log(formatTable(flow));
    console.log(`cells equal to the file's lines: ${checked ? 'yes' : 'NO'}; first page of drawn points / a cold page at the end: ${(median(firstPage) / median(coldEnd)).toFixed(2)}; cold end page / later page: ${(median(coldEnd) / median(laterPages)).toFixed(0)}×`);
    if (!checked) process.exitCode = 1;
  } finally {
    await wb.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
