import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, matchingCount, openApp, test } from './helpers';
import { count, expectedEvents, importInvestigationCase, type Expected } from './investigationCase';

const events = expectedEvents();
const TOTAL = events.length;
const isDenied = (e: Expected): boolean => e.code === 401 || e.code === 403;
const by = <T>(list: T[], key: (x: T) => string): Map<string, T[]> => {
  const out = new Map<string, T[]>();
  for (const x of list) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
};
const cell = (page: Page, row: string, col: string) => page.locator(`${row} [data-col="${col}"]`);

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await importInvestigationCase(page, test.info().outputPath('evidence'));
});

test('Users: every identity with the counts the files hold; a user page with its new IP and SSH logins', async ({ page }) => {
  await page.getByTestId('rail-users').click();
  const users = by(events, (e) => e.user);
  await expect(page.getByTestId('users-count')).toHaveText(`${users.size} identities`);
  for (const [user, mine] of users) {
    const row = `[data-testid="user-row"][data-user="${user}"]`;
    await expect(cell(page, row, 'events'), user).toHaveText(count(mine.length));
    await expect(cell(page, row, 'denied'), user).toHaveText(count(mine.filter(isDenied).length));
    await expect(cell(page, row, 'ips'), user).toHaveText(count(new Set(mine.flatMap((e) => e.ips)).size));
    await expect(cell(page, row, 'clusters'), user).toHaveText(count(new Set(mine.map((e) => e.cluster)).size));
  }
  await expect(page.locator('[data-testid="user-row"][data-user="root"] td').nth(1)).toHaveText('host account');

  const alice = users.get('alice@corp.example') ?? [];
  await page.locator('[data-testid="user-row"][data-user="alice@corp.example"] [data-testid="pill"]').click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByTestId('page-title')).toHaveText('alice@corp.example');
  await expect(page.getByTestId('stat-events')).toHaveText(count(alice.length));
  await expect(page.getByTestId('stat-denied')).toHaveText(count(alice.filter(isDenied).length));
  // 203.0.113.77 appears only on the 21st: after alice's first day, so it is marked new.
  await expect(page.locator('[data-testid="user-ip"][data-new="true"]')).toHaveAttribute('data-ip', '203.0.113.77');
  await expect(page.locator('[data-testid="user-ip"]')).toHaveCount(2);
  await expect(page.getByTestId('user-ssh')).toContainText('accepted');
  await expect(page.getByTestId('user-ssh')).toContainText('bastion-1');
  await page.getByTestId('back-to-users').click();
  await expect(page.getByTestId('users-table')).toBeVisible();
});

test('IPs: each address with its users, API calls, denials and SSH failures; the case CIDRs decide internal', async ({ page }) => {
  await page.getByTestId('rail-ips').click();
  const ips = by(events.flatMap((e) => e.ips.map((ip) => ({ ...e, ip }))), (e) => e.ip);
  await expect(page.getByTestId('ips-count')).toHaveText(`${ips.size} addresses`);
  for (const [ip, mine] of ips) {
    const row = `[data-testid="ip-row"][data-ip="${ip}"]`;
    const api = mine.filter((e) => e.source === 'kube-audit');
    await expect(cell(page, row, 'events'), ip).toHaveText(count(mine.length));
    await expect(cell(page, row, 'users'), ip).toHaveText(count(new Set(mine.map((e) => e.user)).size));
    await expect(cell(page, row, 'apiCalls'), ip).toHaveText(count(api.length));
    await expect(cell(page, row, 'denied'), ip).toHaveText(count(api.filter(isDenied).length));
    await expect(cell(page, row, 'sshFail'), ip).toHaveText(count(mine.filter((e) => e.action === 'ssh_failed' || e.action === 'ssh_invalid_user').length));
    await expect(page.locator(row), ip).toHaveAttribute('data-internal', String(/^(10\.|192\.168\.)/.test(ip)));
  }
  await expect(page.getByTestId('ips-flagged')).toHaveText('1 external with allowed API calls');
  await page.getByTestId('external-only').check();
  await expect(page.getByTestId('ip-row')).toHaveCount(2);

  await page.getByTestId('internal-networks').click();
  await page.getByTestId('cidrs').fill('10.0.0.0/8\n203.0.113.0/24');
  await page.getByTestId('cidrs-save').click();
  await expect(page.locator('[data-testid="ip-row"][data-ip="203.0.113.77"]')).toHaveCount(0);
  await page.getByTestId('external-only').uncheck();
  await expect(page.locator('[data-testid="ip-row"][data-ip="203.0.113.77"]')).toHaveAttribute('data-internal', 'true');
  await expect(page.getByTestId('ips-flagged')).toHaveCount(0);
});

