import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, REAL_SAMPLE, runInProcess } from './cliTestHarness';
import { parseUtcOffset } from './importOptions';

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

  it('refuses malformed values with a usage error', async () => {
    for (const args of [['--year', '24'], ['--utc-offset', 'CEST'], ['--cluster', ' ']]) {
      const run = await runInProcess(['import', REAL_SAMPLE, '--case', join(temp.dir, 'x.sqlite'), ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
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
  });
});
