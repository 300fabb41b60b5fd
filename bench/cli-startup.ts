// `npm run bench:cli [-- --rounds N | --quick] [--json out.json]`: wall time of whole CLI processes,
// from spawn to exit, for the ways the CLI can be started (npm run cli, tsx on the sources, the
// built bundle) and for a few commands on the bundled sample. Rounds are interleaved (every cell
// once per round, in a rotated order) so a neighbour's load spreads over all cells alike; medians
// and spreads per cell, ratios within this one run. Peers: a bare `node -e 0` and scikit-learn's
// import (`python3 -c 'import sklearn.cluster'`), skipped with a note where sklearn is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatTable, machineBusyMs, median, processCpuMs, rotate, spreadPercent } from './bench-utils.ts';
import { findSklearnPython } from './peers/kmedoids-peers.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SAMPLE = 'resources/blobs-400.csv';
const BUILT = join(ROOT, 'out/cli/cli.js');

interface Launcher {
  /** Column name; `what` says how it starts. */
  name: string;
  what: string;
  /** Command and leading arguments; the CLI's own arguments follow. */
  prefix: string[];
}

interface Task {
  name: string;
  args: string[];
}

const TASKS: Task[] = [
  { name: '--help', args: ['--help'] },
  { name: `inspect ${SAMPLE}`, args: ['inspect', SAMPLE, '--quiet'] },
  { name: `kmeans ${SAMPLE} --k 3`, args: ['kmeans', SAMPLE, '--k', '3', '--workers', '1', '--seed', '1', '--quiet'] },
  { name: `ekm ${SAMPLE} --k 3`, args: ['ekm', SAMPLE, '--k', '3', '--workers', '1', '--quiet'] },
];

function flagValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** Runs one process to completion and returns its wall time in ms; a failing run stops the bench. */
function timeProcess(cmd: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited with ${r.status}: ${r.stderr || r.error?.message}`);
  return ms;
}

function main(): void {
  const argv = process.argv.slice(2);
  const rounds = argv.includes('--quick') ? 3 : Number(flagValue(argv, '--rounds') ?? 10);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number ≥ 1');
  const notes: string[] = [];

  const launchers: Launcher[] = [
    { name: 'npm run cli', what: 'npm run --silent cli -- …', prefix: ['npm', 'run', '--silent', 'cli', '--'] },
    { name: 'tsx', what: 'node --import tsx src/main/cli.ts …', prefix: [process.execPath, '--import', 'tsx', 'src/main/cli.ts'] },
  ];
  if (existsSync(BUILT)) launchers.push({ name: 'built', what: 'node out/cli/cli.js …', prefix: [process.execPath, BUILT] });
  else notes.push('built column skipped: out/cli/cli.js does not exist (run `npm run build:cli`).');

  const peers: { name: string; cmd: string[] }[] = [{ name: 'node -e 0 (bare Node start)', cmd: [process.execPath, '-e', '0'] }];
  const py = findSklearnPython(['sklearn.cluster']);
  if (py) peers.push({ name: `${py} -c 'import sklearn.cluster'`, cmd: [py, '-c', 'import sklearn.cluster'] });
  else notes.push('scikit-learn peer skipped: no python with sklearn (tried /usr/bin/python3, python3).');

  const cells = [
    ...TASKS.flatMap((t) => launchers.map((l) => ({ key: `${t.name}|${l.name}`, cmd: [...l.prefix, ...t.args] }))),
    ...peers.map((p) => ({ key: `${p.name}|peer`, cmd: p.cmd })),
  ];
  const times = new Map<string, number[]>(cells.map((c) => [c.key, []]));

  // One untimed warm-up pass fills the OS file cache (and tsx's transform cache) for every cell.
  for (const c of cells) timeProcess(c.cmd);
  const busy0 = machineBusyMs();
  const own0 = processCpuMs();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const c of rotate(cells, r)) times.get(c.key)!.push(timeProcess(c.cmd));
  }
  const wallMs = performance.now() - t0;
  const busy1 = machineBusyMs();

  const cell = (key: string) => {
    const xs = times.get(key)!;
    return `${median(xs).toFixed(0)} ±${spreadPercent(xs).toFixed(0)}%`;
  };
  const sklearnKey = peers.length > 1 ? `${peers[1].name}|peer` : undefined;
  const fastest = launchers[launchers.length - 1];
  const header = ['command (ms, median ±half-range)', ...launchers.map((l) => l.name)];
  if (launchers.length > 2) header.push('built / tsx');
  if (sklearnKey) header.push(`${fastest.name} / sklearn import`);
  const rows: string[][] = [header];
  const json: Record<string, unknown>[] = [];
  for (const t of TASKS) {
    const row = [t.name, ...launchers.map((l) => cell(`${t.name}|${l.name}`))];
    const med = (l: Launcher) => median(times.get(`${t.name}|${l.name}`)!);
    if (launchers.length > 2) row.push(`${(med(fastest) / med(launchers[1])).toFixed(2)}×`);
    if (sklearnKey) row.push(`${(med(fastest) / median(times.get(sklearnKey)!)).toFixed(2)}×`);
    rows.push(row);
    json.push({ task: t.name, ms: Object.fromEntries(launchers.map((l) => [l.name, times.get(`${t.name}|${l.name}`)])) });
  }
  for (const p of peers) {
    rows.push([p.name, cell(`${p.name}|peer`), ...launchers.slice(1).map(() => '')]);
    json.push({ task: p.name, ms: { peer: times.get(`${p.name}|peer`) } });
  }

  console.log(`CLI start-up, whole processes, ${rounds} interleaved rounds after one warm-up pass (Node ${process.version}).`);
  console.log(formatTable(rows));
  for (const l of launchers) console.log(`  ${l.name}: ${l.what}`);
  // The bench itself idles while a child runs, so nearly all busy CPU is the children plus neighbours.
  if (busy0 !== null && busy1 !== null) {
    const busy = busy1 - busy0 - (processCpuMs() - own0);
    console.log(`\nMachine busy ${(busy / wallMs).toFixed(2)} cores on average over the ${(wallMs / 1000).toFixed(1)} s run (children + other programs).`);
  }
  for (const n of notes) console.log(`note: ${n}`);
  const out = flagValue(argv, '--json');
  if (out) writeFileSync(out, JSON.stringify({ node: process.version, rounds, wallMs, results: json }, null, 2) + '\n');
}

main();
