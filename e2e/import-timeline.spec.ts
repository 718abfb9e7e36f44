import { canvasPixelsNear, dragAcrossChart, expect, fileCounts, fileRow, fixture, importThroughInput, matchingCount, openApp, test } from './helpers';

const ALL_FIXTURES = [fixture('audit-basic.log'), fixture('rotated.log.gz'), fixture('webhook-batch.json')];
/** 32 + 24 + 5: see e2e/fixtures/make-fixtures.mjs. */
const TOTAL_EVENTS = 61;

test('imports the fixtures and accounts for every line of every file', async ({ page }) => {
  await openApp(page);
  await importThroughInput(page, ALL_FIXTURES);
  await expect(page.getByTestId('import-totals')).toContainText(`3 files · ${TOTAL_EVENTS} events stored · 3 lines rejected`);
  expect(await fileCounts(fileRow(page, 'audit-basic.log'))).toEqual({ lines: '38', events: '32', merged: '1', rejected: '3', blank: '2', status: 'complete' });
  expect(await fileCounts(fileRow(page, 'rotated.log.gz'))).toEqual({ lines: '25', events: '24', merged: '1', rejected: '0', blank: '0', status: 'complete' });
  expect(await fileCounts(fileRow(page, 'webhook-batch.json'))).toEqual({ lines: '5', events: '5', merged: '0', rejected: '0', blank: '0', status: 'complete' });

  await fileRow(page, 'audit-basic.log').getByTestId('show-rejects').click();
  const rejects = page.getByTestId('reject-row');
  await expect(rejects).toHaveCount(3);
  await expect(rejects.nth(0)).toContainText('invalid JSON');
  await expect(rejects.nth(0)).toContainText('"auditID":"trunc');
  await expect(rejects.nth(1)).toContainText('this is not json at all');
  await expect(rejects.nth(2)).toContainText('not a Kubernetes audit event');

  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText(String(TOTAL_EVENTS));
  await expect(page.getByTestId('count-total')).toHaveText(String(TOTAL_EVENTS));
  await expect(page.getByTestId('status-span')).toHaveText('2026-03-14 09:00:00.000 → 2026-03-14 18:40:00.000');
});

test('draws the histogram, and its numbers add up to the event count', async ({ page }) => {
  await openApp(page);
  await importThroughInput(page, ALL_FIXTURES);
  await page.getByTestId('show-timeline').click();
  const histogram = page.getByTestId('histogram');
  await expect(histogram).toHaveAttribute('data-total', String(TOTAL_EVENTS));
  const series = JSON.parse((await histogram.getAttribute('data-series')) ?? '{}') as Record<string, number>;
  expect(Object.keys(series)).toEqual(['read', 'write', 'delete']);
  expect(Object.values(series).reduce((a, b) => a + b, 0)).toBe(TOTAL_EVENTS);
  // Bars in the palette's read blue and write amber are on the canvas.
  await expect.poll(() => canvasPixelsNear(page, [0x4f, 0x8f, 0xf7])).toBeGreaterThan(100);
  await expect.poll(() => canvasPixelsNear(page, [0xf0, 0xa4, 0x3a])).toBeGreaterThan(100);

  await page.getByTestId('stack-status').click();
  await expect(histogram).toHaveAttribute('data-series', /"denied":\d+/);
  const byStatus = JSON.parse((await histogram.getAttribute('data-series')) ?? '{}') as Record<string, number>;
  expect(Object.values(byStatus).reduce((a, b) => a + b, 0)).toBe(TOTAL_EVENTS);

  await page.getByTestId('toggle-numbers').click();
  await expect(page.getByTestId('histogram-numbers-total')).toHaveText(String(TOTAL_EVENTS));
});

test('dragging across the chart zooms into that range; reset shows everything again', async ({ page }) => {
  await openApp(page);
  await importThroughInput(page, ALL_FIXTURES);
  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText(String(TOTAL_EVENTS));

  await dragAcrossChart(page, 0.08, 0.45);
  await expect(page.getByTestId('time-chip')).toBeVisible();
  await expect.poll(() => matchingCount(page)).toBeLessThan(TOTAL_EVENTS);
  const narrowed = await matchingCount(page);
  expect(narrowed).toBeGreaterThan(0);
  await expect(page.getByTestId('histogram')).toHaveAttribute('data-total', String(narrowed));
  await expect(page.getByTestId('count-total')).toHaveText(String(TOTAL_EVENTS));

  await page.getByTestId('zoom-reset').click();
  await expect(page.getByTestId('count-matching')).toHaveText(String(TOTAL_EVENTS));
  await expect(page.getByTestId('time-chip')).toHaveCount(0);
});

