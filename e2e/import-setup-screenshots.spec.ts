import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, fileRow, openApp, SCREENSHOTS, test } from './helpers';
import { lines, PROD_AUDIT, STAGING_AUDIT, supportBundle, WK1_AUTH } from './importFixtures';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
];

async function shot(page: Page, name: string): Promise<void> {
  const { width, height } = page.viewportSize() ?? { width: 0, height: 0 };
  await page.screenshot({ path: `${SCREENSHOTS}${name}-${width}x${height}.png` });
}

/** A dropped evidence folder as an analyst gets it: clusters, nodes, a bundle, a CSV export. */
function evidenceFolder(root: string): void {
  const files: [string, Buffer][] = [
    ['prod-eu-1/kube-apiserver/audit.log', PROD_AUDIT],
    ['prod-eu-1/nodes/wk-1/auth.log', WK1_AUTH],
    ['prod-eu-1/nodes/wk-2/auth.log', WK1_AUTH],
    ['staging/kube-apiserver/audit.log', STAGING_AUDIT],
    ['collected/support-bundle-2026-03-15.tar.gz', supportBundle()],
    ['exports/vpn-logins-march.tsv', lines('event_ts\tlogin\tremote\tresult\tgateway', '2026-03-14T08:00:00Z\tdave\t203.0.113.7\tlogin_ok\tgw-1')],
  ];
  for (const [path, bytes] of files) {
    mkdirSync(dirname(`${root}/${path}`), { recursive: true });
    writeFileSync(`${root}/${path}`, bytes);
  }
}

for (const size of SIZES) {
  test(`import review and column mapping at ${size.width}x${size.height}`, async ({ page }) => {
    const root = test.info().outputPath('evidence');
    evidenceFolder(root);
    await page.setViewportSize(size);
    await openApp(page);
    await page.getByTestId('review-before-import').check();
    await shot(page, 'start-review-toggle');
    await page.getByTestId('input-folder').setInputFiles(root);
    await expect(page.getByTestId('review-row')).toHaveCount(6);
    await page.locator('[data-testid="review-row"][data-path="evidence/staging/kube-apiserver/audit.log"] [data-field="clock"]').fill('-42');
    await shot(page, 'import-review');
    await page.emulateMedia({ colorScheme: 'light' });
    await shot(page, 'import-review-light');
    await page.emulateMedia({ colorScheme: 'dark' });

    await page.getByTestId('review-import').click();
    await expect(page.getByTestId('import-totals')).toBeVisible();
    await shot(page, 'import-summary-map-columns');
    await fileRow(page, 'evidence/exports/vpn-logins-march.tsv').getByTestId('map-columns').click();
    await expect(page.getByTestId('csv-mapping-dialog')).toBeVisible();
    await shot(page, 'csv-mapping-dialog');
    await page.emulateMedia({ colorScheme: 'light' });
    await shot(page, 'csv-mapping-dialog-light');
  });
}
