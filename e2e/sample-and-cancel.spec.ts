import { writeFileSync } from 'node:fs';
import { expect, fileCounts, fileRow, fixture, matchingCount, openApp, SCREENSHOTS, test } from './helpers';

test('Open sample data imports both shipped clusters', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('open-sample').click();
  await expect(page.getByTestId('import-totals')).toBeVisible();
  const prod = fileRow(page, 'sample/prod-eu-1/kube-apiserver/audit.log.gz');
  const staging = fileRow(page, 'sample/staging-us-2/kube-apiserver/audit.log');
  expect(await fileCounts(prod)).toEqual({ lines: '440', events: '196', merged: '244', rejected: '0', blank: '0', status: 'complete' });
  expect(await fileCounts(staging)).toEqual({ lines: '404', events: '178', merged: '226', rejected: '0', blank: '0', status: 'complete' });
  await expect(page.getByTestId('case-name')).toContainText('Sample data');

  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText('374');
  await expect(page.getByTestId('event-row').first().locator('[data-col="cluster"]')).toHaveText(/^(prod-eu-1|staging-us-2)$/);
});

/** A kube-apiserver log big enough that the import is still running when Cancel is clicked. */
function writeLargeAuditLog(path: string, events: number): void {
  const start = Date.UTC(2026, 5, 1);
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    const ts = new Date(start + i * 250).toISOString().replace('Z', '123Z');
    lines.push(
      `{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"big-${i}","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/ns-${i % 40}/pods/web-${i % 977}","verb":"get","user":{"username":"system:serviceaccount:ns-${i % 40}:runner","groups":["system:serviceaccounts","system:authenticated"]},"sourceIPs":["10.1.${i % 250}.${i % 199}"],"userAgent":"kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46","objectRef":{"resource":"pods","namespace":"ns-${i % 40}","name":"web-${i % 977}","apiVersion":"v1"},"responseStatus":{"metadata":{},"code":200},"requestReceivedTimestamp":"${ts}","stageTimestamp":"${ts}","annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":""}}`,
    );
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

test('cancelling an import keeps what was read, marked partial with its reason; the table scrolls through it', async ({ page }) => {
  const big = test.info().outputPath('big-audit.log');
  writeLargeAuditLog(big, 150_000);
  await openApp(page);
  await page.getByTestId('input-files').setInputFiles([big, fixture('audit-basic.log')]);
  const progress = page.getByTestId('import-progress');
  await expect(progress).toBeVisible();
  await expect(page.getByTestId('import-bytes')).not.toHaveText(/^0 B/);
  // The parse worker's first rows have been stored: the counters move.
  await expect(page.getByTestId('import-events')).not.toHaveText(/^0 ·/);
  await expect(page.getByTestId('import-lines')).not.toHaveText(/^0 ·/);
  await page.screenshot({ path: `${SCREENSHOTS}import-progress-1440x900.png` });
  await page.getByTestId('cancel-import').click();

  await expect(page.getByTestId('import-totals')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Import cancelled' })).toBeVisible();
  const bigRow = fileRow(page, 'big-audit.log');
  const counts = await fileCounts(bigRow);
  expect(counts.status).toBe('partial');
  await expect(bigRow.getByTestId('reason')).toContainText('import cancelled by the user after line');
  const events = Number(counts.events.replace(/,/g, ''));
  expect(events).toBeGreaterThan(0);
  expect(events).toBeLessThan(150_000);
  expect(Number(counts.lines.replace(/,/g, ''))).toBe(events + Number(counts.rejected.replace(/,/g, '')));
  const skipped = fileRow(page, 'audit-basic.log');
  expect((await fileCounts(skipped)).status).toBe('skipped');
  await expect(skipped.getByTestId('reason')).toHaveText('import cancelled before this file');

  await page.getByTestId('show-timeline').click();
  await expect.poll(() => matchingCount(page)).toBe(events);
  // The last of tens of thousands of rows is one key press away, fetched on demand.
  await page.getByTestId('event-table').focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('detail').locator('[data-field="audit_id"] td')).toHaveText(/^big-\d+$/);
  const selected = page.locator('[data-testid="event-row"][aria-selected="true"]');
  await expect(selected).toBeVisible();
  await expect(selected).toHaveAttribute('aria-rowindex', String(events + 1));
});

test('the status bar shows an import, not the background indexing it is waiting behind', async ({ page }) => {
  // Two imports of tens of thousands of lines in the browser: slow on a loaded CI machine.
  test.setTimeout(90_000);
  const first = test.info().outputPath('first-audit.log');
  const second = test.info().outputPath('second-audit.log');
  writeLargeAuditLog(first, 60_000);
  writeLargeAuditLog(second, 100_000);
  await openApp(page);
  await page.getByTestId('input-files').setInputFiles([first]);
  await expect(page.getByTestId('import-totals')).toBeVisible({ timeout: 45_000 });
  await page.getByTestId('show-timeline').click();
  // After an import the engine builds indexes and summaries in the background, step by step.
  const indexing = page.getByTestId('indexing');
  await expect(indexing).toBeVisible();
  await page.getByTestId('input-files').setInputFiles([second]);
  await expect(page.getByTestId('status-importing')).toBeVisible();
  await expect(indexing).toHaveCount(0);
  await expect(page.getByTestId('import-totals')).toBeVisible({ timeout: 45_000 });
  expect(await fileCounts(fileRow(page, 'second-audit.log'))).toMatchObject({ lines: '100,000', events: '40,000', merged: '60,000', status: 'complete' });
});
