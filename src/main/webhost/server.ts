// The web host: the same contract as Electron IPC, carried over a WebSocket, plus the built
// renderer as static files. Local by default (127.0.0.1) and guarded by a random token that the
// index page and the WebSocket upgrade both require. A protocol error or an oversized message
// closes only the connection that sent it.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WorkbenchEvent } from '../../shared/contract/index.ts';
import { encodeMessage } from '../../shared/contract/binary.ts';
import { createDispatch, type Dispatch, type Handlers } from '../services/dispatch.ts';
import type { Workbench } from '../services/workbench.ts';
import { allowedHostNames, hostHeaderAllowed, isLoopbackHost, isWildcardHost, originAllowed, sameToken } from './access.ts';
import { normaliseRequestPath } from './paths.ts';
import { parseWsRequest, type WsMessage } from './protocol.ts';
import { realPathInside, resolveStaticPath, sendFile, sendText } from './static.ts';
import { receiveUploadChunk } from './upload-frames.ts';
import { UploadSession } from '../services/uploads.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where `npm run serve` (and the e2e tests) put the renderer build. */
export const DEFAULT_STATIC_DIR = join(repoRoot, 'out/web');

/** Dropped CSVs travel as text ('dataset:openText' allows 256 MiB); leave room for JSON framing. */
const MAX_MESSAGE_BYTES = 300 * 1024 * 1024;

/** Same policy as the renderer's meta tag; as a header it can also forbid framing. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface WebHostOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (local only). */
  host?: string;
  /** The service to expose. Default: a new Workbench over the repo's resources/ (disposed on close). */
  workbench?: Workbench;
  /** Handlers to expose instead of a Workbench (tests of the transport itself). */
  handlers?: Partial<Handlers>;
  /** Built renderer folder; default out/web. */
  staticDir?: string;
  /** Fixed token (tests); default 32 random bytes, hex. */
  token?: string;
  /** Largest WebSocket message accepted; default 300 MiB. A bigger one closes that connection (1009). */
  maxMessageBytes?: number;
  /** Required to bind anything but loopback: other machines can then reach the app (with the token). */
  allowRemote?: boolean;
  /** More Host names to accept (a DNS name of this machine, a proxy); loopback names always are. */
  allowedHosts?: string[];
}

export interface WebHost {
  /** Full URL of the app, token included. */
  url: string;
  token: string;
  port: number;
  /** True when bound beyond loopback. */
  remote: boolean;
  /** The Host names accepted (with any port); everything else gets 403. */
  allowedHosts: string[];
  close(): Promise<void>;
}

function formatMiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/**
 * Close reasons for the codes ws closes with on its own (it sends none): the client's developer,
 * or the UI, can then say what went wrong. At most 123 bytes each (the protocol's limit).
 */
function closeReasons(maxBytes: number): Readonly<Record<number, string>> {
  return {
    1002: 'protocol error',
    1007: 'invalid UTF-8 in a text message',
    1009: `message too big: the web host accepts at most ${formatMiB(maxBytes)} per message`,
  };
}

async function defaultWorkbench(): Promise<Workbench> {
  // Imported lazily so the transport (and its tests) load without the whole engine.
  const { Workbench } = await import('../services/workbench.ts');
  const os = await import('node:os');
  return new Workbench({
    samplesDir: join(repoRoot, 'resources'),
    historyDir: process.env.CLUSTERBENCH_HISTORY_DIR ?? join(os.homedir(), '.clusterbench', 'history'),
    transport: 'web',
  });
}

