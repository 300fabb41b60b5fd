// What the web host's start-up message says about exposure: who can connect, which files a
// connected page can read or write. Kept apart from cli.ts so the wording is tested.

export interface Exposure {
  url: string;
  /** Bound beyond loopback (`--allow-remote`). */
  remote: boolean;
  /** Host names accepted in the Host header. */
  allowedHosts: readonly string[];
  samplesDir: string;
  /** `--data-dir` folders: files under them may be opened by typed path. */
  dataDirs: readonly string[];
  historyDir: string;
}

export function exposureMessage(e: Exposure): string {
  const who = e.remote
    ? `REACHABLE FROM OTHER MACHINES (--allow-remote): anyone who can reach this port and has the token in the URL can use it.\n` +
      `Host names accepted: ${e.allowedHosts.join(', ')}. Traffic is plain HTTP (no TLS): the token is visible on the network.`
    : 'Local only (loopback); the token in the URL is required.';
  const reads =
    e.dataDirs.length > 0
      ? `A connected page can read CSVs under: ${e.dataDirs.join(', ')} (--data-dir), and the samples in ${e.samplesDir}.`
      : `A connected page can read only the samples in ${e.samplesDir} by path (no --data-dir given); other files are uploaded from the browser.`;
  const writes = `It writes run history in ${e.historyDir} and, while an upload loads, a private temp file; reports come back as downloads.`;
  return `Clusterbench web host ready. Open:\n\n  ${e.url}\n\n${who}\n${reads}\n${writes}\nCtrl+C to stop.`;
}
