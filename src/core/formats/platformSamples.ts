import type { DocumentSample } from './types';

// Sample documents of platform-kubectl-csv, checked by documentSamples.test.ts (cluster `sample`
// from the path, times without a zone read in UTC).

export const PLATFORM_CSV_SAMPLES: readonly DocumentSample[] = [
  {
    input: [
      'Date,User,Cluster,Namespace,Resource,Method,Access Method,Details',
      '2026-11-21T12:57:58.371Z,alice@example.com,prod-eu-1,payments,secret,GET,Browser Shell,"GET /api/v1/namespaces/payments/secrets?limit=500 status 200, duration 492.47ms"',
      '"11/21/2026, 12:58:04 PM",mallory@example.com,prod-eu-1,payments,pod,POST,Kubeconfig,"POST /api/v1/namespaces/payments/pods/api-7d9f/exec?command=sh status 101 took 12.5s"',
      '',
      '"Nov 21, 2026 1:02:00 PM",bob@example.com,prod-eu-2,-,namespaces,list,Kubeconfig,Duration: 1m2.5s',
      'yesterday,bob@example.com,prod-eu-2,-,pods,GET,Kubeconfig,',
      'short,row',
    ].join('\n'),
    expect: [
      {
        ts: Date.UTC(2026, 10, 21, 12, 57, 58, 371), tsText: '2026-11-21T12:57:58.371Z', source: 'platform-audit', format: 'platform-kubectl-csv',
        user: 'alice@example.com', cluster: 'prod-eu-1', namespace: 'payments', verb: 'list', resource: 'secrets', name: null,
        requestUri: '/api/v1/namespaces/payments/secrets?limit=500', statusCode: 200, durationMs: 492.47, action: 'list secrets',
        message: 'GET /api/v1/namespaces/payments/secrets?limit=500 status 200, duration 492.47ms',
        details: '{"kind":"secret","method":"GET","access_method":"Browser Shell"}',
      },
      {
        ts: Date.UTC(2026, 10, 21, 12, 58, 4), tsText: '11/21/2026, 12:58:04 PM', user: 'mallory@example.com', verb: 'create', resource: 'pods',
        subresource: 'exec', name: 'api-7d9f', statusCode: 101, durationMs: 12500, action: 'create pods/exec',
      },
      { blank: true },
      { ts: Date.UTC(2026, 10, 21, 13, 2, 0), cluster: 'prod-eu-2', namespace: null, verb: 'list', resource: 'namespaces', durationMs: 62500, statusCode: null, action: 'list namespaces' },
      { reject: true },
      { reject: true },
    ],
  },
];
