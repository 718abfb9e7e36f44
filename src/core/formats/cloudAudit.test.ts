import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queryObjects } from '../query/sqlRows';
import { importFixtureBytes, type EventRow } from './fixtureImport';

/** Imports ./fixtures/<name> as `path` and checks that every line is an event, a merge, a reject or a blank, once. */
async function importFixture(path: string, name = path.slice(path.lastIndexOf('/') + 1)) {
  const imported = await importFixtureBytes(path, readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
  const { file, storedLines } = imported;
  expect(file.lines).toBe(file.events + file.merged + file.rejected + file.blank);
  expect(storedLines).toEqual({ events: file.events, rejects: file.rejected });
  return imported;
}

describe('EKS audit log exported from CloudWatch (JSON lines)', async () => {
  const { file, at, rejects } = await importFixture('case-7/eks/eks-cloudwatch-audit.jsonl');

  it('is recognized and every line accounted for', () => {
    expect(file).toMatchObject({ format: 'eks-cloudwatch-json', status: 'complete', lines: 7, events: 3, merged: 1, rejected: 2, blank: 1 });
    expect(rejects()).toEqual([
      { line: 2, reason: 'CloudWatch log stream authenticator-7c1f0e2d9b8a4c3d5e6f708192a3b4c5 is not a kube-apiserver-audit stream' },
      { line: 7, reason: expect.stringMatching(/^invalid JSON/) },
    ]);
  });

  it('reads the audit event inside message, with the CloudWatch stream in details', () => {
    expect(at(1)).toMatchObject({
      source: 'kube-audit', format: 'eks-cloudwatch-json', cluster: null, ts: Date.UTC(2026, 10, 21, 10, 2, 11, 104), ts_text: '2026-11-21T10:02:11.104219Z',
      user: 'arn:aws:sts::111122223333:assumed-role/eks-admin/alice', verb: 'get', resource: 'configmaps', namespace: 'kube-system', name: 'aws-auth',
      status_code: 200, decision: 'allow', duration_ms: 5.293, action: 'get configmaps', audit_id: 'e0000001-0000-4000-8000-000000000001',
    });
    expect(JSON.parse(at(1).details as string)).toEqual({ log_stream: 'kube-apiserver-audit-7c1f0e2d9b8a4c3d5e6f708192a3b4c5', event_id: '37945321098765432101234567890123456789012345678901234567' });
    expect(at(5)).toMatchObject({ user: 'system:anonymous', src_ip: '198.51.100.23', status_code: 403, decision: 'forbid', action: 'list secrets' });
  });
});

describe('EKS filter-log-events document', async () => {
  const { file, at } = await importFixture('case-7/prod-us-1/kube-apiserver/filter-log-events.json', 'eks-filter-log-events.json');

  it('counts one record per log event, the scheduler line rejected', () => {
    expect(file).toMatchObject({ format: 'eks-cloudwatch-events', lines: 3, events: 2, rejected: 1, blank: 0, merged: 0 });
  });

  it('takes the cluster from the path when the events do not name their log group', () => {
    expect(at(2)).toMatchObject({ cluster: 'prod-us-1', verb: 'patch', action: 'patch configmaps', request_uri: '/api/v1/namespaces/kube-system/configmaps/aws-auth?fieldManager=kubectl-edit' });
  });
});

describe('AKS kube-audit diagnostic logs', async () => {
  const lines = await importFixture('resourceId=AKS/y=2026/m=11/d=21/h=11/m=00/PT1H.json', 'aks-kube-audit.jsonl');
  const records = await importFixture('eventhub/aks-records.json', 'aks-records.json');

  it('reads kube-audit and kube-audit-admin, rejects other categories and broken events', () => {
    expect(lines.file).toMatchObject({ format: 'aks-diagnostic-json', lines: 4, events: 2, rejected: 2, blank: 0 });
    expect(lines.rejects().map((r) => r.reason)).toEqual([
      'AKS diagnostic record of category kube-apiserver, not kube-audit',
      expect.stringMatching(/^AKS properties\.log: invalid JSON/),
    ]);
  });

  it('takes the cluster from the resource ID and keeps the category', () => {
    expect(lines.at(1)).toMatchObject({
      cluster: 'AKS-PROD-WEU', user: 'mallory@contoso.com', verb: 'create', resource: 'pods', subresource: 'exec', name: 'api-7d9f',
      status_code: 101, duration_ms: 150000, action: 'create pods/exec',
    });
    expect(JSON.parse(lines.at(3).details as string)).toMatchObject({ category: 'kube-audit-admin', pod: 'kube-apiserver-6d8f9c7b5-x2k4p' });
    expect(lines.at(3)).toMatchObject({ api_group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', name: 'ops-debug', action: 'create clusterrolebindings' });
  });

  it('reads the {"records": [...]} form the same way', () => {
    expect(records.file).toMatchObject({ format: 'aks-diagnostic-records', lines: 2, events: 2, rejected: 0 });
    expect(records.at(1)).toMatchObject({ cluster: 'AKS-PROD-WEU', action: 'create pods/exec' });
  });
});

describe('GKE Cloud Audit Logs', async () => {
  const sink = await importFixture('gcs-sink/cloudaudit.googleapis.com/data_access/2026/11/21/11:00:00_11:59:59_S0.json', 'gke-audit.jsonl');
  const array = await importFixture('gcloud/gke-audit.json', 'gke-audit-array.json');

  it('reads k8s.io entries and rejects other services', () => {
    expect(sink.file).toMatchObject({ format: 'gke-audit-json', lines: 4, events: 3, rejected: 1 });
    expect(sink.rejects()[0]).toEqual({ line: 4, reason: 'Cloud Audit Log entry of service compute.googleapis.com, not k8s.io' });
  });

  it('maps methodName, resourceName, callerIp and the status', () => {
    const rows = queryObjects<EventRow>(sink.store.db, 'SELECT * FROM events ORDER BY line');
    expect(rows.map((r) => [r.action, r.namespace, r.name, r.status_code, r.decision])).toEqual([
      ['list secrets', 'payments', null, 200, 'allow'],
      ['get secrets', 'kube-system', 'cloud-sa', 403, 'forbid'],
      ['create clusterrolebindings', null, 'backdoor', 200, 'allow'],
    ]);
    expect(sink.at(2)).toMatchObject({
      cluster: 'gke-prod-ew1', user: 'mallory@example.com', src_ip: '198.51.100.23', user_agent: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46',
      ts_text: '2026-11-21T11:59:20.000001Z', message: 'PERMISSION_DENIED', audit_id: '6f1b0d2e-3c4a-4b5d-8e6f-7a8b9c0d1e22',
    });
  });

  it('reads the gcloud array, one record per entry', () => {
    expect(array.file).toMatchObject({ format: 'gke-audit-array', lines: 3, events: 3, rejected: 0 });
    expect(array.at(1)).toMatchObject({ action: 'create clusterrolebindings', api_group: 'rbac.authorization.k8s.io' });
  });
});
