// `npm run bench:cli [-- --rounds N | --quick] [--json out.json] [--before DIR] [--no-build]`: wall
// time of whole CLI processes, from spawn to exit, for the ways the CLI can be started (npm run cli,
// tsx on the sources, the built bundle, rebuilt first unless --no-build) and for a few commands on
// the bundled sample. --before DIR adds a column for an older checkout (with node_modules) run under
// tsx, e.g. `git archive 331231e | tar -x -C DIR` for the CLI as it was before the start-up work. Rounds are interleaved (every cell
// once per round, in a rotated order) so a neighbour's load spreads over all cells alike; medians
// and spreads per cell, ratios within this one run. Peers: a bare `node -e 0` and scikit-learn's
// import (`python3 -c 'import sklearn.cluster'`), skipped with a note where sklearn is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * CPU time (user + system, ms) of all finished children of this process, from /proc/self/stat
 * (cutime + cstime, 10 ms ticks; null off Linux). On a shared machine a child's CPU time barely
 * moves with the neighbours' load, while its wall time does: the second table reports it.
 */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return null;
  }
}

/** Runs one process to completion: wall and CPU ms; a failing run stops the bench. */
function timeProcess(cmd: string[]): { wall: number; cpu: number | null } {
  const c0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const wall = performance.now() - t0;
  const c1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited with ${r.status}: ${r.stderr || r.error?.message}`);
  return { wall, cpu: c0 === null || c1 === null ? null : c1 - c0 };
}

function main(): void {
  const argv = process.argv.slice(2);
  const rounds = argv.includes('--quick') ? 3 : Number(flagValue(argv, '--rounds') ?? 10);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a whole number ≥ 1');
  const notes: string[] = [];

  if (!argv.includes('--no-build')) {
    const b = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`building the CLI failed: ${b.stderr}`);
  }
  const before = flagValue(argv, '--before');
  const launchers: Launcher[] = [
    ...(before
      ? [{ name: 'before', what: `node --import tsx ${before}/src/main/cli.ts …`, prefix: [process.execPath, '--import', 'tsx', join(resolve(before), 'src/main/cli.ts')] }]
      : []),
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
  const wall = new Map<string, number[]>(cells.map((c) => [c.key, []]));
  const cpu = new Map<string, number[]>(cells.map((c) => [c.key, []]));

  // One untimed warm-up pass fills the OS file cache (and tsx's transform cache) for every cell.
  for (const c of cells) timeProcess(c.cmd);
  const busy0 = machineBusyMs();
  const own0 = processCpuMs();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const c of rotate(cells, r)) {
      const t = timeProcess(c.cmd);
      wall.get(c.key)!.push(t.wall);
      if (t.cpu !== null) cpu.get(c.key)!.push(t.cpu);
    }
  }
  const wallMs = performance.now() - t0;
  const busy1 = machineBusyMs();

  const sklearn = peers.length > 1 ? `${peers[1].name}|peer` : undefined;
  const tables = [formatTable(resultRows(launchers, peers, wall, 'wall', sklearn))];
  if (cpu.get(cells[0].key)!.length > 0) tables.push(formatTable(resultRows(launchers, peers, cpu, 'CPU (user+sys)', sklearn)));

  console.log(`CLI start-up, whole processes, ${rounds} interleaved rounds after one warm-up pass (Node ${process.version}).\n`);
  console.log(tables.join('\n\n'));
  for (const l of launchers) console.log(`  ${l.name}: ${l.what}`);
  // The bench itself idles while a child runs, so nearly all busy CPU is the children plus neighbours.
  if (busy0 !== null && busy1 !== null) {
    const busy = busy1 - busy0 - (processCpuMs() - own0);
    console.log(`\nMachine busy ${(busy / wallMs).toFixed(2)} cores on average over the ${(wallMs / 1000).toFixed(1)} s run (children + other programs).`);
  }
  for (const n of notes) console.log(`note: ${n}`);
  const out = flagValue(argv, '--json');
  if (out) {
    const results = cells.map((c) => ({ cell: c.key, command: c.cmd.join(' '), wallMs: wall.get(c.key), cpuMs: cpu.get(c.key) }));
    writeFileSync(out, JSON.stringify({ node: process.version, rounds, wallMs, results }, null, 2) + '\n');
  }
}

/** One table: a row per task (a cell per launcher, then ratios of medians), then the peers. */
function resultRows(launchers: Launcher[], peers: { name: string }[], ms: Map<string, number[]>, metric: string, sklearn?: string): string[][] {
  const med = (key: string) => median(ms.get(key)!);
  const cell = (key: string) => `${med(key).toFixed(0)} ±${spreadPercent(ms.get(key)!).toFixed(0)}%`;
  const has = (name: string) => launchers.some((l) => l.name === name);
  const latest = has('built') ? 'built' : 'tsx';
  // [column title, numerator, denominator]; a sklearn denominator is the peer row.
  const ratios: [string, string, string][] = [];
  if (has('built')) ratios.push(['built / tsx', 'built', 'tsx']);
  if (has('before')) ratios.push([`${latest} / before`, latest, 'before'], ['npm run cli / before', 'npm run cli', 'before']);
  if (sklearn) ratios.push([`${latest} / sklearn import`, latest, sklearn], ['npm run cli / sklearn import', 'npm run cli', sklearn]);
  const rows = [[`command: ${metric} ms, median ±half-range`, ...launchers.map((l) => l.name), ...ratios.map((r) => r[0])]];
  for (const t of TASKS) {
    const key = (name: string) => (name.endsWith('|peer') ? name : `${t.name}|${name}`);
    rows.push([t.name, ...launchers.map((l) => cell(key(l.name))), ...ratios.map(([, a, b]) => `${(med(key(a)) / med(key(b))).toFixed(2)}×`)]);
  }
  for (const p of peers) rows.push([p.name, cell(`${p.name}|peer`)]);
  return rows;
}

main();
