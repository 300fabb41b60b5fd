// The Electron window is given exactly the channels its renderer calls (issue 12: "the preload
// exposes only the channels the renderer uses"). The renderer's calls are read from its source.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, WEB_ONLY_CHANNELS, WINDOW_CHANNELS } from '../../src/shared/contract/channels.ts';

const rendererDir = join(import.meta.dirname, '../../src/renderer/src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|vue)$/.test(name) ? [readFileSync(full, 'utf8')] : [];
  });
}

/** Channel names the renderer passes to call()/invoke(). */
function calledChannels(): Set<string> {
  const names = new Set<string>();
  for (const text of sources(rendererDir)) for (const m of text.matchAll(/\b(?:call|invoke)\(\s*'([a-z]+:[a-zA-Z]+)'/g)) names.add(m[1]);
  return names;
}

describe('channels given to the Electron window', () => {
  const called = calledChannels();

  it('are all called by the renderer (none exposed for nothing)', () => {
    expect(called.size).toBeGreaterThan(10); // the source scan works
    for (const c of WINDOW_CHANNELS) expect(called.has(c), c).toBe(true);
  });

  it('cover every channel the renderer calls, except the browser-only upload ones', () => {
    for (const c of called) {
      expect(REQUEST_CHANNELS as readonly string[], c).toContain(c);
      if (!WEB_ONLY_CHANNELS.includes(c as never)) expect(WINDOW_CHANNELS as readonly string[], c).toContain(c);
    }
  });
});
