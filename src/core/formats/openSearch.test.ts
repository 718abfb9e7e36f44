import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queryObjects } from '../query/sqlRows';
import { importFixtureBytes } from './fixtureImport';

/** Imports ./fixtures/<name> as `path` and checks that every line is an event, a merge, a reject or a blank, once. */
async function importFixture(path: string, name: string, defaultOffsetMinutes = 0) {
  const imported = await importFixtureBytes(path, readFileSync(new URL(`./fixtures/${name}`, import.meta.url)), { defaultOffsetMinutes });
  const { file, storedLines } = imported;
  expect(file.lines).toBe(file.events + file.merged + file.rejected + file.blank);
  expect(storedLines).toEqual({ events: file.events, rejects: file.rejected });
  return imported;
}

describe('OpenSearch hits as NDJSON (kubeaudit and authlog indices)', async () => {
  const { store, file, at, rejects } = await importFixture('exports/opensearch-hits.ndjson', 'opensearch-hits.ndjson');

  it('is recognized and every line accounted for', () => {
    expect(file).toMatchObject({ format: 'opensearch-hits-ndjson', status: 'complete', lines: 8, events: 5, rejected: 2, blank: 1, merged: 0 });
    expect(rejects()).toEqual([
      { line: 7, reason: 'document of index kubernetes-default-2026.11.21-000009 is neither a Kubernetes audit event nor an authlog record' },
      { line: 8, reason: expect.stringMatching(/^invalid JSON/) },
    ]);
  });

  it('reads a Compliant Kubernetes kubeaudit document, cluster from cluster.name, index and id in details', () => {
    expect(at(1)).toMatchObject({
      source: 'kube-audit', format: 'opensearch-hits-ndjson', cluster: 'prod-eu-1', ts: Date.UTC(2026, 10, 21, 12, 40, 1, 2),
      ts_text: '2026-11-21T12:40:01.002003Z', user: 'dev-bob@example.com', groups: '["developers","system:authenticated"]',
      verb: 'get', resource: 'secrets', namespace: 'payments', name: 'db-creds', status_code: 200, duration_ms: null,
      action: 'get secrets', audit_id: 'c0000001-0000-4000-8000-000000000001',
    });
    expect(JSON.parse(at(1).details as string)).toEqual({ index: 'kubeaudit-default-2026.11.21-000003', id: 'kA1nPZMBx2-3ydqFvE0a' });
    expect(at(2)).toMatchObject({ verb: 'patch', api_group: 'apps', resource: 'deployments', action: 'patch deployments' });
  });

  it('classifies authlog documents like syslog lines, node from host', () => {
    const rows = queryObjects<{ line: number; source: string; node: string; user: string; action: string; src_ip: string | null }>(
      store.db, "SELECT line, source, node, user, action, src_ip FROM events WHERE source = 'authlog' ORDER BY line");
    expect(rows).toEqual([
      { line: 3, source: 'authlog', node: 'wk-1', user: 'admin', action: 'ssh_failed', src_ip: '5.6.7.8' },
      { line: 5, source: 'authlog', node: 'wk-1', user: 'dev-bob', action: 'ssh_accepted', src_ip: '10.64.3.17' },
      { line: 6, source: 'authlog', node: 'wk-1', user: 'dev-bob', action: 'sudo_command', src_ip: null },
    ]);
    expect(JSON.parse(at(3).details as string)).toEqual({
      program: 'sshd', pid: 2211, index: 'authlog-default-2026.11.21-000001', id: 'aU2nPZMBx2-3ydqFwF1c', method: 'password', invalid_user: true, protocol: 'ssh2',
    });
    expect(at(3)).toMatchObject({ cluster: 'prod-eu-1', ts_text: '2026-11-21T12:39:58.000000000+00:00', message: 'Failed password for invalid user admin from 5.6.7.8 port 4444 ssh2' });
  });
});

describe('OpenSearch _search response', async () => {
  const { file, at } = await importFixture('exports/search-response.json', 'opensearch-search-response.json');

  it('counts one record per hit', () => {
    expect(file).toMatchObject({ format: 'opensearch-search-response', lines: 3, events: 3, rejected: 0 });
    expect(at(1)).toMatchObject({ source: 'kube-audit', action: 'patch deployments', cluster: 'prod-eu-1' });
    expect(at(2)).toMatchObject({ source: 'authlog', action: 'ssh_accepted' });
  });
});

describe('Discover CSV exports', async () => {
  const audit = await importFixture('exports/discover-kubeaudit.csv', 'opensearch-discover-kubeaudit.csv', 60);
  const authlog = await importFixture('exports/discover-authlog.csv', 'opensearch-discover-authlog.csv', 60);

  it('reads kubeaudit columns, times in the zone set for the source, the written time kept', () => {
    expect(audit.file).toMatchObject({ format: 'opensearch-discover-csv', lines: 5, events: 3, blank: 1, rejected: 1 });
    expect(audit.rejects()).toEqual([{ line: 6, reason: 'row has 3 cells, the header 13' }]);
    expect(audit.at(2)).toMatchObject({
      source: 'kube-audit', ts: Date.UTC(2026, 10, 21, 11, 41, 10, 180), ts_text: 'Nov 21, 2026 @ 12:41:10.180', cluster: 'prod-eu-1',
      user: 'dev-bob@example.com', verb: 'patch', resource: 'deployments', namespace: 'payments', name: 'api', decision: 'allow', action: 'patch deployments',
    });
    expect(audit.at(3)).toMatchObject({ src_ip: '10.64.3.17', src_ips: '["10.64.3.17","10.64.0.1"]', name: 'db-creds' });
    expect(audit.at(4)).toMatchObject({ user: 'system:anonymous', namespace: null, name: null, status_code: 403, decision: 'forbid', action: 'list secrets' });
  });

  it('reads authlog columns, a quoted message over two lines as one row', () => {
    expect(authlog.file).toMatchObject({ format: 'opensearch-discover-csv', lines: 4, events: 4, rejected: 0 });
    expect(authlog.at(2)).toMatchObject({ source: 'authlog', node: 'wk-1', user: 'dev-bob', action: 'sudo_command', ts: Date.UTC(2026, 10, 21, 11, 40, 30) });
    expect(JSON.parse(authlog.at(3).details as string)).toMatchObject({ program: 'sshd', pid: 2215, method: 'publickey' });
    expect(authlog.at(5)).toMatchObject({ node: 'wk-2', action: 'other', message: 'error: kex_exchange_identification: read: Connection reset by peer\nConnection reset by 5.6.7.8 port 4410' });
  });
});
