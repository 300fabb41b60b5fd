// Who may talk to the web host: the token, the Host allow-list (against DNS rebinding) and the
// Origin check on WebSocket upgrades. The allow-list applies on every bind, loopback or not.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';

export function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];
const WILDCARDS = new Set(['0.0.0.0', '::', '']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export function isWildcardHost(host: string): boolean {
  return WILDCARDS.has(host);
}

function withPort(name: string, port: number): string {
  return `${name.includes(':') ? `[${name}]` : name}:${port}`.toLowerCase();
}

/**
 * The host names a client may put in its Host header. Loopback names always; on a remote bind also
 * the bound address (or, for a wildcard bind, every address of this machine and its host name)
 * and any names given explicitly (`--allow-host`, for a DNS name or a proxy in front).
 */
export function allowedHostNames(boundHost: string, extraNames: readonly string[] = []): string[] {
  const names = new Set(LOOPBACK_NAMES);
  if (!isLoopbackHost(boundHost)) {
    if (isWildcardHost(boundHost)) {
      for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) names.add(a.address.split('%')[0]);
      names.add(os.hostname());
    } else names.add(boundHost);
  }
  for (const n of extraNames) names.add(n);
  return [...names];
}

export function hostHeaderAllowed(req: IncomingMessage, allowed: readonly string[], port: number): boolean {
  const host = req.headers.host;
  if (!host) return false;
  return allowed.some((name) => withPort(name, port) === host.toLowerCase());
}

/** A browser always sends Origin on a WebSocket upgrade; it must be this very host. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // non-browser clients (tests, scripts) carry the token instead
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
