import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { addEvents, caseWithEvents, HOSTILE, seconds, T0 } from '../testing/findingsFixture';
import { listActivity } from './activityLog';
import { activityCsv, FINDINGS_CSV_HEADER, findingsCsv } from './findingsCsv';
import { importFindingsCsv } from './findingsCsvImport';
import { FindingError, listFindings, markFinding } from './findingsStore';

const parse = (text: string): string[][] => {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

describe('findings CSV', () => {
  it('writes exactly the contract header and one row per event of each finding, in time order', async () => {
    const store = await caseWithEvents(seconds(6));
    markFinding(store.db, { eventIds: [5, 6], severity: 'high', tags: ['persistence', 'privilege escalation'], note: 'two events', analyst: 'Dana' });
    markFinding(store.db, { eventIds: [1], severity: 'info' });
    const text = findingsCsv(store.db);
    expect(text.split('\r\n')[0]).toBe('finding_id,time_utc,source,cluster,node,user,src_ip,action,namespace,resource,name,status_code,severity,tags,note,analyst,file,line,file_sha256,audit_id');
    const [header, ...rows] = parse(text);
    expect(header).toEqual([...FINDINGS_CSV_HEADER]);
    expect(rows.map((r) => [r[0], r[1], r[12], r[17]])).toEqual([
      ['2', new Date(T0).toISOString(), 'info', '1'],
      ['1', '2026-11-21T02:00:04.000Z', 'high', '5'],
      ['1', '2026-11-21T02:00:05.000Z', 'high', '6'],
    ]);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[1][i]]));
    expect(row).toMatchObject({
      source: 'kube-audit', cluster: 'prod-eu-1', node: '', user: 'alice@corp.example', src_ip: '10.0.0.7', action: 'get secrets',
      namespace: 'default', resource: 'secrets', name: 'obj-4', status_code: '200', tags: 'persistence;privilege escalation',
      note: 'two events', analyst: 'Dana', file: 'prod-eu-1/audit.log', file_sha256: 'a'.repeat(64), audit_id: 'audit-prod-eu-1/audit.log-4',
    });
    // Numbers stay bare numbers; an empty value is an empty cell.
    expect(text).toContain(',200,high,');
    expect(text.split('\r\n')[1]).toMatch(/^2,2026-11-21T02:00:00\.000Z,kube-audit,prod-eu-1,,/);
  });

  it('prefixes a BOM for Excel', async () => {
    const store = await caseWithEvents(seconds(1));
    markFinding(store.db, { eventIds: [1] });
    expect(findingsCsv(store.db, { bom: true }).startsWith('\uFEFFfinding_id,')).toBe(true);
    expect(findingsCsv(store.db).startsWith('finding_id,')).toBe(true);
  });

  it('neutralizes hostile log values so that no cell starts a formula, and reads them back intact', async () => {
    const hostile = Object.values(HOSTILE);
    const store = await caseWithEvents(hostile.map((v, i) => ({ ts: T0 + i, user: v, name: v, userAgent: v })));
    markFinding(store.db, { eventIds: hostile.map((_, i) => i + 1), severity: 'critical', note: HOSTILE.newline + ' ' + HOSTILE.hyperlink, analyst: HOSTILE.atSum });
    const text = findingsCsv(store.db);
    const [, ...rows] = parse(text);
    for (const row of rows) {
      for (const cell of row) expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+\-@\t\r]/);
    }
    const users = rows.map((r) => r[5]);
    expect(users).toContain(`'${HOSTILE.hyperlink}`);
    expect(users).toContain(`'${HOSTILE.minus}`);
    expect(users).toContain(HOSTILE.emoji);
    expect(users).toContain(HOSTILE.rtl);
    expect(rows[0][15]).toBe(`'${HOSTILE.atSum}`);
    expect(rows[0][14]).toBe(HOSTILE.newline + ' ' + HOSTILE.hyperlink);

    // The same values come back from the CSV into another case holding the same events.
    const other = await caseWithEvents(hostile.map((v, i) => ({ ts: T0 + i, user: v, name: v, userAgent: v })));
    expect(importFindingsCsv(other.db, text, 'Eli', 'findings.csv')).toMatchObject({ added: 1, duplicates: 0, unmatchedRows: 0 });
    expect(listFindings(other.db)).toMatchObject([{ note: HOSTILE.newline + ' ' + HOSTILE.hyperlink, analyst: HOSTILE.atSum, severity: 'critical' }]);
  });
});

