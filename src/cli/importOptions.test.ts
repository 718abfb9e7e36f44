import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, REAL_SAMPLE, REPO_ROOT, runInProcess } from './cliTestHarness';
import { parseUtcOffset, parseUtcOffsets } from './importOptions';

const temp = makeTempDir();
afterAll(() => temp.cleanup());

describe('trailhound import attribution and time options', () => {
  it('sets the cluster and node of events whose records name none', async () => {
    const casePath = join(temp.dir, 'attributed.sqlite');
    expect((await runInProcess(['import', REAL_SAMPLE, '--case', casePath, '--cluster', 'prod-eu-1', '--node', 'cp-1'])).code).toBe(0);
    const run = await runInProcess(['sql', casePath, 'SELECT cluster, node, count(*) AS n FROM events GROUP BY 1, 2', '--json']);
    expect(JSON.parse(run.stdout)).toEqual([{ cluster: 'prod-eu-1', node: 'cp-1', n: 37 }]);
  });

  it('reads year-less syslog lines in the given year and zone', async () => {
    const log = join(temp.dir, 'auth.log');
    writeFileSync(log, 'Mar  3 10:15:02 wk-1 sshd[811]: Failed password for root from 203.0.113.5 port 40022 ssh2\n');
    const casePath = join(temp.dir, 'syslog.sqlite');
    expect((await runInProcess(['import', log, '--case', casePath, '--year', '2024', '--utc-offset', '+02:00'])).code).toBe(0);
    const run = await runInProcess(['sql', casePath, "SELECT strftime('%Y-%m-%d %H:%M:%S', ts / 1000, 'unixepoch') AS utc, action, src_ip FROM events", '--json']);
    expect(JSON.parse(run.stdout)).toEqual([{ utc: '2024-03-03 08:15:02', action: 'ssh_failed', src_ip: '203.0.113.5' }]);
  });

  it("reads zone-less times per source (--utc-offset authlog=+01:00 --utc-offset other=-05:00), the whole import's zone for the rest", async () => {
    // auth.log in RFC 3164 (no zone) from Frankfurt hosts; a VPN export (CSV, source other) written in US Eastern time.
    copyFileSync(join(REPO_ROOT, 'src/core/formats/fixtures/auth-rfc3164.log'), join(temp.dir, 'auth.log'));
    copyFileSync(join(REPO_ROOT, 'src/core/ingest/fixtures/vpn-sessions-eastern.csv'), join(temp.dir, 'vpn.csv'));
    const map = join(temp.dir, 'vpn-map.json');
    writeFileSync(map, JSON.stringify({ name: 'vpn', columns: { time: 'When', user: 'Who', src_ip: 'From', action: 'What' } }));
    const firstOfEach = async (zones: string[]) => {
      const casePath = join(temp.dir, `zones-${zones.join('_').replace(/[^\w-]/g, '')}.sqlite`);
      const files = [join(temp.dir, 'auth.log'), join(temp.dir, 'vpn.csv')];
      const run = await runInProcess(['import', ...files, '--case', casePath, '--year', '2025', '--csv-map', map, ...zones.flatMap((z) => ['--utc-offset', z])]);
      // 1, not 0: the auth.log fixture keeps malformed lines as rejects.
      expect(run.code).toBe(1);
      const sql = 'SELECT source, ts, ts_text FROM events WHERE line = (SELECT min(line) FROM events e WHERE e.file_id = events.file_id) ORDER BY file_id';
      return JSON.parse((await runInProcess(['sql', casePath, sql, '--json'])).stdout) as unknown;
    };
    expect(await firstOfEach(['authlog=+01:00', 'other=-05:00'])).toEqual([
      { source: 'authlog', ts: Date.UTC(2025, 11, 31, 22, 50, 1), ts_text: 'Dec 31 23:50:01' },
      { source: 'other', ts: Date.UTC(2026, 0, 1, 0, 20, 0), ts_text: '2025-12-31 19:20:00' },
    ]);
    expect(await firstOfEach(['+02:00', 'other=-05:00'])).toEqual([
      { source: 'authlog', ts: Date.UTC(2025, 11, 31, 21, 50, 1), ts_text: 'Dec 31 23:50:01' },
      { source: 'other', ts: Date.UTC(2026, 0, 1, 0, 20, 0), ts_text: '2025-12-31 19:20:00' },
    ]);
  });

  it('refuses malformed values with a usage error', async () => {
    const malformed = [
      ['--year', '24'], ['--utc-offset', 'CEST'], ['--cluster', ' '], ['--utc-offset', 'authlog=CEST'],
      ['--utc-offset', '+01:00', '--utc-offset', 'Z'], ['--utc-offset', 'other=+01:00', '--utc-offset', 'other=-05:00'],
    ];
    for (const args of malformed) {
      const run = await runInProcess(['import', REAL_SAMPLE, '--case', join(temp.dir, 'x.sqlite'), ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('names the valid sources when --utc-offset names another', async () => {
    const run = await runInProcess(['import', REAL_SAMPLE, '--case', join(temp.dir, 'x.sqlite'), '--utc-offset', 'syslog=+01:00']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'trailhound: import: --utc-offset syslog=+01:00: unknown source "syslog" (sources: kube-audit, authlog, platform-audit, db-audit, other)\n');
  });

  it('reads CSV through a column mapping given once and saved in the case', async () => {
    const csv = join(temp.dir, 'vpn.csv');
    writeFileSync(csv, 'When,Who,From\n2026-11-21T10:00:00Z,alice,203.0.113.7\n');
    const map = join(temp.dir, 'vpn.json');
    writeFileSync(map, JSON.stringify({ name: 'vpn', columns: { time: 'When', user: 'Who', src_ip: 'From' } }));
    const casePath = join(temp.dir, 'mapped.sqlite');
    expect((await runInProcess(['import', csv, '--case', casePath, '--csv-map', map])).code).toBe(0);
    // A second file of the same shape needs no mapping any more.
    const csv2 = join(temp.dir, 'vpn2.csv');
    writeFileSync(csv2, 'When,Who,From\n2026-11-22T10:00:00Z,bob,10.0.0.9\n');
    expect((await runInProcess(['import', csv2, '--case', casePath])).code).toBe(0);
    const run = await runInProcess(['sql', casePath, 'SELECT format, source, user, src_ip FROM events ORDER BY ts', '--json']);
    expect(JSON.parse(run.stdout)).toEqual([
      { format: 'csv-mapped', source: 'other', user: 'alice', src_ip: '203.0.113.7' },
      { format: 'csv-mapped', source: 'other', user: 'bob', src_ip: '10.0.0.9' },
    ]);
    writeFileSync(map, '{"name": "broken", "columns": {}}');
    expect((await runInProcess(['import', csv, '--case', casePath, '--csv-map', map])).code).toBe(2);
  });

  it('parses zone offsets', () => {
    expect([parseUtcOffset('Z'), parseUtcOffset('+02:00'), parseUtcOffset('-0530'), parseUtcOffset('+2')]).toEqual([0, 120, -330, 120]);
    expect(parseUtcOffsets(['authlog=+01:00', '+02:00', 'db-audit=Z'])).toEqual({ defaultOffsetMinutes: 120, offsetMinutesBySource: { authlog: 60, 'db-audit': 0 } });
    expect(parseUtcOffsets([])).toEqual({});
  });
});