test('a row opens its detail with every field and the original record; Esc closes it', async ({ page }) => {
  await openApp(page);
  await importThroughInput(page, ALL_FIXTURES);
  await page.getByTestId('show-timeline').click();

  const first = page.getByTestId('event-row').first();
  await expect(first.locator('[data-col="ts"]')).toHaveText('2026-03-14 09:00:00.000');
  await first.click();
  const detail = page.getByTestId('detail');
  await expect(detail.locator('[data-field="audit_id"] td')).toHaveText('a1b2c3d4-0000-4000-8000-000000000000');
  await expect(detail.locator('[data-field="ts_text"] td')).toHaveText('2026-03-14T09:00:00.000417Z');
  await expect(detail.locator('[data-field="user"] td')).toHaveText('system:serviceaccount:ci:deployer');
  await expect(detail.locator('[data-field="file_path"] td')).toHaveText('audit-basic.log');
  await expect(page.getByTestId('detail-raw')).toContainText('"auditID": "a1b2c3d4-0000-4000-8000-000000000000"');
  await expect(page.getByTestId('detail-raw')).toContainText('"requestReceivedTimestamp": "2026-03-14T09:00:00.000417Z"');

  // The request seen at two stages is one event, with its final stage.
  await page.getByTestId('event-row').nth(3).click();
  await expect(detail.locator('[data-field="audit_id"] td')).toHaveText('pair-0000-4000-8000-000000000001');
  await expect(detail.locator('[data-field="stage"] td')).toHaveText('ResponseComplete');
  await expect(detail.locator('[data-field="status_code"] td')).toHaveText('201');

  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
});

test('hostile log values are shown as literal text, never as markup', async ({ page }) => {
  await openApp(page);
  await importThroughInput(page, [fixture('audit-basic.log')]);
  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText('32');

  // The hostile event is the last in time: End in the table selects it and opens its detail.
  await page.getByTestId('event-table').focus();
  await page.keyboard.press('End');
  const row = page.locator('[data-testid="event-row"][aria-selected="true"]');
  await expect(row.locator('[data-col="user_agent"]')).toHaveText('<img src=x onerror=alert(1)>');
  await expect(row.locator('[data-col="name"]')).toHaveText('<script>alert(2)</script>');
  await expect(row.locator('[data-col="user"]')).toHaveText('mallory<b>bold</b>');
  const detail = page.getByTestId('detail');
  await expect(detail.locator('[data-field="user_agent"] td')).toHaveText('<img src=x onerror=alert(1)>');
  await expect(page.getByTestId('detail-raw')).toContainText('"userAgent": "<img src=x onerror=alert(1)>"');
  await expect(page.locator('img[src="x"], b:has-text("bold"), script:has-text("alert")')).toHaveCount(0);
  // The fixture's `problems` check fails the test on any alert dialog.
});

test.describe('in another time zone', () => {
  test.use({ timezoneId: 'Europe/Berlin' });

  test('times are UTC by default and switch to local time', async ({ page }) => {
    await openApp(page);
    await importThroughInput(page, ALL_FIXTURES);
    await page.getByTestId('show-timeline').click();
    await expect(page.getByTestId('zone-toggle')).toHaveText('UTC');
    await expect(page.getByTestId('status-span')).toHaveText('2026-03-14 09:00:00.000 → 2026-03-14 18:40:00.000');
    await page.getByTestId('zone-toggle').click();
    await expect(page.getByTestId('zone-toggle')).toHaveText('Europe/Berlin');
    await expect(page.getByTestId('status-span')).toHaveText('2026-03-14 10:00:00.000 → 2026-03-14 19:40:00.000');
    await expect(page.getByTestId('event-row').first().locator('[data-col="ts"]')).toHaveText('2026-03-14 10:00:00.000');
  });
});