test('Clusters: events, denial rates, SSH nodes, and coverage gaps per cluster as the files say', async ({ page }) => {
  await page.getByTestId('rail-clusters').click();
  const clusters = by(events, (e) => e.cluster);
  await expect(page.getByTestId('clusters-count')).toHaveText(`${clusters.size} clusters`);
  for (const [cluster, mine] of clusters) {
    const row = `[data-testid="cluster-row"][data-cluster="${cluster}"]`;
    await expect(cell(page, row, 'events')).toHaveText(count(mine.length));
    const rate = (mine.filter(isDenied).length / mine.length) * 100;
    await expect(cell(page, row, 'denied')).toHaveText(`${rate.toFixed(rate < 10 ? 2 : 1)}%`);
    await expect(cell(page, row, 'users')).toHaveText(count(new Set(mine.map((e) => e.user)).size));
  }
  const node = page.locator('[data-testid="ssh-node"][data-node="bastion-1"]');
  await expect(node.locator('[data-col="sshOk"]')).toHaveText('1');
  await expect(node.locator('[data-col="sshFail"]')).toHaveText('3');
  // Coverage: per cluster and source, the silent hours between the first and the last.
  const lanes = by(events, (e) => `${e.cluster}|${e.source}`);
  await expect(page.getByTestId('coverage-lane')).toHaveCount(lanes.size);
  for (const [key, mine] of lanes) {
    const [cluster, source] = key.split('|');
    const hours = [...new Set(mine.map((e) => Math.floor(e.ts / 3_600_000)))].sort((a, b) => a - b);
    let gaps = 0;
    for (let i = 1; i < hours.length; i++) if (hours[i] - hours[i - 1] > 1) gaps++;
    await expect(page.locator(`[data-testid="coverage-lane"][data-cluster="${cluster}"][data-source="${source}"]`)).toHaveAttribute('data-gaps', String(gaps));
  }
});

test('one filter: only this, everything but this, back and forward, status, text, saved searches', async ({ page }) => {
  const alice = events.filter((e) => e.user === 'alice@corp.example').length;
  const bob = events.filter((e) => e.user === 'bob@corp.example').length;
  await page.getByTestId('rail-users').click();
  await page.locator('[data-testid="user-row"][data-user="alice@corp.example"] [data-testid="pill"]').click({ button: 'right' });
  await page.getByTestId('menu-exclude').click();
  await expect(page.locator('[data-testid="filter-chip"][data-kind="exclude"]')).toHaveText(/not user\s*alice@corp\.example/);
  await expect.poll(() => matchingCount(page)).toBe(TOTAL - alice);
  await expect(page.locator('[data-testid="user-row"][data-user="alice@corp.example"]')).toHaveCount(0);

  await page.locator('[data-testid="user-row"][data-user="bob@corp.example"] [data-testid="pill"]').click();
  await expect.poll(() => matchingCount(page)).toBe(bob);
  await page.getByTestId('filter-back').click();
  await expect.poll(() => matchingCount(page)).toBe(TOTAL - alice);
  await page.getByTestId('filter-back').click();
  await expect.poll(() => matchingCount(page)).toBe(TOTAL);
  await page.getByTestId('filter-forward').click();
  await page.getByTestId('filter-forward').click();
  await expect.poll(() => matchingCount(page)).toBe(bob);

  await page.getByTestId('saved-searches').click();
  await page.getByTestId('saved-name').fill('bob only');
  await page.getByTestId('saved-save').click();
  await expect(page.getByTestId('saved-item')).toHaveText('bob only');
  await page.keyboard.press('Escape');
  await page.getByTestId('clear-filter').click();
  await expect.poll(() => matchingCount(page)).toBe(TOTAL);
  await page.getByTestId('saved-searches').click();
  await page.getByTestId('saved-item').click();
  await expect.poll(() => matchingCount(page)).toBe(bob);
  await page.getByTestId('clear-filter').click();

  // Status class from the chart's legend; free text from the search box (/ focuses it).
  await page.getByTestId('rail-timeline').click();
  await page.getByTestId('stack-status').click();
  await page.getByTestId('legend-denied').click();
  await expect.poll(() => matchingCount(page)).toBe(events.filter(isDenied).length);
  await page.locator('[data-testid="filter-chip"] .chip-x').click();
  await page.getByTestId('event-table').click();
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type('203.0.113.77');
  await page.keyboard.press('Enter');
  await expect.poll(() => matchingCount(page)).toBe(events.filter((e) => e.ips.includes('203.0.113.77')).length);
  await expect(page.locator('[data-testid="filter-chip"][data-kind="text"]')).toContainText('203.0.113.77');
});

