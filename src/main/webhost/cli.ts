// `npm run serve`: the workbench in a local browser tab. Prints the URL (with its token).
//   tsx src/main/webhost/cli.ts [--port 0] [--host 127.0.0.1] [--history DIR] [--samples DIR] [--static DIR]
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberFlag, parseArgs, stringFlag } from '../cli/args.ts';
import { Workbench } from '../services/workbench.ts';
import { startWebHost } from './server.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const workbench = new Workbench({
    samplesDir: resolve(stringFlag(args, 'samples') ?? join(repoRoot, 'resources')),
    historyDir: resolve(stringFlag(args, 'history') ?? process.env.CLUSTERBENCH_HISTORY_DIR ?? join(os.homedir(), '.clusterbench', 'history')),
    transport: 'web',
  });
  const host = await startWebHost({
    port: numberFlag(args, 'port', 0),
    host: stringFlag(args, 'host') ?? '127.0.0.1',
    staticDir: stringFlag(args, 'static'),
    workbench,
  });
  console.log(`Clusterbench web host ready. Open:\n\n  ${host.url}\n\n(local only; the token in the URL is required). Ctrl+C to stop.`);
  const stop = async () => {
    await host.close();
    await workbench.dispose();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
