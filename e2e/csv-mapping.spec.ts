import { expect, fileRow, openApp, test } from './helpers';
import { lines } from './importFixtures';

const HEADER = 'event_ts\tlogin\tremote\tresult\tgateway';
const MARCH = lines(
  HEADER,
  '2026-03-14T08:00:00Z\tdave\t203.0.113.7\tlogin_ok\tgw-1',
  '2026-03-14T08:05:00Z\tdave\t203.0.113.7\tlogout\tgw-1',
  '2026-03-14T08:09:00Z\terin\t198.51.100.9\tlogin_failed\tgw-2',
);
const APRIL = lines(HEADER, '2026-04-02T10:00:00Z\tfrank\t203.0.113.8\tlogin_ok\tgw-1', '2026-04-02T10:30:00Z\tfrank\t203.0.113.8\tlogout\tgw-1');

test('an unknown TSV is skipped, mapped by hand and imported; the next of the same shape is read without asking', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('input-files').setInputFiles({ name: 'vpn-logins-march.tsv', mimeType: 'text/tab-separated-values', buffer: MARCH });
  await expect(page.getByTestId('import-totals')).toBeVisible();
  const skipped = fileRow(page, 'vpn-logins-march.tsv');
  await expect(skipped.getByTestId('status')).toHaveText('skipped');
  await skipped.getByTestId('map-columns').click();

  const dialog = page.getByTestId('csv-mapping-dialog');
  await expect(dialog.getByTestId('csv-header-cells')).toHaveText(/event_ts\s*login\s*remote\s*result\s*gateway/);
  // `login` reads as the user; the time is the analyst's to choose, and nothing is saved without it.
  await expect(dialog.locator('[data-field="user"]')).toHaveValue('login');
  await expect(dialog.getByTestId('csv-mapping-problems')).toContainText('choose the column that holds the time');
  await expect(dialog.getByTestId('csv-mapping-save')).toBeDisabled();
  await expect(dialog.locator('[data-field="time"]')).toBeFocused();
  await dialog.locator('[data-field="time"]').selectOption('event_ts');
  // Each choice shows what the first row holds there.
  await expect(dialog.locator('tr', { has: page.locator('[data-field="time"]') }).getByTestId('csv-sample')).toHaveText('2026-03-14T08:00:00Z');
  await dialog.locator('[data-field="src_ip"]').selectOption('remote');
  await dialog.locator('[data-field="action"]').selectOption('result');
  await expect(dialog.getByTestId('csv-mapping-name')).toHaveValue('vpn-logins-march');
  await dialog.getByTestId('csv-mapping-name').fill('vpn gateway');
  await dialog.getByTestId('csv-mapping-save').click();

  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('import-totals')).toContainText('3 events stored');
  const mapped = fileRow(page, 'vpn-logins-march.tsv');
  await expect(mapped.getByTestId('format')).toHaveText('csv-mapped');
  await expect(mapped.getByTestId('events')).toHaveText('3');
  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText('3');
  const users = await page.locator('[data-testid="event-row"] [data-col="user"]').allInnerTexts();
  expect(users.map((u) => u.trim())).toEqual(['dave', 'dave', 'erin']);

  await page.getByTestId('input-files').setInputFiles({ name: 'vpn-logins-april.tsv', mimeType: 'text/tab-separated-values', buffer: APRIL });
  await expect(page.getByTestId('import-totals')).toContainText('2 events stored');
  const april = fileRow(page, 'vpn-logins-april.tsv');
  await expect(april.getByTestId('format')).toHaveText('csv-mapped');
  await expect(april.getByTestId('map-columns')).toHaveCount(0);
  await expect(page.getByTestId('csv-mapping-dialog')).toHaveCount(0);

  await page.getByTestId('rail-files').click();
  const saved = page.locator('[data-testid="saved-csv-mapping"][data-name="vpn gateway"]');
  await expect(saved).toContainText('time ← event_ts');
  await expect(saved).toContainText('user ← login');
});
