import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const fixture = (name: string): string => FIXTURES + name;

/**
 * Every test fails on an uncaught page error, a console error (CSP violations are reported there)
 * or an alert/confirm/prompt that nobody expected: a hostile log value must never open one.
 */
export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('console', (msg) => {
        // The desktop app sends the same policy as a header, where frame-ancestors does apply.
        if (msg.type() === 'error' && !/'frame-ancestors' is ignored when delivered via a <meta> element/.test(msg.text())) {
          problems.push(`console error: ${msg.text()}`);
        }
      });
      page.on('dialog', (dialog) => {
        problems.push(`unexpected dialog: ${dialog.type()} ${dialog.message()}`);
        void dialog.dismiss();
      });
      await use(problems);
      expect(problems, 'page errors, console errors or dialogs').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** Opens the app and waits until the engine (worker + sql.js) is ready. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByTestId('open-sample')).toBeEnabled();
}

/** Imports files through the hidden file input, as File > Open does, and waits for the summary. */
export async function importThroughInput(page: Page, paths: string[]): Promise<void> {
  await page.getByTestId('input-files').setInputFiles(paths);
  await expect(page.getByTestId('import-totals')).toBeVisible();
}

export function fileRow(page: Page, path: string): Locator {
  return page.locator(`[data-testid="file-row"][data-path="${path}"]`);
}

/** The per-file counts of the summary, as shown. */
export async function fileCounts(row: Locator): Promise<Record<string, string>> {
  const counts: Record<string, string> = {};
  for (const key of ['lines', 'events', 'merged', 'rejected', 'blank', 'status']) {
    counts[key] = (await row.getByTestId(key).innerText()).replace(/[▸▾\s]/g, '');
  }
  return counts;
}

export async function matchingCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('count-matching').innerText()).replace(/,/g, ''));
}

/** Pixels of the histogram canvas close to a given color: proof that bars were drawn. */
export async function canvasPixelsNear(page: Page, rgb: [number, number, number]): Promise<number> {
  return page.evaluate(([r, g, b]) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="histogram-canvas"] canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return -1;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) < 12 && Math.abs(data[i + 1] - g) < 12 && Math.abs(data[i + 2] - b) < 12) n++;
    }
    return n;
  }, rgb);
}

/** Drags across the chart from one fraction of its width to another (the brush zoom). */
export async function dragAcrossChart(page: Page, fromFraction: number, toFraction: number): Promise<void> {
  const box = await page.getByTestId('histogram-canvas').boundingBox();
  if (!box) throw new Error('the chart has no box');
  const y = box.y + box.height * 0.5;
  await page.mouse.move(box.x + box.width * fromFraction, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * toFraction, y, { steps: 10 });
  await page.mouse.up();
}

/** The chart's plot area inside its canvas: histogramOption's grid (left 44, right 12). */
const GRID_LEFT = 44;
const GRID_RIGHT = 12;

/** Drags across the buckets that hold the range [from, to) (epoch ms), like an analyst zooming in. */
export async function dragOverTimeRange(page: Page, from: number, to: number): Promise<void> {
  const chart = page.getByTestId('histogram');
  const start = Number(await chart.getAttribute('data-start'));
  const bucketMs = Number(await chart.getAttribute('data-bucket-ms'));
  const buckets = Number(await chart.getAttribute('data-buckets'));
  const box = await page.getByTestId('histogram-canvas').boundingBox();
  if (!box) throw new Error('the chart has no box');
  const width = (box.width - GRID_LEFT - GRID_RIGHT) / buckets;
  // From just inside the first bucket's left edge to just inside the last one's right edge.
  const x = (ts: number, side: number): number => box.x + GRID_LEFT + (Math.floor((ts - start) / bucketMs) + 0.5 + side * 0.4) * width;
  const y = box.y + box.height * 0.5;
  await page.mouse.move(x(from, -1), y);
  await page.mouse.down();
  await page.mouse.move(x(to - 1, 1), y, { steps: 10 });
  await page.mouse.up();
}
