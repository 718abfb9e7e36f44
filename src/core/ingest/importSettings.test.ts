import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvMappedFormat } from '../formats/csvMapped';
import { FORMATS } from '../formats/registry';
import { importFiles, type ImportOptions } from './importFiles';
import { inputFromBytes } from './input';
import { encode, newTestCase } from '../testing/helpers';
import { queryObjects } from '../query/sqlRows';

const audit = JSON.stringify({
  kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: 'a-1', stage: 'ResponseComplete', verb: 'get',
  requestURI: '/api/v1/namespaces/default/pods', user: { username: 'alice' }, sourceIPs: ['10.0.0.1'],
  objectRef: { resource: 'pods', namespace: 'default' }, requestReceivedTimestamp: '2026-11-21T10:00:00.000000Z', stageTimestamp: '2026-11-21T10:00:00.001000Z',
});
const syslog = [
  'Nov 21 10:00:00 wk-1 sshd[100]: Accepted publickey for bob from 10.0.0.9 port 50000 ssh2: ED25519 SHA256:abc',
  'Nov 21 10:00:00 wk-2 sshd[200]: Accepted publickey for bob from 10.0.0.9 port 50001 ssh2: ED25519 SHA256:abc',
].join('\n');
const utc = (ms: unknown): string => new Date(Number(ms)).toISOString();

describe('settings chosen before the import', () => {
  it('per file: cluster and node override the path, zone and year read what the lines leave out', async () => {
    const store = await newTestCase();
    await importFiles(store, [inputFromBytes('prod-eu-1/kube-apiserver/audit.log', encode(audit)), inputFromBytes('logs/auth.log', encode(syslog))], {
      files: {
        'prod-eu-1/kube-apiserver/audit.log': { cluster: 'renamed', node: 'cp-1' },
        'logs/auth.log': { cluster: 'edge', defaultOffsetMinutes: 60, year: 2025 },
      },
    });
    const rows = queryObjects(store.db, 'SELECT cluster, node, ts, ts_text FROM events ORDER BY file_id, line');
    expect(rows.map((r) => [r.cluster, r.node])).toEqual([['renamed', 'cp-1'], ['edge', 'wk-1'], ['edge', 'wk-2']]);
    expect(utc(rows[1].ts)).toBe('2025-11-21T09:00:00.000Z');
    expect(queryObjects(store.db, 'SELECT path, cluster, node FROM files ORDER BY id')).toEqual([
      { path: 'prod-eu-1/kube-apiserver/audit.log', cluster: 'renamed', node: 'cp-1' },
      { path: 'logs/auth.log', cluster: 'edge', node: null },
    ]);
  });

  it('corrects a skewed clock per file and per node, keeping the original text', async () => {
    const store = await newTestCase();
    await importFiles(store, [inputFromBytes('a/audit.log', encode(audit)), inputFromBytes('b/auth.log', encode(syslog))], {
      year: 2026,
      clockOffsetMs: { files: { 'a/audit.log': -5_000 }, nodes: { 'wk-2': 90_000 } },
    });
    const rows = queryObjects(store.db, 'SELECT node, ts, ts_text FROM events ORDER BY file_id, line');
    expect(rows.map((r) => [r.node, utc(r.ts), r.ts_text])).toEqual([
      [null, '2026-11-21T09:59:55.000Z', '2026-11-21T10:00:00.000000Z'],
      ['wk-1', '2026-11-21T10:00:00.000Z', 'Nov 21 10:00:00'],
      ['wk-2', '2026-11-21T10:01:30.000Z', 'Nov 21 10:00:00'],
    ]);
  });
});

