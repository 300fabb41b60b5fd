// Issue 14, layout: the primary actions stay in view at the window's minimum size (900×600) and
// at 1280×800 after a dataset is loaded; History's Open/Delete never leave the screen.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, runAndWait, startAppSession } from './helpers.ts';

let session: AppSession;
let page: Page;

/** Whether the element's whole box is inside the viewport (nothing scrolled away or clipped). */
async function inView(p: Page, testId: string, nth = 0): Promise<boolean> {
  const box = await p.getByTestId(testId).nth(nth).boundingBox();
  const vp = p.viewportSize()!;
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height;
}

beforeAll(async () => {
  session = await startAppSession();
  ({ page } = session);
  await runAndWait(page, () => page.getByTestId('sample-iris.csv').click(), 'done'); // many columns: a long column report
}, 240_000);

afterAll(async () => {
  await session?.close();
});

describe('primary actions stay visible', () => {
  for (const [width, height] of [
    [1280, 800],
    [900, 600],
  ] as const) {
    it(`Run buttons at ${width}×${height}, with the side panel scrolled to the top or the bottom`, async () => {
      await page.setViewportSize({ width, height });
      for (const top of [0, 10_000]) {
        await page.getByTestId('side-panel').evaluate((el, t) => ((el as unknown as { scrollTop: number }).scrollTop = t), top);
        expect(await inView(page, 'run-serial'), `run-serial, scrollTop ${top}`).toBe(true);
        expect(await inView(page, 'run-parallel'), `run-parallel, scrollTop ${top}`).toBe(true);
      }
    });
  }

  it('History Open and Delete at 900×600', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await runAndWait(page, () => page.getByTestId('run-serial').click(), 'done');
    await page.setViewportSize({ width: 900, height: 600 });
    await page.getByTestId('tab-button-history').click();
    await page.getByTestId('history-row').first().waitFor();
    expect(await inView(page, 'history-open')).toBe(true);
    expect(await inView(page, 'history-delete')).toBe(true);
  });
});