export async function startWebHost(options: WebHostOptions = {}): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const remote = !isLoopbackHost(host);
  if (remote && !options.allowRemote) {
    throw new Error(`Refusing to bind ${host}: that exposes the workbench (run jobs, open datasets) to other machines. Pass --allow-remote (allowRemote: true) if you mean it.`);
  }
  const allowedHosts = allowedHostNames(host, options.allowedHosts);
  const maxMessageBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const reasons = closeReasons(maxMessageBytes);
  const staticDir = resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const token = options.token ?? randomBytes(32).toString('hex');
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built: ${join(staticDir, 'index.html')} is missing. Run "npm run serve" (it builds first) or "tsx src/main/webhost/build.ts".`);
  }
  let owned: Workbench | null = null;
  let handlers = options.handlers;
  if (!handlers) {
    const workbench = options.workbench ?? (owned = await defaultWorkbench());
    handlers = workbench.handlers();
  }
  const dispatch: Dispatch = createDispatch(handlers);

  let port = 0;
  const server = createServer((req, res) => {
    void handleHttp(req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  server.on('error', (err) => console.error(`web host: ${err.message}`)); // after listen: log, keep serving
  server.on('clientError', (_err, socket) => socket.destroy());

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostHeaderAllowed(req, allowedHosts, port)) return sendText(res, 403, 'Forbidden host');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Route on the canonical path only (not url.pathname: the URL parser keeps %69 and resolves %2e%2e).
    const path = normaliseRequestPath(req.url ?? '/');
    if (path === null) return sendText(res, 400, 'Bad path');
    if (path === '/' || path === '/index.html') {
      if (!sameToken(url.searchParams.get('token'), token)) {
        return sendText(res, 401, 'Clusterbench: this page needs the token printed when the web host started. Open the full URL, including ?token=…');
      }
      return sendFile(res, join(staticDir, 'index.html'), req.method, {
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-store',
        'Referrer-Policy': 'no-referrer',
        'X-Frame-Options': 'DENY',
      });
    }
    const file = resolveStaticPath(staticDir, path);
    if (file === null) return sendText(res, 400, 'Bad path');
    const real = await realPathInside(staticDir, file);
    if (real === null) return sendText(res, 404, 'Not found');
    return sendFile(res, real, req.method);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  wss.on('error', (err) => console.error(`web host (WebSocket server): ${err.message}`));
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy()); // a reset during the handshake must not be uncaught
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (normaliseRequestPath(req.url ?? '/') !== '/ws') return reject(404, 'Not Found');
    if (!sameToken(url.searchParams.get('token'), token)) return reject(401, 'Unauthorized');
    if (!hostHeaderAllowed(req, allowedHosts, port) || !originAllowed(req)) return reject(403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    // ws closes a connection that breaks the protocol (bad frame, oversized message) by itself,
    // then emits 'error'; without a listener that error would end the whole process. The close
    // code it sends has no reason, so add one; the 'close' handler below cancels this socket's jobs.
    const closeWithCode = ws.close.bind(ws);
    ws.close = (code?: number, reason?: string | Buffer) => closeWithCode(code, reason ?? (code !== undefined ? reasons[code] : undefined));
    // ws has already sent the close frame and destroys the socket if the peer never answers it.
    ws.on('error', () => undefined);
    // Jobs this socket started and that are still running: cancelled if the page goes away.
    const running = new Set<string>();
    // Replies holding typed arrays (the scatter's points) go as one binary frame (contract/binary.ts).
    const send = (msg: WsMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeMessage(msg));
    };
    const emit = (event: WorkbenchEvent) => send({ event });
    // Files this page uploads: binary frames carry their bytes (services/uploads.ts).
    const uploads = new UploadSession();
    ws.on('message', (data, isBinary) => {
      if (isBinary) return receiveUploadChunk(ws, uploads, data);
      const req = parseWsRequest(data.toString());
      if (!req) return ws.close(1007, 'malformed request');
      const jobId = (req.payload as { jobId?: unknown } | null)?.jobId;
      const tracked = typeof jobId === 'string' && req.channel !== 'job:cancel' ? jobId : null;
      if (tracked) running.add(tracked);
      void dispatch(req.channel, req.payload, { emit, uploads }).then((envelope) => {
        if (tracked) running.delete(tracked);
        send({ id: req.id, envelope });
      });
    });
    ws.on('close', () => {
      for (const jobId of running) void dispatch('job:cancel', { jobId }, { emit: () => undefined });
      running.clear();
      uploads.dispose();
    });
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shownHost = isWildcardHost(host) ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      if (owned) await owned.dispose();
    })());

  return { url: `http://${shownHost}:${port}/?token=${token}`, token, port, remote, allowedHosts, close };
}
