import { sampleAuditEvent } from './cloudAuditSamples';
import type { DocumentSample, FormatSample } from './types';

// Sample records of the OpenSearch / Elasticsearch export formats, checked by formatSamples.test.ts
// and documentSamples.test.ts (cluster `sample` from the path, file dated 2026-12-31 UTC).

/** A kubeaudit document as Compliant Kubernetes' fluentd indexes it: stageTimestamp taken as the time key, objects as JSON text. */
function kubeauditSource(): Record<string, unknown> {
  const event = sampleAuditEvent();
  delete event.stageTimestamp;
  return {
    ...event, requestObject: 'none', responseObject: 'none',
    'cluster.name': 'prod-eu-1', '@timestamp': '2026-11-21T11:57:58.389876000+00:00',
  };
}

const KUBEAUDIT_HIT = { _index: 'kubeaudit-default-2026.11.21-000001', _id: 'Zq3Kx5MBfG2hWcY1nA7p', _score: 1, _source: kubeauditSource() };
const AUTHLOG_HIT = {
  _index: 'authlog-default-2026.11.21-000001', _id: 'b7Kx5MBfG2hWcY1nA9Q',
  _source: {
    '@timestamp': '2026-11-21T12:57:58.000000000+00:00', host: 'wk-1', ident: 'sshd', pid: '2211',
    message: 'Accepted publickey for alice from 10.20.30.40 port 51234 ssh2: ED25519 SHA256:Jq3pLr8dV0cYt2wXk7nB5mF1sH9aG4eU6iO0zQ2xR7s',
    'cluster.name': 'prod-eu-1',
  },
};

const KUBEAUDIT_COLUMNS = {
  ts: Date.UTC(2026, 10, 21, 11, 57, 58, 371), tsText: '2026-11-21T11:57:58.371234Z', source: 'kube-audit', cluster: 'prod-eu-1',
  user: 'alice', verb: 'list', resource: 'secrets', namespace: 'payments', statusCode: 200, durationMs: null, action: 'list secrets',
  auditId: '5f2c7a0e-1b3d-4c5e-9f7a-2b8c0d1e3f4a',
} as const;

export const OPENSEARCH_HITS_SAMPLES: readonly FormatSample[] = [
  {
    input: JSON.stringify(KUBEAUDIT_HIT),
    expect: { ...KUBEAUDIT_COLUMNS, format: 'opensearch-hits-ndjson', details: '{"index":"kubeaudit-default-2026.11.21-000001","id":"Zq3Kx5MBfG2hWcY1nA7p"}' },
  },
  {
    // a shipper that left the audit line unparsed, in a container-log index, the cluster nested
    input: JSON.stringify({ _index: 'logs-kubernetes-2026.11.21', _id: 'c1', _source: { log: JSON.stringify(sampleAuditEvent()), stream: 'stdout', kubernetes: { cluster: 'prod-eu-2', host: 'cp-1' } } }),
    expect: { ...KUBEAUDIT_COLUMNS, cluster: 'prod-eu-2', node: 'cp-1', durationMs: 18.642 },
  },
  {
    input: JSON.stringify(AUTHLOG_HIT),
    expect: {
      ts: Date.UTC(2026, 10, 21, 12, 57, 58), tsText: '2026-11-21T12:57:58.000000000+00:00', source: 'authlog', format: 'opensearch-hits-ndjson',
      cluster: 'prod-eu-1', node: 'wk-1', user: 'alice', srcIp: '10.20.30.40', srcPort: 51234, action: 'ssh_accepted',
      message: 'Accepted publickey for alice from 10.20.30.40 port 51234 ssh2: ED25519 SHA256:Jq3pLr8dV0cYt2wXk7nB5mF1sH9aG4eU6iO0zQ2xR7s',
      details: '{"program":"sshd","pid":2211,"index":"authlog-default-2026.11.21-000001","id":"b7Kx5MBfG2hWcY1nA9Q","method":"publickey","protocol":"ssh2","key_type":"ED25519","fingerprint":"SHA256:Jq3pLr8dV0cYt2wXk7nB5mF1sH9aG4eU6iO0zQ2xR7s"}',
    },
  },
  {
    // fluentd's syslog time kept without a year, `program` for the tag, the cluster as an object
    input: JSON.stringify({ _index: 'authlog-default', _id: 'd2', _source: { time: 'Nov 21 12:59:01', host: 'wk-2', program: 'sudo', message: '    bob : TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow', cluster: { name: 'prod-eu-1' } } }),
    expect: {
      ts: Date.UTC(2026, 10, 21, 12, 59, 1), tsText: 'Nov 21 12:59:01', source: 'authlog', cluster: 'prod-eu-1', node: 'wk-2', user: 'bob', action: 'sudo_command',
      details: '{"program":"sudo","index":"authlog-default","id":"d2","year_inferred":"mtime","tty":"pts/1","pwd":"/home/bob","target_user":"root","command":"/usr/bin/cat /etc/shadow"}',
    },
  },
  { input: JSON.stringify({ _index: 'logs-kubernetes-2026.11.21', _id: 'e3', _source: { log: 'GET /healthz 200', stream: 'stdout' } }), expect: { reject: true } },
  { input: JSON.stringify({ _index: 'authlog-default', _id: 'f4', _source: { host: 'wk-1', ident: 'sshd', message: 'no time here' } }), expect: { reject: true } },
];

