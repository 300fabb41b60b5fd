import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const EDGE = ['src/main/index.ts', 'src/main/ipc.ts'];
const importsElectron = /(?:from\s+['"]electron(?:\/[^'"]*)?['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|mts|js|mjs|vue)$/.test(name) ? [p] : [];
  });
}

describe('Electron stays at the edge', () => {
  it('only src/main/index.ts, src/main/ipc.ts and src/preload/ import electron', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .map((f) => relative(root, f).split('\\').join('/'))
      .filter((f) => !EDGE.includes(f) && !f.startsWith('src/preload/'))
      .filter((f) => importsElectron.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the detector itself recognises electron imports', () => {
    expect(importsElectron.test("import { app } from 'electron';")).toBe(true);
    expect(importsElectron.test("const { ipcRenderer } = require('electron')")).toBe(true);
    expect(importsElectron.test("import x from 'electron-vite';")).toBe(false);
  });
});
