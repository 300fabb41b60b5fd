import type { CliCommand } from './command.ts';

// Placeholder until the compare command lands.
export const compareCommand: CliCommand = {
  summary: '(compare: not implemented yet)',
  help: 'Not implemented yet.',
  async run() {
    console.error('compare is not implemented yet');
    return 1;
  },
};
