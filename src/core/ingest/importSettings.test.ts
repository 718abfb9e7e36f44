import { describe, expect, it } from 'vitest';
import { importFiles } from './importFiles';
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