export const OPENSEARCH_RESPONSE_SAMPLES: readonly DocumentSample[] = [
  {
    input: JSON.stringify({
      took: 7, timed_out: false, _shards: { total: 2, successful: 2, skipped: 0, failed: 0 },
      hits: { total: { value: 2, relation: 'eq' }, max_score: 1, hits: [KUBEAUDIT_HIT, AUTHLOG_HIT, { _index: 'authlog-default', _id: 'x' }] },
    }, null, 2),
    expect: [
      { ...KUBEAUDIT_COLUMNS, format: 'opensearch-search-response' },
      { source: 'authlog', action: 'ssh_accepted', node: 'wk-1', format: 'opensearch-search-response' },
      { reject: true },
    ],
  },
];

export const OPENSEARCH_CSV_SAMPLES: readonly DocumentSample[] = [
  {
    input: [
      '"@timestamp","user.username",verb,"objectRef.resource","objectRef.namespace","objectRef.name",sourceIPs,"responseStatus.code",auditID,"cluster.name","_index","_id"',
      '"Nov 21, 2026 @ 11:57:58.389",alice,list,secrets,payments,-,"203.0.113.7",200,5f2c7a0e-1b3d-4c5e-9f7a-2b8c0d1e3f4a,"prod-eu-1","kubeaudit-default-2026.11.21-000001",Zq3Kx5MBfG2hWcY1nA7p',
      '',
      '"Nov 21, 2026 @ 11:58:04.100",mallory,create,pods,payments,api-7d9f,"198.51.100.23, 10.0.0.12",101,9a8b7c6d,"prod-eu-1","kubeaudit-default",Yq2',
      '"Nov 21, 2026 @ 11:58:05.000",bob',
    ].join('\n'),
    expect: [
      {
        ts: Date.UTC(2026, 10, 21, 11, 57, 58, 389), tsText: 'Nov 21, 2026 @ 11:57:58.389', source: 'kube-audit', format: 'opensearch-discover-csv',
        cluster: 'prod-eu-1', user: 'alice', verb: 'list', resource: 'secrets', namespace: 'payments', name: null, srcIp: '203.0.113.7',
        statusCode: 200, auditId: '5f2c7a0e-1b3d-4c5e-9f7a-2b8c0d1e3f4a', action: 'list secrets',
        details: '{"index":"kubeaudit-default-2026.11.21-000001","id":"Zq3Kx5MBfG2hWcY1nA7p"}',
      },
      { blank: true },
      { user: 'mallory', srcIp: '198.51.100.23', srcIps: '["198.51.100.23","10.0.0.12"]', statusCode: 101, name: 'api-7d9f', action: 'create pods' },
      { reject: true },
    ],
  },
  {
    input: [
      '"@timestamp",host,ident,pid,message,"cluster.name"',
      '"Nov 21, 2026 @ 12:57:58.000","wk-1",sshd,"2,211","Failed password for invalid user admin from 5.6.7.8 port 4444 ssh2","prod-eu-1"',
    ].join('\n'),
    expect: [{
      ts: Date.UTC(2026, 10, 21, 12, 57, 58), tsText: 'Nov 21, 2026 @ 12:57:58.000', source: 'authlog', format: 'opensearch-discover-csv',
      cluster: 'prod-eu-1', node: 'wk-1', user: 'admin', srcIp: '5.6.7.8', srcPort: 4444, action: 'ssh_failed',
      details: '{"program":"sshd","pid":2211,"method":"password","invalid_user":true,"protocol":"ssh2"}',
    }],
  },
  {
    // no columns chosen in Discover: the document as JSON in the _source column
    input: ['"@timestamp","_source"', `"Nov 21, 2026 @ 12:57:58.000","${JSON.stringify(AUTHLOG_HIT._source).replace(/"/g, '""')}"`].join('\n'),
    expect: [{ source: 'authlog', node: 'wk-1', user: 'alice', action: 'ssh_accepted', cluster: 'prod-eu-1', tsText: 'Nov 21, 2026 @ 12:57:58.000' }],
  },
];
