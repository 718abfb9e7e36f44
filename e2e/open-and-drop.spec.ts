import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, fileCounts, fileRow, fixture, openApp, test } from './helpers';

test('Open folder imports every file inside, and the folder names the cluster', async ({ page }) => {
  const root = test.info().outputPath('evidence');
  for (const [from, to] of [
    ['audit-basic.log', 'prod-eu-1/kube-apiserver/audit.log'],
    ['rotated.log.gz', 'staging-us-2/kube-apiserver/audit-2026-03-14.log.gz'],
  ]) {
    mkdirSync(dirname(`${root}/${to}`), { recursive: true });
    copyFileSync(fixture(from), `${root}/${to}`);
  }
  await openApp(page);
  await page.getByTestId('input-folder').setInputFiles(root);
  await expect(page.getByTestId('import-totals')).toBeVisible();
  expect((await fileCounts(fileRow(page, 'evidence/prod-eu-1/kube-apiserver/audit.log'))).events).toBe('32');
  expect((await fileCounts(fileRow(page, 'evidence/staging-us-2/kube-apiserver/audit-2026-03-14.log.gz'))).events).toBe('24');

  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText('56');
  const clusters = await page.locator('[data-testid="event-row"] [data-col="cluster"]').allInnerTexts();
  expect(new Set(clusters)).toEqual(new Set(['prod-eu-1', 'staging-us-2']));
});

test('files dropped on the window are imported', async ({ page }) => {
  await openApp(page);
  const text = readFileSync(fixture('audit-basic.log'), 'utf8');
  const transfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'dropped-audit.log', { type: 'text/plain' }));
    return dt;
  }, text);
  await page.dispatchEvent('div.app', 'dragenter', { dataTransfer: transfer });
  await expect(page.getByText('Drop audit logs, folders or .gz files to import them')).toBeVisible();
  await page.dispatchEvent('div.app', 'drop', { dataTransfer: transfer });
  await expect(page.getByTestId('import-totals')).toBeVisible();
  expect(await fileCounts(fileRow(page, 'dropped-audit.log'))).toEqual({ lines: '38', events: '32', merged: '1', rejected: '3', blank: '2', status: 'complete' });
  await expect(page.getByText('Drop audit logs, folders or .gz files to import them')).toHaveCount(0);
});
