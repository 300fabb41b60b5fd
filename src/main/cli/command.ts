import type { ParsedArgs } from './args.ts';

export interface CliCommand {
  summary: string;
  help: string;
  run(args: ParsedArgs): Promise<number>;
}
