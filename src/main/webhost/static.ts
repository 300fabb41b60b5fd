// Serves the built renderer (a flat folder of files) with correct MIME types. Request paths are
// decoded and resolved inside the root; anything that would leave it, by name or by symlink, is refused.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file inside `root` that a URL path names, or null when the path is malformed or escapes the
 * root (`..`, encoded slashes, NUL bytes, absolute Windows paths).
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '');
  if (relative.split('/').some((part) => part === '..')) return null;
  const base = resolve(root);
  const full = resolve(base, relative);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

/**
 * `file` with every symlink resolved, or null when that real file lies outside the real `root`:
 * a link in the served folder must not publish what it points to elsewhere.
 */
export async function realPathInside(root: string, file: string): Promise<string | null> {
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    return realFile === realRoot || realFile.startsWith(realRoot + sep) ? realFile : null;
  } catch {
    return null; // missing file: the caller answers 404
  }
}

export function sendText(res: ServerResponse, status: number, text: string, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', ...extraHeaders });
  res.end(text);
}

/** Streams `file` if it is a regular file; answers 404 otherwise. HEAD gets headers only. */
export async function sendFile(res: ServerResponse, file: string, method: string, extraHeaders: Record<string, string> = {}): Promise<void> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) return sendText(res, 404, 'Not found');
    size = s.size;
  } catch {
    return sendText(res, 404, 'Not found');
  }
  res.writeHead(200, {
    'Content-Type': mimeType(file),
    'Content-Length': String(size),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    ...extraHeaders,
  });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
