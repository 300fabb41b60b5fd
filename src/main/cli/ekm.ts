import type { CliCommand } from './command.ts';

// Placeholder until the ekm command lands.
export const ekmCommand: CliCommand = {
  summary: '(ekm: not implemented yet)',
  help: 'Not implemented yet.',
  async run() {
    console.error('ekm is not implemented yet');
    return 1;
  },
};
