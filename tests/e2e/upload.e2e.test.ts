// The browser's file chooser over the web host, in Chromium: the file's bytes are uploaded and
// decoded on the host, so a Latin-1 file gets the encoding warning and the true size and SHA-256
// (before, the page sent re-encoded text: "Jos\ufffd", no warning, the hash of the wrong bytes).
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, FIXTURES_DIR, runAndWait, startAppSession } from './helpers.ts';

let session: AppSession;
let page: Page;
let errors: string[];
let scratch: string;

beforeAll(async () => {
  session = await startAppSession({ poolSize: 1 });
  ({ page, errors } = session);
  scratch = await mkdtemp(join(os.tmpdir(), 'clusterbench-upload-e2e-'));
}, 240_000);

afterAll(async () => {
  await session?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('Choose file… in the browser uploads the bytes', () => {
  it('a Latin-1 file shows the encoding warning, its true SHA-256 and size, and the decoded text', async () => {
    const file = join(FIXTURES_DIR, 'csv', 'latin1.csv');
    const bytes = await readFile(file);
    const status = await runAndWait(page, () => page.getByTestId('file-input').setInputFiles(file), 'done');
    expect(status).toMatch(/^Loaded latin1\.csv/);
    await expect(page.getByTestId('dataset-warnings').textContent()).resolves.toMatch(/not valid UTF-8; it was read as Latin-1/);
    await expect(page.getByTestId('dataset-hash').getAttribute('title')).resolves.toBe(sha256(bytes));
    await expect(page.getByTestId('dataset-path').textContent()).resolves.toMatch(/latin1\.csv, sent from the browser/);
    const summary = await page.evaluate(() => (globalThis as unknown as { document: { body: { innerText: string } } }).document.body.innerText);
    expect(summary).not.toContain('\ufffd');
    expect(errors).toEqual([]);
  });

  it('a file of several chunks (3.5 MiB) arrives whole: rows, size and hash of the real file', async () => {
    const lines = ['u,v'];
    for (let i = 0, length = 0; length < 3.5 * 1024 * 1024; i++) {
      const line = `${i % 97},${(i * 7) % 101}`;
      lines.push(line);
      length += line.length + 1;
    }
    const text = `${lines.join('\n')}\n`;
    const file = join(scratch, 'chunks.csv');
    await writeFile(file, text);
    const bytes = Buffer.from(text);
    const status = await runAndWait(page, () => page.getByTestId('file-input').setInputFiles(file), 'done', 120_000);
    expect(status).toMatch(new RegExp(`^Loaded chunks\\.csv: ${(lines.length - 1).toLocaleString('en-US')} rows × 2 features`));
    await expect(page.getByTestId('dataset-hash').getAttribute('title')).resolves.toBe(sha256(bytes));
    expect(errors).toEqual([]);
  });
});
