import type { CliCommand } from './command.ts';

// Placeholder until the inspect command lands.
export const inspectCommand: CliCommand = {
  summary: '(inspect: not implemented yet)',
  help: 'Not implemented yet.',
  async run() {
    console.error('inspect is not implemented yet');
    return 1;
  },
};
