import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queryObjects } from '../query/sqlRows';
import { importFixtureBytes } from './fixtureImport';
import { kubectlCommandAction } from './kubectlCommand';

/** Imports ./fixtures/<name> as `path` and checks that every line is an event, a merge, a reject or a blank, once. */
async function importFixture(path: string, name: string) {
  const imported = await importFixtureBytes(path, readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
  const { file, storedLines } = imported;
  expect(file.lines).toBe(file.events + file.merged + file.rejected + file.blank);
  expect(storedLines).toEqual({ events: file.events, rejects: file.rejected });
  return imported;
}

describe('Paralus relay API audit records', async () => {
  const { store, file, at, rejects } = await importFixture('paralus/relay-audit.jsonl', 'paralus-relay-audit.jsonl');

  it('is recognized and every line accounted for', () => {
    expect(file).toMatchObject({ format: 'paralus-audit-json', lines: 8, events: 6, rejected: 1, blank: 1, merged: 0 });
    expect(rejects()[0]).toMatchObject({ line: 8, reason: expect.stringMatching(/^invalid JSON/) });
  });

  it('reads the short keys: verb from method and path, duration from seconds', () => {
    const rows = queryObjects<{ line: number; action: string; verb: string; name: string | null; status_code: number; duration_ms: number }>(
      store.db, 'SELECT line, action, verb, name, status_code, duration_ms FROM events ORDER BY line');
    expect(rows).toEqual([
      { line: 1, action: 'list secrets', verb: 'list', name: null, status_code: 200, duration_ms: 31 },
      { line: 2, action: 'get secrets', verb: 'get', name: 'db-creds', status_code: 200, duration_ms: 12 },
      { line: 3, action: 'create pods/exec', verb: 'create', name: 'api-7d9f', status_code: 101, duration_ms: 312500 },
      { line: 5, action: 'delete deployments', verb: 'delete', name: 'api', status_code: 200, duration_ms: 44 },
      { line: 6, action: 'watch pods', verb: 'watch', name: null, status_code: 200, duration_ms: 1800000.211 },
      { line: 7, action: 'create clusterrolebindings', verb: 'create', name: null, status_code: 403, duration_ms: 4 },
    ]);
    expect(at(3)).toMatchObject({
      source: 'platform-audit', cluster: 'prod-eu-1', user: 'mallory@example.com', src_ip: '203.0.113.9', namespace: 'payments',
      request_uri: '/api/v1/namespaces/payments/pods/api-7d9f/exec?command=sh&container=api&stdin=true&stdout=true&tty=true', audit_id: 'ct1a2b3c4d5e6f7g8h9k',
    });
    expect(JSON.parse(at(3).details as string)).toMatchObject({ kind: 'pod', method: 'POST', session_type: 'kubeconfig', project: 'payments-team' });
    expect(at(7)).toMatchObject({ api_group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', namespace: null });
  });
});

describe('Paralus core events (system and kubectl commands)', async () => {
  const { file, at, rejects } = await importFixture('paralus/audit.log', 'paralus-core-audit.log');

  it('reads events of both paths, rejects the service log line', () => {
    expect(file).toMatchObject({ format: 'paralus-audit-json', lines: 6, events: 5, rejected: 1 });
    expect(rejects()[0].line).toBe(6);
  });

  it('maps actor, client and detail; the event type or the kubectl command as action', () => {
    expect(at(1)).toMatchObject({
      source: 'platform-audit', user: 'admin@paralus.local', groups: '["All Local Users","Organization Admins"]', src_ip: '10.0.0.147', src_port: 47204,
      action: 'user.create.success', message: 'User mallory@example.com created', cluster: null,
    });
    expect(at(3)).toMatchObject({
      ts: Date.UTC(2026, 10, 21, 12, 57, 58, 854), ts_text: '2026-11-21T13:57:58.854455438+0100', user: 'mallory@example.com', user_agent: null,
      cluster: 'prod-eu-1', namespace: 'payments', action: 'kubectl get secrets', message: 'kubectl get secrets -n payments -o yaml',
    });
    expect(at(4)).toMatchObject({ action: 'kubectl exec', namespace: 'payments' });
    expect(JSON.parse(at(5).details as string)).toMatchObject({ type: 'cluster.delete.success', project: 'payments-team', client_type: 'BROWSER', meta: { cluster_name: 'prod-eu-1' } });
  });
});

describe('Rafay / Paralus kubectl audit CSV export', async () => {
  const { file, at, rejects } = await importFixture('rafay/kubectl-audit.csv', 'rafay-kubectl-audit.csv');

  it('reads one record per row, a Details cell over two lines included', () => {
    expect(file).toMatchObject({ format: 'platform-kubectl-csv', lines: 7, events: 5, blank: 1, rejected: 1 });
    expect(rejects()).toEqual([{ line: 9, reason: 'unreadable Date "21/11/2026 13:05"' }]);
  });

  it('maps Method to a verb, Details to status and duration', () => {
    expect(at(2)).toMatchObject({
      source: 'platform-audit', ts: Date.UTC(2026, 10, 21, 12, 57, 58, 371), user: 'alice@example.com', cluster: 'prod-eu-1', namespace: 'payments',
      verb: 'list', resource: 'secrets', status_code: 200, duration_ms: 31, action: 'list secrets',
    });
    expect(JSON.parse(at(2).details as string)).toEqual({ kind: 'secret', method: 'GET', access_method: 'Browser Shell' });
    expect(at(4)).toMatchObject({ verb: 'create', subresource: 'exec', status_code: 101, duration_ms: 312500, action: 'create pods/exec' });
    expect(at(5)).toMatchObject({ verb: 'delete', api_group: 'apps', name: 'api', duration_ms: 44, message: 'DELETE /apis/apps/v1/namespaces/payments/deployments/api status 200\nDuration: 44ms' });
    expect(at(8)).toMatchObject({ namespace: null, status_code: 403, action: 'create clusterrolebindings' });
  });
});

describe('kubectl command actions', () => {
  it.each([
    ['kubectl get pods -n prod -o wide', 'kubectl get pods', 'prod'],
    ['kubectl -n prod get deploy/web', 'kubectl get deploy', 'prod'],
    ['kubectl --namespace=kube-system delete secret db-creds', 'kubectl delete secret', 'kube-system'],
    ['kubectl exec -it web-0 -c app -- sh -c "cat /etc/passwd"', 'kubectl exec', null],
    ['kubectl rollout restart deployment/web', 'kubectl rollout restart deployment', null],
    ['kubectl auth can-i --list', 'kubectl auth can-i', null],
    ['kubectl create clusterrolebinding pwn --clusterrole=cluster-admin --user=mallory', 'kubectl create clusterrolebinding', null],
    ['kubectl', 'kubectl', null],
  ])('%s → %s', (command, action, namespace) => {
    expect(kubectlCommandAction(command)).toEqual({ action, namespace });
  });

  it('is null for what is not a kubectl command', () => {
    expect(kubectlCommandAction('helm list -A')).toBeNull();
  });
});