describe('the zone of timestamps written without one', () => {
  const fixture = (path: string): Uint8Array => readFileSync(new URL(path, import.meta.url));
  // auth.log in RFC 3164 (no year, no zone) from a bastion in Frankfurt; a VPN export written in US Eastern time.
  const authLog = fixture('../formats/fixtures/auth-rfc3164.log');
  const vpnCsv = fixture('./fixtures/vpn-sessions-eastern.csv');
  const vpn = csvMappedFormat({ name: 'vpn', columns: { time: 'When', user: 'Who', src_ip: 'From', action: 'What' } });
  const JAN_2 = Date.UTC(2026, 0, 2);

  async function importZoned(options: ImportOptions, more: { path: string; bytes: Uint8Array }[] = []) {
    const store = await newTestCase();
    const inputs = [{ path: 'bastion/auth.log', bytes: authLog }, { path: 'exports/vpn.csv', bytes: vpnCsv }, ...more];
    await importFiles(store, inputs.map((f) => inputFromBytes(f.path, f.bytes, JAN_2)), { formats: [...FORMATS, vpn], ...options });
    const at = (path: string, line: number) =>
      queryObjects<{ ts: number; ts_text: string; source: string }>(store.db,
        'SELECT ts, ts_text, source FROM events JOIN files ON files.id = events.file_id WHERE files.path = ? AND line = ?', [path, line])[0];
    return { store, at };
  }

  it('per source: authlog in +01:00 and the CSV (source other) in −05:00, the text kept as written', async () => {
    const { at } = await importZoned({ offsetMinutesBySource: { authlog: 60, other: -300 } });
    expect(at('bastion/auth.log', 1)).toEqual({ ts: Date.UTC(2025, 11, 31, 22, 50, 1), ts_text: 'Dec 31 23:50:01', source: 'authlog' });
    expect(at('bastion/auth.log', 21)).toEqual({ ts: Date.UTC(2025, 11, 31, 23, 0, 5), ts_text: 'Jan  1 00:00:05', source: 'authlog' });
    expect(at('exports/vpn.csv', 2)).toEqual({ ts: Date.UTC(2026, 0, 1, 0, 20, 0), ts_text: '2025-12-31 19:20:00', source: 'other' });
    expect(at('exports/vpn.csv', 3)).toEqual({ ts: Date.UTC(2026, 0, 1, 0, 45, 10, 250), ts_text: '2025-12-31 19:45:10.250', source: 'other' });
  });

  it("a source's zone wins over the import's, a file's over its source's (UTC too), and a written zone over all", async () => {
    const pgaudit = { path: 'db/postgresql.log', bytes: fixture('../formats/fixtures/postgres-pgaudit.log') };
    const { at } = await importZoned({
      defaultOffsetMinutes: 120,
      offsetMinutesBySource: { other: -300, 'db-audit': 180 },
      files: { 'exports/vpn.csv': { defaultOffsetMinutes: 0 } },
    }, [pgaudit]);
    // authlog has no zone of its own: the import's +02:00.
    expect(at('bastion/auth.log', 1).ts).toBe(Date.UTC(2025, 11, 31, 21, 50, 1));
    expect(at('exports/vpn.csv', 2).ts).toBe(Date.UTC(2025, 11, 31, 19, 20, 0));
    expect(at('db/postgresql.log', 1)).toEqual({ ts: Date.UTC(2026, 10, 21, 12, 57, 40, 112), ts_text: '2026-11-21 12:57:40.112 UTC', source: 'db-audit' });
  });

  it('is chosen per record where one export carries several sources (OpenSearch Discover CSV)', async () => {
    const store = await newTestCase();
    const discover = (name: string) => inputFromBytes(`exports/${name}`, fixture(`../formats/fixtures/${name}`));
    await importFiles(store, [discover('opensearch-discover-kubeaudit.csv'), discover('opensearch-discover-authlog.csv')], {
      offsetMinutesBySource: { 'kube-audit': 60, authlog: -300 },
    });
    const rows = queryObjects(store.db, 'SELECT source, ts, ts_text FROM events WHERE line = 2 ORDER BY file_id');
    expect(rows).toEqual([
      { source: 'kube-audit', ts: Date.UTC(2026, 10, 21, 11, 41, 10, 180), ts_text: 'Nov 21, 2026 @ 12:41:10.180' },
      { source: 'authlog', ts: Date.UTC(2026, 10, 21, 17, 40, 30), ts_text: 'Nov 21, 2026 @ 12:40:30.000' },
    ]);
  });
});
