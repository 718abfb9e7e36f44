import type { Page } from '@playwright/test';
import { dragOverTimeRange, expect, openApp, SCREENSHOTS, test } from './helpers';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
];

async function shot(page: Page, name: string): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  await page.screenshot({ path: `${SCREENSHOTS}${name}-${width}x${height}.png` });
}

/** Marks the first row of alice's that holds `text`, with the dialog, as an analyst would. */
async function mark(page: Page, text: string, severity: string, tactic: string | null, note: string): Promise<void> {
  await page.getByTestId('event-row').filter({ hasText: text }).filter({ hasText: 'alice@corp.example' }).first().click();
  await page.getByTestId('mark-event').click();
  await page.getByTestId(`severity-${severity}`).click();
  if (tactic) await page.getByTestId('finding-dialog').getByRole('button', { name: tactic, exact: true }).click();
  await page.getByTestId('finding-note').fill(note);
  await page.getByTestId('finding-save').click();
  await expect(page.getByTestId('finding-dialog')).toHaveCount(0);
}

for (const size of SIZES) {
  test(`findings screens at ${size.width}x${size.height}`, async ({ page }) => {
    // Many screens in one test: 22-31 s on a loaded two-core runner, past the default 30 s once.
    test.setTimeout(60_000);
    await page.setViewportSize(size);
    await openApp(page);
    await page.evaluate(() => localStorage.setItem('trailhound.analyst', 'Dana (IR on call)'));
    await page.reload();
    await openApp(page);
    await page.getByTestId('open-sample').click();
    await expect(page.getByTestId('import-totals')).toBeVisible();
    await page.getByTestId('show-timeline').click();
    await expect(page.getByTestId('count-matching')).toHaveText('374');
    await dragOverTimeRange(page, Date.UTC(2026, 10, 21, 2, 0), Date.UTC(2026, 10, 21, 3, 0));
    await expect(page.getByTestId('time-chip')).toBeVisible();

    await mark(page, 'list secrets', 'medium', 'discovery', 'Enumerates secrets from 203.0.113.77, an address outside the corporate ranges; denied (403).');
    await mark(page, 'create pods', 'high', 'execution', 'kubectl exec into payments-api: a shell in a production pod.');
    await mark(page, 'create serviceaccounts', 'high', 'persistence', 'A new service account, metrics-helper, to keep access after the token is revoked.');
    // The dialog itself, before the last mark.
    await page.getByTestId('event-row').filter({ hasText: 'create clusterrolebindings' }).filter({ hasText: 'alice@corp.example' }).first().click();
    await page.getByTestId('mark-event').click();
    await page.getByTestId('severity-critical').click();
    await page.getByTestId('finding-dialog').getByRole('button', { name: 'privilege escalation', exact: true }).click();
    await page.getByTestId('finding-note').fill('Binds cluster-admin to the new service account: full control of prod-eu-1.');
    await shot(page, 'finding-dialog');
    await page.getByTestId('finding-save').click();
    await expect(page.getByTestId('finding-dialog')).toHaveCount(0);
    await page.getByTestId('event-row').filter({ hasText: 'list namespaces' }).filter({ hasText: 'alice@corp.example' }).first().click();
    await page.getByTestId('star-event').click();
    await expect(page.getByTestId('star-event')).toHaveAttribute('aria-pressed', 'true');
    await shot(page, 'timeline-marks');

    await page.getByTestId('rail-findings').click();
    await expect(page.getByTestId('finding')).toHaveCount(5);
    await shot(page, 'findings');
    await page.getByTestId('group-phase').click();
    await expect(page.getByRole('heading', { name: /privilege escalation/ })).toBeVisible();
    await shot(page, 'findings-by-phase');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('group-time').click();
    await shot(page, 'findings-light');
  });
}