describe('findings CSV import', () => {
  it('round-trips into the same case without duplicates', async () => {
    const store = await caseWithEvents(seconds(5));
    markFinding(store.db, { eventIds: [1, 2], severity: 'high', tags: ['impact'], note: 'a' });
    markFinding(store.db, { eventIds: [4], severity: 'low' });
    const text = findingsCsv(store.db, { bom: true });
    expect(importFindingsCsv(store.db, text, 'Dana', 'f.csv')).toEqual({ rows: 3, added: 0, duplicates: 2, unmatchedRows: 0 });
    expect(listFindings(store.db)).toHaveLength(2);
  });

  it('finds events by file SHA-256 and line when they have no audit ID, and counts rows of other cases as unmatched', async () => {
    const store = await caseWithEvents(seconds(3).map((e) => ({ ...e, auditId: null })), 'node-1/auth.log', 'b'.repeat(64));
    markFinding(store.db, { eventIds: [2, 3], severity: 'medium', tags: ['credential access'], note: 'ssh brute force', analyst: 'Dana' });
    const text = findingsCsv(store.db);

    const fresh = await caseWithEvents(seconds(3).map((e) => ({ ...e, auditId: null })), 'elsewhere/auth.log', 'b'.repeat(64));
    expect(importFindingsCsv(fresh.db, text, 'Eli', 'handover.csv')).toEqual({ rows: 2, added: 1, duplicates: 0, unmatchedRows: 0 });
    expect(listFindings(fresh.db)).toMatchObject([{ eventIds: [2, 3], severity: 'medium', tags: ['credential access'], note: 'ssh brute force', analyst: 'Dana' }]);
    expect(listActivity(fresh.db).at(-1)).toMatchObject({ action: 'finding.import', actor: 'Eli', details: { source: 'handover.csv', source_finding_id: '1' } });

    const unrelated = await caseWithEvents(seconds(3), 'x.log', 'c'.repeat(64));
    expect(importFindingsCsv(unrelated.db, text, 'Eli', 'handover.csv')).toEqual({ rows: 2, added: 0, duplicates: 0, unmatchedRows: 2 });
  });

  it('refuses a CSV without the exact header, or with a bad severity, adding nothing', async () => {
    const store = await caseWithEvents(seconds(2));
    expect(() => importFindingsCsv(store.db, 'a,b\r\n1,2\r\n', null, 'x.csv')).toThrow(FindingError);
    const good = FINDINGS_CSV_HEADER.join(',');
    const row = (severity: string): string => `1,${new Date(T0).toISOString()},kube-audit,,,,,,,,,,${severity},,,,prod-eu-1/audit.log,1,${'a'.repeat(64)},`;
    expect(() => importFindingsCsv(store.db, `${good}\r\n${row('high')}\r\n${row('urgent')}\r\n`, null, 'x.csv')).toThrow(/unknown severity 'urgent'/);
    expect(() => importFindingsCsv(store.db, `${good}\r\n1,2\r\n`, null, 'x.csv')).toThrow(/row 2 has 2 cells/);
    expect(listFindings(store.db)).toEqual([]);
    expect(importFindingsCsv(store.db, `${good}\n${row('high')}\n`, null, 'unix.csv')).toMatchObject({ added: 1 });
  });

  it('keeps findings of several files apart', async () => {
    const store = await caseWithEvents(seconds(2));
    await addEvents(store, seconds(2), 'prod-us-1/audit.log', 'd'.repeat(64));
    markFinding(store.db, { eventIds: [1, 3] });
    const other = await caseWithEvents(seconds(2));
    await addEvents(other, seconds(2), 'prod-us-1/audit.log', 'd'.repeat(64));
    expect(importFindingsCsv(other.db, findingsCsv(store.db), null, 'x.csv')).toMatchObject({ added: 1 });
    expect(listFindings(other.db)[0].eventIds.sort()).toEqual([1, 3]);
  });
});

describe('activity CSV', () => {
  it('lists every logged change with its actor and Trailhound version', async () => {
    const store = await caseWithEvents(seconds(2));
    markFinding(store.db, { eventIds: [1], analyst: '=Dana' }, Date.UTC(2026, 10, 21, 3));
    const [header, row] = parse(activityCsv(store.db));
    expect(header).toEqual(['time_utc', 'actor', 'action', 'details', 'app_version']);
    expect(row.slice(0, 3)).toEqual(['2026-11-21T03:00:00.000Z', "'=Dana", 'finding.mark']);
  });
});
