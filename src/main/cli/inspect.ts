// `clusterbench inspect <file.csv>`: what the loader sees in a CSV — column report, delimiter,
// header, rows kept/dropped, warnings — through the same DatasetService the app uses.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DatasetSummary, LoadOptions, MissingPolicy, ScalingMode } from '../../shared/types.ts';
import { CsvError } from '../engine/dataset/csv.ts';
import { DatasetService } from '../services/datasets.ts';
import { packageRoot } from '../package-root.ts';
import { requirePositional, stringFlag, type ParsedArgs } from './args.ts';
import type { CliCommand } from './command.ts';

// resources/ sits beside package.json, both from the sources and from the bundle in out/cli/.
export const SAMPLES_DIR = join(packageRoot()?.dir ?? process.cwd(), 'resources');

const HELP = `Usage: clusterbench inspect <file.csv | sample name> [options]

Reads a CSV the way the app does and prints what it found: delimiter, header, encoding,
one line per column (type, missing values, min, max, mean, first non-number of mixed columns),
rows kept / dropped, and warnings. Exits with status 1 and a clear message for files that cannot be used.

Options:
  --features a,b        feature columns by name (default: every numeric column)
  --scaling MODE        none | zscore | minmax (default none)
  --missing POLICY      drop | mean-impute (default drop)
  --delimiter D         force the delimiter: , ; or tab (default: detected)
  --header yes|no       force header detection (default: detected)
  --tolerance F         fraction of rows with a wrong field count to skip (default 0.01)
  --bad-rows skip|fail  skip every row with a wrong field count, however many (default fail beyond --tolerance)
  --decimal-comma       numbers are written "1,5" (a dot is then text); needs a delimiter other than ","
  --json                print the full summary as JSON
  --quiet               no progress on stderr
  --samples             list the bundled sample datasets and exit

Sample names (e.g. "iris" or "blobs-10k") load the files in resources/.`;

function parseDelimiter(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v === 'tab' || v === '\\t') return '\t';
  return v;
}

function parseHeader(v: string | undefined, noHeader: boolean): boolean | undefined {
  if (noHeader) return false;
  if (v === undefined || v === 'auto') return undefined;
  if (['yes', 'true', '1'].includes(v)) return true;
  if (['no', 'false', '0'].includes(v)) return false;
  throw new UsageError(`--header must be yes, no or auto; got "${v}"`);
}

class UsageError extends Error {}

export function loadOptionsFromArgs(args: ParsedArgs): LoadOptions {
  const options: LoadOptions = {};
  const features = stringFlag(args, 'features');
  if (features !== undefined) options.features = features.split(',').map((f) => f.trim()).filter((f) => f !== '');
  const scaling = stringFlag(args, 'scaling');
  if (scaling !== undefined) options.scaling = scaling as ScalingMode;
  const missing = stringFlag(args, 'missing');
  if (missing !== undefined) options.missing = missing as MissingPolicy;
  const delimiter = parseDelimiter(stringFlag(args, 'delimiter'));
  if (delimiter !== undefined) options.delimiter = delimiter;
  const header = parseHeader(stringFlag(args, 'header'), args.flags['no-header'] === true);
  if (header !== undefined) options.header = header;
  const tolerance = stringFlag(args, 'tolerance');
  if (tolerance !== undefined) options.raggedTolerance = Number(tolerance);
  return Object.assign(options, csvRepairOptionsFromArgs(args));
}

/** --bad-rows skip|fail and --decimal-comma: the ways forward the loader's errors name (shared with `compare`). */
export function csvRepairOptionsFromArgs(args: ParsedArgs): Pick<LoadOptions, 'badRows' | 'decimal'> {
  const options: Pick<LoadOptions, 'badRows' | 'decimal'> = {};
  const badRows = stringFlag(args, 'bad-rows');
  if (badRows !== undefined) {
    if (badRows !== 'skip' && badRows !== 'fail') throw new UsageError(`--bad-rows must be skip or fail; got "${badRows}"`);
    options.badRows = badRows;
  }
  const comma = args.flags['decimal-comma'];
  if (comma === true || comma === 'true') options.decimal = ',';
  // `--decimal-comma file.csv` would have taken the file as the flag's value.
  else if (comma !== undefined && comma !== 'false') throw new UsageError(`--decimal-comma takes no value (got "${comma}"); put the CSV file before the options`);
  return options;
}

/** A path, or the name of a bundled sample ("iris", "iris.csv"). */
export function resolveInput(arg: string, samplesDir: string = SAMPLES_DIR): string {
  if (existsSync(arg)) return arg;
  for (const candidate of [join(samplesDir, arg), join(samplesDir, `${arg}.csv`)]) if (existsSync(candidate)) return candidate;
  return arg;
}

