import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { dragOverTimeRange, expect, fileRow, fixture, importThroughInput, openApp, SCREENSHOTS, test } from './helpers';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
];
const README_SCREENSHOT = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));

async function shot(page: Page, name: string, path?: string): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  await page.screenshot({ path: path ?? `${SCREENSHOTS}${name}-${width}x${height}.png` });
}

/** Opens the sample: two clusters, two days, the stolen credential used around 02:10 UTC on 2026-11-21. */
async function openSampleTimeline(page: Page): Promise<void> {
  await page.getByTestId('open-sample').click();
  await expect(page.getByTestId('import-totals')).toBeVisible();
  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText('374');
}

for (const size of SIZES) {
  test(`screens at ${size.width}x${size.height}`, async ({ page }) => {
    await page.setViewportSize(size);
    await openApp(page);
    await shot(page, 'start');

    await importThroughInput(page, [fixture('audit-basic.log'), fixture('rotated.log.gz'), fixture('webhook-batch.json')]);
    await fileRow(page, 'audit-basic.log').getByTestId('show-rejects').click();
    await expect(page.getByTestId('reject-row')).toHaveCount(3);
    await shot(page, 'import-summary');

    await page.reload();
    await openApp(page);
    await openSampleTimeline(page);
    await shot(page, 'timeline');

    await page.getByTestId('rail-files').click();
    await expect(page.getByTestId('file-row')).toHaveCount(2);
    await shot(page, 'files');
    await page.getByTestId('rail-timeline').click();

    // Zoom into the hour of the attack.
    await dragOverTimeRange(page, Date.UTC(2026, 10, 21, 2, 0), Date.UTC(2026, 10, 21, 3, 0));
    await expect(page.getByTestId('time-chip')).toBeVisible();
    const grant = page.getByTestId('event-row').filter({ hasText: 'create clusterrolebindings' }).filter({ hasText: 'alice@corp.example' });
    await grant.click();
    await expect(page.getByTestId('detail-raw')).toContainText('"name": "cluster-admin"');
    await shot(page, 'timeline-detail');

    // Back to the whole case: the selected event stays in view, the drawer open.
    await page.getByTestId('zoom-reset').click();
    await expect(page.getByTestId('count-matching')).toHaveText('374');
    await expect(page.locator('[data-testid="event-row"][aria-selected="true"]')).toBeInViewport();
    if (size.width === 1440) await shot(page, 'readme', README_SCREENSHOT);

    await page.getByTestId('stack-status').click();
    await expect(page.getByTestId('histogram')).toHaveAttribute('data-series', /"denied"/);
    await page.emulateMedia({ colorScheme: 'light' });
    await shot(page, 'timeline-light');
  });
}
