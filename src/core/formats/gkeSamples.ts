import type { DocumentSample, FormatSample } from './types';

// Sample records of the GKE audit formats, checked by formatSamples.test.ts and
// documentSamples.test.ts: Cloud Logging LogEntry records as a sink or gcloud writes them.

const gkeEntry = (over: Record<string, unknown>, payload: Record<string, unknown>): Record<string, unknown> => ({
  protoPayload: {
    '@type': 'type.googleapis.com/google.cloud.audit.AuditLog',
    authenticationInfo: { principalEmail: 'mallory@example.com' },
    authorizationInfo: [{ granted: true, permission: 'io.k8s.core.v1.secrets.get', resource: 'core/v1/namespaces/payments/secrets/db-creds' }],
    methodName: 'io.k8s.core.v1.secrets.get',
    requestMetadata: { callerIp: '198.51.100.23', callerSuppliedUserAgent: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46' },
    resourceName: 'core/v1/namespaces/payments/secrets/db-creds',
    serviceName: 'k8s.io',
    status: {},
    ...payload,
  },
  insertId: '3f8e2b1a-7c6d-4e5f-a1b2-c3d4e5f60718',
  resource: { type: 'k8s_cluster', labels: { project_id: 'acme-prod', location: 'europe-west1', cluster_name: 'gke-prod-ew1' } },
  timestamp: '2026-11-21T11:59:12.123456Z',
  labels: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'access granted by IAM permissions.' },
  logName: 'projects/acme-prod/logs/cloudaudit.googleapis.com%2Fdata_access',
  operation: { id: '3f8e2b1a-7c6d-4e5f-a1b2-c3d4e5f60718', producer: 'k8s.io', first: true, last: true },
  receiveTimestamp: '2026-11-21T11:59:13.456789012Z',
  ...over,
});

export const GKE_SAMPLES: readonly FormatSample[] = [
  {
    input: JSON.stringify(gkeEntry({}, {})),
    expect: {
      ts: Date.UTC(2026, 10, 21, 11, 59, 12, 123), tsText: '2026-11-21T11:59:12.123456Z', source: 'kube-audit', format: 'gke-audit-json',
      cluster: 'gke-prod-ew1', user: 'mallory@example.com', srcIp: '198.51.100.23', srcIps: '["198.51.100.23"]',
      userAgent: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46', verb: 'get', apiGroup: null, resource: 'secrets',
      namespace: 'payments', name: 'db-creds', subresource: null, statusCode: 200, decision: 'allow', reason: 'access granted by IAM permissions.',
      auditId: '3f8e2b1a-7c6d-4e5f-a1b2-c3d4e5f60718', stage: null, action: 'get secrets',
      details: '{"method_name":"io.k8s.core.v1.secrets.get","resource_name":"core/v1/namespaces/payments/secrets/db-creds","rpc_code":0,"project_id":"acme-prod","location":"europe-west1","log_name":"projects/acme-prod/logs/cloudaudit.googleapis.com%2Fdata_access"}',
    },
  },
  {
    // a denied list across namespaces, the Status of the response giving the HTTP code
    input: JSON.stringify(gkeEntry({ insertId: 'a1', labels: { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' } }, {
      methodName: 'io.k8s.core.v1.secrets.list', resourceName: 'core/v1/secrets',
      status: { code: 7, message: 'PERMISSION_DENIED' }, response: { '@type': 'core.k8s.io/v1.Status', code: 403, reason: 'Forbidden', status: 'Failure' },
    })),
    expect: { verb: 'list', resource: 'secrets', namespace: null, name: null, statusCode: 403, decision: 'forbid', reason: null, message: 'PERMISSION_DENIED', action: 'list secrets' },
  },
  {
    // an exec into a pod of another API group's workload, RBAC with its dotted group; status code mapped from google.rpc
    input: JSON.stringify(gkeEntry({ insertId: 'a2' }, { methodName: 'io.k8s.authorization.rbac.v1.clusterrolebindings.create', resourceName: 'rbac.authorization.k8s.io/v1/clusterrolebindings/backdoor', status: { code: 6 } })),
    expect: { verb: 'create', apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', name: 'backdoor', statusCode: 409, action: 'create clusterrolebindings' },
  },
  {
    input: JSON.stringify(gkeEntry({ insertId: 'a3' }, { methodName: 'io.k8s.core.v1.pods.exec.create', resourceName: 'core/v1/namespaces/payments/pods/api-7d9f/exec' })),
    expect: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'api-7d9f', namespace: 'payments', action: 'create pods/exec' },
  },
  { input: JSON.stringify(gkeEntry({}, { serviceName: 'compute.googleapis.com', methodName: 'v1.compute.instances.insert' })), expect: { reject: true } },
  { input: JSON.stringify(gkeEntry({ timestamp: 'yesterday', receiveTimestamp: undefined }, {})), expect: { reject: true } },
];

export const GKE_DOCUMENT_SAMPLES: readonly DocumentSample[] = [
  {
    input: JSON.stringify([gkeEntry({}, {}), { textPayload: 'not an audit entry', timestamp: '2026-11-21T11:59:12Z' }], null, 2),
    expect: [{ format: 'gke-audit-array', cluster: 'gke-prod-ew1', action: 'get secrets' }, { reject: true }],
  },
];
