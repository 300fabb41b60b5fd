import type { CliCommand } from './command.ts';

// Placeholder until the report command lands.
export const reportCommand: CliCommand = {
  summary: '(report: not implemented yet)',
  help: 'Not implemented yet.',
  async run() {
    console.error('report is not implemented yet');
    return 1;
  },
};
