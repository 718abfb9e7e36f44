import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { expect, fixture, importThroughInput, openApp, test } from './helpers';

const HEADER = 'finding_id,time_utc,source,cluster,node,user,src_ip,action,namespace,resource,name,status_code,severity,tags,note,analyst,file,line,file_sha256,audit_id';
const HOSTILE_NOTE = '=HYPERLINK("http://evil.example","x")\nsecond line, with "quotes"';

async function saveDownload(page: Page, click: () => Promise<void>): Promise<{ path: string; name: string }> {
  const downloading = page.waitForEvent('download');
  await click();
  const download = await downloading;
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return { path, name: download.suggestedFilename() };
}

/** Selects the nth row of the table and returns its event id and audit ID (from the drawer). */
async function selectRow(page: Page, n: number): Promise<{ id: string; auditId: string }> {
  const row = page.getByTestId('event-row').nth(n);
  await row.click();
  const id = (await row.getAttribute('data-event-id')) ?? '';
  await expect(page.getByTestId('detail')).toContainText(`Event ${id}`);
  const auditId = (await page.locator('[data-testid="detail-fields"] tr[data-field="audit_id"] td').innerText()).trim();
  return { id, auditId };
}

test('marks three events, exports the findings CSV, saves the case, reopens it and finds the three findings', async ({ page }) => {
  await openApp(page);
  await importThroughInput(page, [fixture('audit-basic.log'), fixture('rotated.log.gz'), fixture('webhook-batch.json')]);
  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText('61');

  // 1: from the drawer's button, high, an ATT&CK tactic, a hostile note, the analyst's name.
  const first = await selectRow(page, 0);
  await page.getByTestId('mark-event').click();
  const dialog = page.getByTestId('finding-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('severity-high').click();
  await dialog.getByRole('button', { name: 'persistence', exact: true }).click();
  await page.getByTestId('finding-note').fill(HOSTILE_NOTE);
  await page.getByTestId('finding-analyst').fill('Dana Analyst');
  await page.getByTestId('finding-save').click();
  await expect(dialog).toHaveCount(0);

  // 2: with the keyboard (M), critical, a free tag, Ctrl+Enter.
  const second = await selectRow(page, 3);
  await page.getByTestId('event-table').focus();
  await page.keyboard.press('m');
  await expect(dialog).toBeVisible();
  await page.getByTestId('severity-critical').click();
  await page.getByTestId('finding-tag-input').fill('stolen token');
  await page.getByTestId('finding-tag-input').press('Enter');
  await page.getByTestId('finding-note').fill('token used from outside');
  await page.getByTestId('finding-note').press('Control+Enter');
  await expect(dialog).toHaveCount(0);

  // 3: the default severity (medium), no note.
  const third = await selectRow(page, 7);
  await page.getByTestId('mark-event').click();
  await page.getByTestId('finding-save').click();
  await expect(dialog).toHaveCount(0);

  // The marks show in the table, colored by severity, and the filter finds them.
  await expect(page.locator(`[data-testid="event-row"][data-event-id="${first.id}"]`)).toHaveAttribute('data-severity', 'high');
  await expect(page.locator(`[data-testid="event-row"][data-event-id="${second.id}"]`)).toHaveAttribute('data-severity', 'critical');
  await expect(page.locator(`[data-testid="event-row"][data-event-id="${third.id}"]`)).toHaveAttribute('data-severity', 'medium');
  await page.getByTestId('finding-filter').click();
  await page.getByTestId('filter-has-finding').check();
  await expect(page.getByTestId('count-matching')).toHaveText('3');
  await page.getByTestId('filter-severity-critical').click();
  await expect(page.getByTestId('count-matching')).toHaveText('1');
  await page.getByTestId('filter-has-finding').uncheck();
  await expect(page.getByTestId('count-matching')).toHaveText('61');
  await page.getByTestId('finding-filter').click();

  // The Findings view: three findings in time order.
  await page.getByTestId('rail-findings').click();
  await expect(page.getByTestId('finding')).toHaveCount(3);
  await expect(page.getByTestId('findings-count')).toHaveText('3');

  // Export the findings CSV and read it back.
  const csv = await saveDownload(page, () => page.getByTestId('export-findings-csv').click());
  expect(csv.name).toMatch(/^findings-.*\.csv$/);
  const text = readFileSync(csv.path, 'utf8');
  expect(text.split('\r\n')[0]).toBe(HEADER);
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  const rows = parsed.data;
  expect(rows).toHaveLength(3);
  const byAudit = new Map(rows.map((r) => [r.audit_id, r]));
  expect(byAudit.get(first.auditId)).toMatchObject({ severity: 'high', tags: 'persistence', note: `'${HOSTILE_NOTE}`, analyst: 'Dana Analyst' });
  expect(byAudit.get(second.auditId)).toMatchObject({ severity: 'critical', tags: 'stolen token', note: 'token used from outside' });
  expect(byAudit.get(third.auditId)).toMatchObject({ severity: 'medium', tags: '', note: '' });
  for (const row of rows) {
    expect(row.time_utc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(row.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.line).toMatch(/^\d+$/);
    expect(['audit-basic.log', 'rotated.log.gz', 'webhook-batch.json']).toContain(row.file);
  }
  expect([...rows.map((r) => r.time_utc)].sort()).toEqual(rows.map((r) => r.time_utc));

  // Save the case (a download in the browser) and reopen it.
  const saved = await saveDownload(page, () => page.getByTestId('save-case').click());
  await expect(page.getByTestId('case-state')).toHaveText('saved');
  await page.reload();
  await expect(page.getByTestId('open-sample')).toBeEnabled();
  await page.getByTestId('input-case').setInputFiles(saved.path);
  await expect(page.getByTestId('count-total')).toHaveText('61');

  // The last view comes back (the Findings view), with the three findings.
  await expect(page.getByTestId('findings-view')).toBeVisible();
  await expect(page.getByTestId('finding')).toHaveCount(3);
  await expect(page.locator('[data-testid="finding"][data-severity="critical"]')).toContainText('token used from outside');
  await expect(page.locator('[data-testid="finding"][data-severity="high"] [data-testid="finding-note"]')).toHaveText(HOSTILE_NOTE);

  // Importing the exported CSV into the same case adds no duplicate.
  await page.getByTestId('input-findings-csv').setInputFiles(csv.path);
  await expect(page.getByTestId('findings-import-result')).toContainText('Imported 0 findings from 3 rows; 3 already in the case');
  await expect(page.getByTestId('finding')).toHaveCount(3);

  // The link back to the evidence opens the event in the timeline.
  await page.locator('[data-testid="finding"][data-severity="critical"] [data-testid="finding-show-event"]').click();
  await expect(page.getByTestId('detail')).toContainText(`Event ${second.id}`);
});

test('exports the filtered events as CSV, streamed, with every matching event', async ({ page }) => {
  await openApp(page);
  await importThroughInput(page, [fixture('audit-basic.log'), fixture('rotated.log.gz'), fixture('webhook-batch.json')]);
  await page.getByTestId('show-timeline').click();
  await expect(page.getByTestId('count-matching')).toHaveText('61');
  await page.getByTestId('export-events').click();
  const csv = await saveDownload(page, () => page.getByTestId('export-events-excel').click());
  const text = readFileSync(csv.path, 'utf8');
  expect(text.startsWith('\uFEFFevent_id,time_utc,')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true, newline: '\r\n' });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(62);
  // No cell a spreadsheet would run as a formula.
  for (const row of parsed.data) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
});

test('a finding on hostile log values shows them as text in the Findings view', async ({ page }) => {
  await openApp(page);
  await importThroughInput(page, [fixture('audit-basic.log')]);
  await page.getByTestId('show-timeline').click();
  const hostile = page.getByTestId('event-row').filter({ hasText: '<img src=x onerror=alert(1)>' }).first();
  await hostile.click();
  await page.getByTestId('mark-event').click();
  await page.getByTestId('finding-note').fill('<b>not bold</b> <script>alert(3)</script>');
  await page.getByTestId('finding-save').click();
  await page.getByTestId('rail-findings').click();
  await expect(page.getByTestId('finding')).toHaveCount(1);
  await expect(page.getByTestId('finding-evidence')).toContainText('mallory<b>bold</b>');
  await expect(page.getByTestId('finding-evidence')).toContainText('<script>alert(2)</script>');
  await expect(page.getByTestId('finding-note')).toHaveText('<b>not bold</b> <script>alert(3)</script>');
  await expect(page.locator('[data-testid="findings-view"] img, [data-testid="findings-view"] b, [data-testid="findings-view"] script')).toHaveCount(0);
});

test('events picked with Ctrl+click and Space become one finding', async ({ page }) => {
  await openApp(page);
  await importThroughInput(page, [fixture('audit-basic.log')]);
  await page.getByTestId('show-timeline').click();
  const rows = page.getByTestId('event-row');
  await rows.nth(1).click({ modifiers: ['ControlOrMeta'] });
  await rows.nth(2).click({ modifiers: ['ControlOrMeta'] });
  await rows.nth(4).click();
  await page.keyboard.press('Space');
  await expect(page.locator('[data-testid="event-row"].picked')).toHaveCount(3);
  await page.getByTestId('mark-picked').click();
  await expect(page.getByTestId('finding-dialog')).toContainText('Mark 3 events as a finding');
  await page.getByTestId('severity-low').click();
  await page.getByTestId('finding-save').click();
  await expect(page.locator('[data-testid="event-row"].picked')).toHaveCount(0);
  await expect(page.locator('[data-testid="event-row"][data-severity="low"]')).toHaveCount(3);
  await page.getByTestId('rail-findings').click();
  await expect(page.getByTestId('finding')).toHaveCount(1);
  await expect(page.getByTestId('finding-evidence')).toHaveCount(3);
});
