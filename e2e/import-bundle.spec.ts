import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, fileCounts, fileRow, openApp, test } from './helpers';
import { dropFiles, PROD_AUDIT, supportBundle, WK1_AUTH } from './importFixtures';

test('a dropped .tar.gz of two clusters, nodes and formats: one row per member, the README skipped, events per cluster', async ({ page }) => {
  await openApp(page);
  await dropFiles(page, [{ name: 'bundle.tar.gz', bytes: supportBundle() }]);
  await expect(page.getByTestId('import-totals')).toContainText('9 events stored');

  const rows = page.getByTestId('file-row');
  await expect(rows).toHaveCount(5);
  const shown = await rows.evaluateAll((all) => all.map((r) => [r.getAttribute('data-path'), r.children[1].textContent?.trim()]));
  expect(shown).toEqual([
    ['bundle.tar.gz', 'tar'],
    ['bundle.tar.gz!prod-eu-1/kube-apiserver/audit.log', 'k8s-audit-json'],
    ['bundle.tar.gz!prod-eu-1/nodes/wk-1/auth.log', 'syslog-rfc3164'],
    ['bundle.tar.gz!staging/kube-apiserver/audit.log.gz', 'k8s-audit-json'],
    ['bundle.tar.gz!README.txt', '—'],
  ]);
  // The container holds no lines of its own; every member accounts for each of its lines.
  expect(await fileCounts(fileRow(page, 'bundle.tar.gz'))).toEqual({ lines: '0', events: '0', merged: '0', rejected: '0', blank: '0', status: 'complete' });
  expect(await fileCounts(fileRow(page, 'bundle.tar.gz!prod-eu-1/kube-apiserver/audit.log'))).toEqual({ lines: '4', events: '4', merged: '0', rejected: '0', blank: '0', status: 'complete' });
  expect(await fileCounts(fileRow(page, 'bundle.tar.gz!prod-eu-1/nodes/wk-1/auth.log'))).toEqual({ lines: '3', events: '3', merged: '0', rejected: '0', blank: '0', status: 'complete' });
  expect(await fileCounts(fileRow(page, 'bundle.tar.gz!staging/kube-apiserver/audit.log.gz'))).toEqual({ lines: '2', events: '2', merged: '0', rejected: '0', blank: '0', status: 'complete' });
  const readme = fileRow(page, 'bundle.tar.gz!README.txt');
  await expect(readme.getByTestId('status')).toHaveText('skipped');
  await expect(readme.getByTestId('reason')).toContainText('no known log format recognized');
  // A member of an archive cannot be read again on its own: no mapping is offered for it.
  await expect(readme.getByTestId('map-columns')).toHaveCount(0);

  await page.getByTestId('rail-clusters').click();
  await expect(page.getByTestId('clusters-count')).toHaveText('2 clusters');
  await expect(page.locator('[data-testid="cluster-row"][data-cluster="prod-eu-1"] [data-col="events"]')).toHaveText('7');
  await expect(page.locator('[data-testid="cluster-row"][data-cluster="staging"] [data-col="events"]')).toHaveText('2');
  await expect(page.locator('[data-testid="ssh-node"][data-node="wk-1"]')).toBeVisible();
});

test('review before importing: the path fills cluster and node, the analyst overrides a cluster, a year, clock offsets and the zone of authlog', async ({ page }) => {
  const root = test.info().outputPath('evidence');
  for (const [path, bytes] of [['prod-eu-1/kube-apiserver/audit.log', PROD_AUDIT], ['prod-eu-1/nodes/wk-1/auth.log', WK1_AUTH]] as const) {
    mkdirSync(dirname(`${root}/${path}`), { recursive: true });
    writeFileSync(`${root}/${path}`, bytes);
  }
  await openApp(page);
  const toggle = page.getByTestId('review-before-import');
  await expect(toggle).not.toBeChecked();
  await toggle.check();
  await page.getByTestId('input-folder').setInputFiles(root);

  const audit = page.locator('[data-testid="review-row"][data-path="evidence/prod-eu-1/kube-apiserver/audit.log"]');
  const auth = page.locator('[data-testid="review-row"][data-path="evidence/prod-eu-1/nodes/wk-1/auth.log"]');
  await expect(audit.locator('[data-field="cluster"]')).toHaveValue('prod-eu-1');
  await expect(auth.locator('[data-field="node"]')).toHaveValue('wk-1');
  await expect(auth.locator('[data-field="zone"] option:checked')).toHaveText('by source');

  await audit.locator('[data-field="cluster"]').fill('dr-site');
  await audit.locator('[data-field="clock"]').fill('+90');
  await auth.locator('[data-field="year"]').fill('2025');
  await page.locator('[data-testid="review-node"][data-node="wk-1"] input').fill('-3600');
  // The auth.log of a host in Frankfurt: its zone-less times are UTC+01:00.
  await page.locator('[data-testid="review-zone-source"][data-source="authlog"]').selectOption({ label: 'UTC+01:00' });
  // A bad value stops the import and says where.
  await auth.locator('[data-field="clock"]').fill('soon');
  await page.getByTestId('review-import').click();
  await expect(page.getByTestId('review-problems')).toContainText('evidence/prod-eu-1/nodes/wk-1/auth.log: the clock offset must be a number of seconds');
  await auth.locator('[data-field="clock"]').fill('');
  await page.getByTestId('review-import').press('Enter');

  await expect(page.getByTestId('import-totals')).toContainText('7 events stored');
  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText('7');
  const table = await page.getByTestId('event-row').evaluateAll((all) =>
    all.map((r) => `${r.querySelector('[data-col="ts"]')?.textContent?.trim()} ${r.querySelector('[data-col="cluster"]')?.textContent?.trim()} ${r.querySelector('[data-col="user"]')?.textContent?.trim()}`),
  );
  // The audit log moved 90 s later under the cluster typed; wk-1's lines read as 2025 in UTC+01:00, an hour earlier still.
  expect(table).toEqual([
    expect.stringMatching(/^2025-03-14 08:00:00\.000.* prod-eu-1 root$/),
    expect.stringMatching(/^2025-03-14 08:00:05\.000.* prod-eu-1 bob$/),
    expect.stringMatching(/^2025-03-14 08:07:00\.000.* prod-eu-1 bob$/),
    expect.stringMatching(/^2026-03-14 09:01:30\.000.* dr-site alice$/),
    expect.stringMatching(/^2026-03-14 09:02:30\.000.* dr-site alice$/),
    expect.stringMatching(/^2026-03-14 09:03:30\.000.* dr-site alice$/),
    expect.stringMatching(/^2026-03-14 09:04:30\.000.* dr-site alice$/),
  ]);

  // The choice is remembered: the next window reviews again.
  await page.reload();
  await openApp(page);
  await expect(page.getByTestId('review-before-import')).toBeChecked();
});

test('a review cancelled with Esc imports nothing; an archive row leaves cluster and node to its members', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('review-before-import').check();
  await page.getByTestId('input-files').setInputFiles({ name: 'bundle.tar.gz', mimeType: 'application/gzip', buffer: supportBundle() });
  const row = page.locator('[data-testid="review-row"][data-path="bundle.tar.gz"]');
  await expect(row.locator('[data-field="cluster"]')).toHaveAttribute('placeholder', 'by member path');
  await row.locator('[data-field="year"]').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-review')).toHaveCount(0);
  await expect(page.getByTestId('import-totals')).toHaveCount(0);
  await page.getByTestId('rail-timeline').click();
  await expect(page.getByTestId('start-screen')).toBeVisible();
});
