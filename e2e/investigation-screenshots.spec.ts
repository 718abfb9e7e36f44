import type { Page } from '@playwright/test';
import { expect, openApp, SCREENSHOTS, test } from './helpers';
import { importInvestigationCase } from './investigationCase';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
];

async function shot(page: Page, name: string): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  await page.screenshot({ path: `${SCREENSHOTS}${name}-${width}x${height}.png` });
}

for (const size of SIZES) {
  test(`investigation screens at ${size.width}x${size.height}`, async ({ page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(size);
    await openApp(page);
    await importInvestigationCase(page, test.info().outputPath('evidence'));

    await page.getByTestId('stack-lanes').click();
    await shot(page, 'timeline-lanes');

    await page.getByTestId('rail-users').click();
    await expect(page.getByTestId('user-row').first()).toBeVisible();
    await shot(page, 'users');

    await page.locator('[data-testid="user-row"][data-user="alice@corp.example"] [data-testid="pill"]').click({ modifiers: ['ControlOrMeta'] });
    await expect(page.getByTestId('user-page')).toBeVisible();
    await expect(page.locator('[data-testid="user-ip"][data-new="true"]')).toHaveCount(1);
    await shot(page, 'user-page');

    await page.getByTestId('rail-ips').click();
    await expect(page.getByTestId('ip-row').first()).toBeVisible();
    await shot(page, 'ips');
    await page.locator('[data-testid="ip-row"][data-ip="203.0.113.77"] [data-testid="pill"]').first().click({ modifiers: ['ControlOrMeta'] });
    await expect(page.getByTestId('ip-page')).toBeVisible();
    await shot(page, 'ip-page');

    await page.getByTestId('rail-clusters').click();
    await expect(page.getByTestId('cluster-row').first()).toBeVisible();
    await shot(page, 'clusters');
    await page.emulateMedia({ colorScheme: 'light' });
    await shot(page, 'clusters-light');
    await page.getByTestId('rail-users').click();
    await page.locator('[data-testid="user-row"][data-user="alice@corp.example"] [data-testid="pill"]').click({ modifiers: ['ControlOrMeta'] });
    await expect(page.getByTestId('user-page')).toBeVisible();
    await shot(page, 'user-page-light');
    await page.emulateMedia({ colorScheme: 'dark' });

    await page.getByTestId('rail-sql').click();
    await page.getByTestId('sql-run').click();
    await expect(page.getByTestId('sql-row').first()).toBeVisible();
    await shot(page, 'sql');

    await page.getByTestId('rail-timeline').click();
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('pay');
    await expect(page.getByTestId('palette-item').first()).toBeVisible();
    await shot(page, 'palette');
    await page.keyboard.press('Escape');

    await page.locator('[data-testid="event-row"] [data-col="user"] [data-testid="pill"]').first().click({ button: 'right' });
    await expect(page.getByTestId('pill-menu')).toBeVisible();
    await shot(page, 'pill-menu');
    await page.getByTestId('menu-exclude').click();
    await expect(page.getByTestId('filter-chip')).toHaveCount(1);
    await shot(page, 'timeline-filtered');
  });
}
