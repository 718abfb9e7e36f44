import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, fixture, importThroughInput, openApp, test } from './helpers';

const CLI = fileURLToPath(new URL('../bin/trailhound.cjs', import.meta.url));

test('saves the case as a download and reopens it through Open case', async ({ page }) => {
  await openApp(page);
  await importThroughInput(page, [fixture('audit-basic.log'), fixture('rotated.log.gz'), fixture('webhook-batch.json')]);
  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText('61');
  await expect(page.getByTestId('case-state')).toHaveText('not saved');

  const downloading = page.waitForEvent('download');
  await page.getByTestId('save-case').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^case-\d{8}-\d{4}\.trailhound\.sqlite$/);
  const saved = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  // A regular SQLite database file, readable by the sqlite3 tool.
  expect(readFileSync(saved).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
  await expect(page.getByTestId('case-state')).toHaveText('saved');

  await page.reload();
  await expect(page.getByTestId('open-sample')).toBeEnabled();
  await page.getByTestId('input-case').setInputFiles(saved);
  await expect(page.getByTestId('count-matching')).toHaveText('61');
  await expect(page.getByTestId('histogram')).toHaveAttribute('data-total', '61');
  await expect(page.getByTestId('case-name')).toContainText(download.suggestedFilename().replace('.trailhound.sqlite', ''));

  // The original records travel inside the case.
  await page.getByTestId('event-row').first().click();
  await expect(page.getByTestId('detail-raw')).toContainText('"auditID": "a1b2c3d4-0000-4000-8000-000000000000"');

  // The files table travels too.
  await page.getByTestId('rail-files').click();
  await expect(page.getByTestId('file-row')).toHaveCount(3);
});

test('opens a case the CLI wrote, its original records (Brotli blocks) included', async ({ page }) => {
  const made = test.info().outputPath('cli.trailhound.sqlite');
  const run = spawnSync(process.execPath, [CLI, 'import', fixture('audit-basic.log'), fixture('rotated.log.gz'), '--case', made], { encoding: 'utf8' });
  // Status 1: the fixtures hold rejected lines on purpose.
  expect(run.stderr + run.stdout).toContain('56 events, 2 merged, 3 rejected');
  expect(run.status).toBe(1);
  await openApp(page);
  await page.getByTestId('input-case').setInputFiles(made);
  await expect(page.getByTestId('count-matching')).toHaveText('56');
  await page.getByTestId('event-row').first().click();
  await expect(page.getByTestId('detail-raw')).toContainText('"auditID": "a1b2c3d4-0000-4000-8000-000000000000"');
});

test('a file that is not a case is refused with a message, and the window stays usable', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('input-case').setInputFiles({ name: 'notes.sqlite', mimeType: 'application/octet-stream', buffer: Buffer.from('these are not the bytes you are looking for') });
  await expect(page.getByTestId('error')).toContainText('This file cannot be opened as a case');
  await page.getByTestId('error').getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByTestId('start-screen')).toBeVisible();
});
