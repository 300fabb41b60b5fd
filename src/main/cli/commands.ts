import type { CliCommand } from './command.ts';
import { compareCommand } from './compare.ts';
import { ekmCommand } from './ekm.ts';
import { inspectCommand } from './inspect.ts';
import { kmeansCommand } from './kmeans.ts';
import { reportCommand } from './report.ts';
import { sweepCommand } from './sweep.ts';

export const commands: Record<string, CliCommand> = {
  inspect: inspectCommand,
  kmeans: kmeansCommand,
  ekm: ekmCommand,
  compare: compareCommand,
  report: reportCommand,
  sweep: sweepCommand,
};
