// The committed WebAssembly kernels are what their sources build to: a rebuild with the pinned
// AssemblyScript (package.json devDependencies) and the script's fixed flags gives identical bytes,
// and the base64 module the app imports holds the same bytes as the committed .wasm.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ekmWasmBase64 } from '../../src/main/engine/wasm/ekm-wasm-bytes.ts';
import { kmeansWasmBase64 } from '../../src/main/engine/wasm/kmeans-wasm-bytes.ts';

describe('wasm build', () => {
  it('rebuilding from assembly/ reproduces the committed files byte for byte', () => {
    // Exits non-zero (and names the file) when a committed file differs from the rebuild.
    const out = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/kmeans: \d+ bytes, committed files match/);
    expect(out).toMatch(/ekm: \d+ bytes, committed files match/);
  });

  it('the imported base64 bytes are the committed .wasm', () => {
    expect(Buffer.from(kmeansWasmBase64, 'base64').equals(readFileSync('src/main/engine/wasm/kmeans.wasm'))).toBe(true);
    expect(Buffer.from(ekmWasmBase64, 'base64').equals(readFileSync('src/main/engine/wasm/ekm.wasm'))).toBe(true);
  });
});