test('command palette: fuzzy search over values and views; Enter filters, Ctrl+Enter opens the page', async ({ page }) => {
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('shop:payments-api');
  await expect(page.getByTestId('palette-item').first()).toContainText('system:serviceaccount:shop:payments-api');
  await page.keyboard.press('Enter');
  await expect.poll(() => matchingCount(page)).toBe(events.filter((e) => e.user === 'system:serviceaccount:shop:payments-api').length);
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('203.0.113');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('ip-page')).toBeVisible();
  await expect(page.getByTestId('page-title')).toHaveText('203.0.113.77');
  await page.keyboard.press('Control+k');
  await page.getByTestId('palette-input').fill('cluster');
  await page.locator('[data-testid="palette-item"][data-kind="view"]').first().click();
  await expect(page.getByTestId('clusters-view')).toBeVisible();
});

test('SQL console: read-only answers, a refused write, and the result as CSV', async ({ page }) => {
  await page.getByTestId('rail-sql').click();
  await page.getByTestId('sql-input').fill("SELECT user, count(*) AS n FROM events WHERE user LIKE 'alice%' GROUP BY user ORDER BY user");
  await page.getByTestId('sql-run').click();
  const rows = page.getByTestId('sql-row');
  await expect(rows).toHaveCount(2);
  // The SSH login name and the identity provider's name are two users.
  await expect(rows.nth(0).locator('td')).toHaveText(['alice', '2']);
  await expect(rows.nth(1).locator('td')).toHaveText(['alice@corp.example', String(events.filter((e) => e.user === 'alice@corp.example').length)]);
  const download = page.waitForEvent('download');
  await page.getByTestId('sql-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toBe(`user,n\r\nalice,2\r\nalice@corp.example,${events.filter((e) => e.user === 'alice@corp.example').length}\r\n`);

  await page.getByTestId('sql-input').fill('DELETE FROM event_rows');
  await page.getByTestId('sql-run').click();
  await expect(page.getByTestId('sql-error')).toContainText('refused');
  await page.getByTestId('rail-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText(String(TOTAL));
});

test('timeline: lanes by source, jump to time, sorting, the column chooser, Enter and Esc', async ({ page }) => {
  await page.getByTestId('stack-lanes').click();
  await expect(page.getByTestId('histogram')).toHaveAttribute('data-lanes', 'api,ssh');
  const png = page.waitForEvent('download');
  await page.getByTestId('histogram-png').click();
  const image = readFileSync(await (await png).path());
  expect([...image.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');

  const at = Date.UTC(2026, 10, 21, 2, 0);
  const times = events.map((e) => e.ts).sort((a, b) => a - b);
  const first = times.find((t) => t >= at) as number;
  await page.getByTestId('jump-input').fill('2026-11-21 02:00');
  await page.getByTestId('jump-input').press('Enter');
  const selected = page.locator('[data-testid="event-row"][aria-selected="true"]');
  await expect(selected.locator('[data-col="ts"]')).toHaveText(new Date(first).toISOString().replace('T', ' ').replace('Z', ''));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('detail')).toHaveCount(0);
  await page.getByTestId('event-table').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail')).toBeVisible();
  await page.keyboard.press('Escape');

  const users = [...new Set(events.map((e) => e.user))].sort();
  await page.getByTestId('sort-user').click();
  await expect(page.getByTestId('event-row').first().locator('[data-col="user"]')).toHaveText(users[0]);
  await page.getByTestId('sort-user').click();
  await expect(page.getByTestId('event-row').first().locator('[data-col="user"]')).toHaveText(users[users.length - 1]);
  await page.getByTestId('sort-reset').click();
  await expect(page.getByTestId('event-row').first().locator('[data-col="ts"]')).toHaveText(new Date(times[0]).toISOString().replace('T', ' ').replace('Z', ''));

  await page.getByTestId('columns-menu').click();
  await page.getByTestId('column-verb').check();
  await page.getByTestId('column-user_agent').uncheck();
  await expect(page.locator('[data-testid="event-table"] [role="columnheader"][data-col="verb"]')).toBeVisible();
  await expect(page.locator('[data-testid="event-table"] [role="columnheader"][data-col="user_agent"]')).toHaveCount(0);
});
