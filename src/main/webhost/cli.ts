// `npm run serve`: the workbench in a browser tab. Prints the URL (with its token) and what it
// exposes (serve-options.ts has the flags):
//   tsx src/main/webhost/cli.ts [--port 0] [--host 127.0.0.1] [--allow-remote] [--allow-host NAME[,NAME]]
//                               [--data-dir DIR[<path delimiter>DIR]] [--history DIR] [--samples DIR] [--static DIR]
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../cli/args.ts';
import { Workbench } from '../services/workbench.ts';
import { exposureMessage } from './exposure.ts';
import { readHint, serveOptions } from './serve-options.ts';
import { startWebHost } from './server.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const o = serveOptions(parseArgs(process.argv.slice(2)), {
    samplesDir: join(repoRoot, 'resources'),
    historyDir: process.env.CLUSTERBENCH_HISTORY_DIR ?? join(os.homedir(), '.clusterbench', 'history'),
  });
  const workbench = new Workbench({ samplesDir: o.samplesDir, historyDir: o.historyDir, transport: 'web', dataDirs: o.dataDirs, readHint: readHint(o.dataDirs) });
  const host = await startWebHost({ port: o.port, host: o.host, allowRemote: o.allowRemote, allowedHosts: o.allowedHosts, staticDir: o.staticDir, workbench }).catch(
    async (err: unknown) => {
      await workbench.dispose();
      throw err;
    },
  );
  console.log(exposureMessage({ url: host.url, remote: host.remote, allowedHosts: host.allowedHosts, samplesDir: o.samplesDir, dataDirs: o.dataDirs, historyDir: o.historyDir }));
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
