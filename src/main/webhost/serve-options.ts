// `npm run serve` flags → the web host's and Workbench's options. Strict: an unknown flag, a
// value given to --allow-remote or a --data-dir that is not a folder stops the start, because a
// typo here would silently expose the wrong files or machines.
import { existsSync, statSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { numberFlag, stringFlag, type ParsedArgs } from '../cli/args.ts';

export interface ServeOptions {
  port: number;
  host: string;
  allowRemote: boolean;
  allowedHosts: string[];
  /** Absolute folders under which a connected page may open files by typed path. */
  dataDirs: string[];
  samplesDir: string;
  historyDir: string;
  staticDir?: string;
}

const KNOWN_FLAGS = new Set(['port', 'host', 'allow-remote', 'allow-host', 'data-dir', 'history', 'samples', 'static']);

function dataDirs(args: ParsedArgs): string[] {
  const v = stringFlag(args, 'data-dir');
  if (v === undefined) return [];
  return v
    .split(delimiter)
    .filter((d) => d !== '')
    .map((d) => {
      const abs = resolve(d);
      if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new Error(`--data-dir ${d}: not a folder`);
      return abs;
    });
}

export function serveOptions(args: ParsedArgs, defaults: { samplesDir: string; historyDir: string }): ServeOptions {
  const unknown = Object.keys(args.flags).filter((f) => !KNOWN_FLAGS.has(f));
  if (unknown.length > 0) throw new Error(`Unknown flag(s): ${unknown.map((f) => `--${f}`).join(', ')}`);
  if (args.positionals.length > 0) throw new Error(`Unexpected argument(s): ${args.positionals.join(' ')}`);
  const allowRemote = args.flags['allow-remote'];
  if (allowRemote !== undefined && allowRemote !== true) throw new Error('--allow-remote takes no value');
  return {
    port: numberFlag(args, 'port', 0),
    host: stringFlag(args, 'host') ?? '127.0.0.1',
    allowRemote: allowRemote === true,
    allowedHosts: (stringFlag(args, 'allow-host') ?? '').split(',').map((h) => h.trim()).filter(Boolean),
    dataDirs: dataDirs(args),
    samplesDir: resolve(stringFlag(args, 'samples') ?? defaults.samplesDir),
    historyDir: resolve(stringFlag(args, 'history') ?? defaults.historyDir),
    staticDir: stringFlag(args, 'static'),
  };
}

/** How a user of this host chooses a file, quoted when a typed path is refused. */
export function readHint(dataDirs: readonly string[]): string {
  return dataDirs.length > 0
    ? `a sample, a file under ${dataDirs.join(', ')} (--data-dir), or one uploaded with "Choose file…"`
    : 'a sample, or a file uploaded with "Choose file…"; the host was started without --data-dir';
}