const fmtNumber = (v: number | undefined): string => {
  if (v === undefined) return '';
  if (Number.isInteger(v) && Math.abs(v) < 1e12) return String(v);
  const s = v.toPrecision(6);
  return s.includes('e') ? s : String(Number(s));
};

const fmtDelimiter = (d: string): string => (d === '\t' ? 'tab' : `"${d}"`);
const fmtBytes = (b: number): string => (b < 1024 ? `${b} B` : b < 1024 * 1024 ? `${(b / 1024).toFixed(1)} KiB` : `${(b / 1024 / 1024).toFixed(1)} MiB`);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
  return rows.map((r) => r.map((c, j) => c.padEnd(widths[j])).join('  ').trimEnd()).join('\n');
}

export function formatSummary(s: DatasetSummary): string {
  const detected = (yes: boolean | undefined): string => (yes === false ? 'forced' : 'detected');
  const lines = [
    `${s.name}  ${fmtBytes(s.bytes)}  sha256 ${s.hash.slice(0, 16)}…`,
    `delimiter: ${fmtDelimiter(s.delimiter)} (${detected(s.detected?.delimiter)})   header: ${s.hasHeader ? 'yes' : 'no'} (${detected(s.detected?.header)})   encoding: ${s.encoding ?? 'utf-8'}`,
    `rows: ${s.totalRows} in file, ${s.rows} kept, ${s.droppedRows} dropped for missing values, ${s.raggedRows} skipped (wrong field count), ${s.imputedValues} values imputed`,
    `features (${s.features.length}): ${s.features.join(', ')}   scaling: ${s.scaling}   missing: ${s.missing}`,
    '',
    table([
      ['#', 'name', 'type', 'missing', 'min', 'max', 'mean', 'note'],
      ...s.columns.map((c) => [
        String(c.index + 1),
        c.name,
        c.type,
        String(c.missing),
        fmtNumber(c.min),
        fmtNumber(c.max),
        fmtNumber(c.mean),
        [
          c.firstOffending ? `first non-number ${JSON.stringify(c.firstOffending.value)} on line ${c.firstOffending.line}` : '',
          c.nonFinite ? `${c.nonFinite} infinite` : '',
        ]
          .filter(Boolean)
          .join('; '),
      ]),
    ]),
  ];
  if (s.warnings.length > 0) lines.push('', 'warnings:', ...s.warnings.map((w) => `  - ${w}`));
  lines.push('', `loaded in ${s.loadMs.toFixed(0)} ms`);
  return lines.join('\n');
}

function progressPrinter(quiet: boolean): ((p: { bytesRead: number; totalBytes: number; rows: number }) => void) | undefined {
  if (quiet) return undefined;
  const tty = process.stderr.isTTY === true;
  let nextQuarter = 0.25;
  return (p) => {
    const f = p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 1;
    const text = `reading ${fmtBytes(p.bytesRead)} / ${fmtBytes(p.totalBytes)} (${(f * 100).toFixed(0)}%), ${p.rows.toLocaleString('en-US')} rows`;
    if (tty) process.stderr.write(`\r${text}\x1b[K${f >= 1 ? '\n' : ''}`);
    else if (p.totalBytes > 1024 * 1024 && f >= nextQuarter) {
      process.stderr.write(`${text}\n`);
      while (nextQuarter <= f) nextQuarter += 0.25;
    }
  };
}

export const inspectCommand: CliCommand = {
  summary: 'Show how a CSV is read: columns, types, missing values, rows kept',
  help: HELP,
  async run(args) {
    const service = new DatasetService({ samplesDir: SAMPLES_DIR });
    try {
      if (args.flags.samples) {
        for (const s of await service.listSamples()) console.log(`${s.name.padEnd(16)} ${fmtBytes(s.bytes).padStart(10)}  ${s.description}`);
        return 0;
      }
      // Options first: a value-less flag before the file (`--decimal-comma x.csv`) is the likelier mistake to name.
      const options = loadOptionsFromArgs(args);
      const input = resolveInput(requirePositional(args, 0, 'CSV file (see --help)'));
      const summary = await service.open(input, options, { onProgress: progressPrinter(args.flags.quiet === true || args.flags.json === true) });
      console.log(args.flags.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
      return 0;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      console.error(`Error: ${message}`);
      if (err instanceof UsageError || (err instanceof CsvError && err.code === 'bad-option')) return 2;
      if (!(err instanceof CsvError) && /^missing |needs a value/.test(message)) return 2;
      return 1;
    }
  },
};
