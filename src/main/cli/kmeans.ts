import type { CliCommand } from './command.ts';

// Placeholder until the kmeans command lands.
export const kmeansCommand: CliCommand = {
  summary: '(kmeans: not implemented yet)',
  help: 'Not implemented yet.',
  async run() {
    console.error('kmeans is not implemented yet');
    return 1;
  },
};
