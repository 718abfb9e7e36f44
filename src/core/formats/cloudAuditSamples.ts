import type { DocumentSample, FormatSample } from './types';

// Sample records of the EKS and AKS audit formats, checked by formatSamples.test.ts and
// documentSamples.test.ts (cluster `sample` from the path). The wrappers are written as the
// clouds write them; the audit events inside are serialized with JSON.stringify, as the clouds do.

/** An audit.k8s.io/v1 event as kube-apiserver writes it (Metadata level), with fields to vary. */
export function sampleAuditEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata',
    auditID: '5f2c7a0e-1b3d-4c5e-9f7a-2b8c0d1e3f4a', stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/payments/secrets?limit=500', verb: 'list',
    user: { username: 'alice', groups: ['system:authenticated'] },
    sourceIPs: ['203.0.113.7'], userAgent: 'kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46',
    objectRef: { resource: 'secrets', namespace: 'payments', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: '2026-11-21T11:57:58.371234Z', stageTimestamp: '2026-11-21T11:57:58.389876Z',
    annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "ops-admin" of ClusterRole "cluster-admin" to User "alice"' },
    ...over,
  };
}

const EVENT = sampleAuditEvent();
const EVENT_2 = sampleAuditEvent({
  auditID: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', requestURI: '/api/v1/namespaces/payments/pods/api-7d9f/exec?command=sh&stdin=true&tty=true',
  verb: 'create', objectRef: { resource: 'pods', subresource: 'exec', namespace: 'payments', name: 'api-7d9f', apiVersion: 'v1' },
  responseStatus: { metadata: {}, code: 101 },
  requestReceivedTimestamp: '2026-11-21T11:58:04.100000Z', stageTimestamp: '2026-11-21T11:58:09.600000Z',
});

const AUDIT_COLUMNS = {
  ts: Date.UTC(2026, 10, 21, 11, 57, 58, 371), tsText: '2026-11-21T11:57:58.371234Z', source: 'kube-audit',
  user: 'alice', srcIp: '203.0.113.7', verb: 'list', resource: 'secrets', namespace: 'payments', statusCode: 200,
  decision: 'allow', auditId: '5f2c7a0e-1b3d-4c5e-9f7a-2b8c0d1e3f4a', action: 'list secrets', durationMs: 18.642,
} as const;

const STREAM = 'kube-apiserver-audit-0f1e2d3c4b5a69788796a5b4c3d2e1f0';

export const EKS_SAMPLES: readonly FormatSample[] = [
  {
    // `aws logs filter-log-events ... | jq -c '.events[]'`
    input: JSON.stringify({ logStreamName: STREAM, timestamp: 1795262278371, message: JSON.stringify(EVENT), ingestionTime: 1795262279012, eventId: '37941234567890123456789012345678901234567890123456789012' }),
    expect: { ...AUDIT_COLUMNS, format: 'eks-cloudwatch-json', cluster: 'sample', details: `{"log_stream":"${STREAM}","event_id":"37941234567890123456789012345678901234567890123456789012"}` },
  },
  {
    // with the log group, the record names its cluster
    input: JSON.stringify({ logGroup: '/aws/eks/prod-us-1/cluster', logStream: STREAM, timestamp: 1795262284100, message: JSON.stringify(EVENT_2) }),
    expect: { cluster: 'prod-us-1', verb: 'create', resource: 'pods', subresource: 'exec', name: 'api-7d9f', statusCode: 101, action: 'create pods/exec', durationMs: 5500 },
  },
  {
    // an S3 export task line: `<time> <message>`
    input: `2026-11-21T11:57:58.389Z ${JSON.stringify(EVENT)}`,
    expect: { ...AUDIT_COLUMNS, cluster: 'sample', details: null },
  },
  { input: JSON.stringify({ logStreamName: 'authenticator-0f1e2d3c4b5a6978', timestamp: 1795262278371, message: 'time="2026-11-21T11:57:58Z" level=info msg="access granted"' }), expect: { reject: true } },
  { input: JSON.stringify({ logStreamName: STREAM, timestamp: 1795262278371, message: '{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":' }), expect: { reject: true } },
];

export const EKS_DOCUMENT_SAMPLES: readonly DocumentSample[] = [
  {
    input: JSON.stringify({
      events: [
        { logStreamName: STREAM, timestamp: 1795262278371, message: JSON.stringify(EVENT), ingestionTime: 1795262279012, eventId: '1' },
        { logStreamName: 'kube-scheduler-0f1e2d3c4b5a6978', timestamp: 1795262278400, message: 'I1121 11:57:58.400000 10 schedule_one.go:252] "Successfully bound pod"', eventId: '2' },
      ],
      searchedLogStreams: [],
    }, null, 2),
    expect: [{ ...AUDIT_COLUMNS, format: 'eks-cloudwatch-events', cluster: 'sample' }, { reject: true }],
  },
  {
    // a Logs Insights export: @-prefixed fields, the account before the log group
    input: JSON.stringify([{ '@timestamp': '2026-11-21 11:57:58.371', '@message': JSON.stringify(EVENT), '@logStream': STREAM, '@log': '111122223333:/aws/eks/prod-us-1/cluster' }]),
    expect: [{ ...AUDIT_COLUMNS, cluster: 'prod-us-1' }],
  },
];

const AKS_RESOURCE = '/SUBSCRIPTIONS/0B1C2D3E-4F50-6172-8394-A5B6C7D8E9F0/RESOURCEGROUPS/RG-PROD/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/AKS-PROD-WEU';
const aksRecord = (category: string, log: string): Record<string, unknown> => ({
  time: '2026-11-21T11:57:58.3900000Z', resourceId: AKS_RESOURCE, category,
  operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
  properties: { log, stream: 'stdout', pod: 'kube-apiserver-6d8f9c7b5-x2k4p' },
});

export const AKS_SAMPLES: readonly FormatSample[] = [
  {
    input: JSON.stringify(aksRecord('kube-audit', JSON.stringify(EVENT))),
    expect: {
      ...AUDIT_COLUMNS, format: 'aks-diagnostic-json', cluster: 'AKS-PROD-WEU',
      details: `{"category":"kube-audit","resource_id":"${AKS_RESOURCE}","pod":"kube-apiserver-6d8f9c7b5-x2k4p"}`,
    },
  },
  { input: JSON.stringify(aksRecord('kube-audit-admin', JSON.stringify(EVENT_2))), expect: { action: 'create pods/exec', cluster: 'AKS-PROD-WEU' } },
  { input: JSON.stringify(aksRecord('kube-apiserver', 'I1121 11:57:58.390000       1 trace.go:236] Trace[1]: "List" url:/api/v1/pods')), expect: { reject: true } },
  { input: JSON.stringify(aksRecord('kube-audit', 'not json')), expect: { reject: true } },
];

export const AKS_DOCUMENT_SAMPLES: readonly DocumentSample[] = [
  {
    input: JSON.stringify({ records: [aksRecord('kube-audit', JSON.stringify(EVENT)), aksRecord('guard', '{"level":"info","msg":"authorized"}')] }),
    expect: [{ ...AUDIT_COLUMNS, format: 'aks-diagnostic-records', cluster: 'AKS-PROD-WEU' }, { reject: true }],
  },
];
