import type { FormatSample } from './types';

// Sample records of paralus-audit-json, checked by formatSamples.test.ts (cluster `sample` from
// the path). Their shapes follow the records in Paralus's own tests (pkg/service/*_db_test.go)
// and the relay's AuditMsg / LogMsg types.

export const PARALUS_SAMPLES: readonly FormatSample[] = [
  {
    // relay API audit: a kubectl request through the relay, from the browser shell
    input: '{"av":"v1","cn":"prod-eu-1","d":0.492472386,"id":"cduajnic6p9tna60re3g","k":"secret","m":"GET","n":"","ns":"payments","o":"9fcdf482-6191-44f1-987a-8469addf2566","p":"ba184458-b899-4cf3-99fa-d77a21578ede","pr":"payments-team","q":"limit=500","ra":"10.0.0.147","sc":200,"st":"browser shell","ts":"2026-11-21T12:57:58.371Z","un":"alice@example.com","url":"/api/v1/namespaces/payments/secrets","w":8190}',
    expect: {
      ts: Date.UTC(2026, 10, 21, 12, 57, 58, 371), tsText: '2026-11-21T12:57:58.371Z', source: 'platform-audit', format: 'paralus-audit-json',
      cluster: 'prod-eu-1', user: 'alice@example.com', srcIp: '10.0.0.147', srcIps: '["10.0.0.147"]', srcPort: null,
      verb: 'list', resource: 'secrets', namespace: 'payments', name: null, apiGroup: null, requestUri: '/api/v1/namespaces/payments/secrets?limit=500',
      statusCode: 200, durationMs: 492.472, auditId: 'cduajnic6p9tna60re3g', action: 'list secrets',
      details: '{"kind":"secret","method":"GET","api_version":"v1","session_type":"browser shell","project":"payments-team","organization":"9fcdf482-6191-44f1-987a-8469addf2566","partner":"ba184458-b899-4cf3-99fa-d77a21578ede","bytes_written":8190}',
    },
  },
  {
    // an exec into a pod through the relay, from a downloaded kubeconfig
    input: '{"av":"v1","cn":"prod-eu-1","d":12.5,"id":"cduajnic6p9tna60re4h","k":"pod","m":"POST","n":"api-7d9f","ns":"payments","pr":"payments-team","q":"command=sh&stdin=true&tty=true","ra":"203.0.113.9","sc":101,"st":"kubeconfig","ts":"2026-11-21T12:58:04.100Z","un":"mallory@example.com","url":"/api/v1/namespaces/payments/pods/api-7d9f/exec","w":0}',
    expect: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'api-7d9f', statusCode: 101, durationMs: 12500, action: 'create pods/exec', user: 'mallory@example.com' },
  },
  {
    // the relay's request log before the user and cluster lookup: epoch seconds, the certificate CN
    input: '{"level":"info","ts":1795265878.638035,"msg":"audit","xid":"brbhcuug10lf2qfjj1hg","method":"DELETE","url":"/apis/apps/v1/namespaces/payments/deployments/api","query":"","serverName":"x3mxvkr.user.relay.paralus.local","user":"alice-cn","remoteAddr":"127.0.0.1","statusCode":200,"written":412,"duration":0.002513407}',
    expect: {
      ts: 1795265878638, tsText: '1795265878.638035', cluster: 'sample', user: 'alice-cn', srcIp: '127.0.0.1', verb: 'delete', apiGroup: 'apps',
      resource: 'deployments', name: 'api', namespace: 'payments', requestUri: '/apis/apps/v1/namespaces/payments/deployments/api', durationMs: 2.513,
      action: 'delete deployments', details: '{"msg":"audit","method":"DELETE","server_name":"x3mxvkr.user.relay.paralus.local","bytes_written":412}',
    },
  },
  {
    // a system event of the console
    input: '{"actor":{"account":{"username":"admin@paralus.local"},"groups":["All Local Users","Organization Admins"],"type":"USER"},"category":"AUDIT","client":{"host":"console.paralus.example.com","ip":"10.0.0.147:47204","type":"BROWSER","user_agent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"},"detail":{"message":"Cluster kind-local deleted","meta":{"cluster_name":"kind-local"}},"origin":"core","portal":"OPS","project":"stage","timestamp":"2026-11-21T09:48:30.597615647Z","type":"cluster.delete.success","version":"1.0"}',
    expect: {
      ts: Date.UTC(2026, 10, 21, 9, 48, 30, 597), tsText: '2026-11-21T09:48:30.597615647Z', source: 'platform-audit', cluster: 'kind-local',
      user: 'admin@paralus.local', groups: '["All Local Users","Organization Admins"]', srcIp: '10.0.0.147', srcPort: 47204,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
      message: 'Cluster kind-local deleted', action: 'cluster.delete.success',
      details: '{"type":"cluster.delete.success","origin":"core","portal":"OPS","project":"stage","category":"AUDIT","client_type":"BROWSER","client_host":"console.paralus.example.com","meta":{"cluster_name":"kind-local"}}',
    },
  },
  {
    // a kubectl command typed in the browser shell
    input: '{"actor":{"account":{"username":"admin@paralus.local"},"groups":["Organization Admins"],"type":"USER"},"category":"AUDIT","client":{"host":"console.paralus.example.com","ip":"122.50.194.215","type":"BROWSER","user_agent":"-"},"detail":{"message":"kubectl get secrets -n payments -o yaml","meta":{"cluster_name":"prod-eu-1"}},"origin":"cluster","portal":"ADMIN","project":"stage","timestamp":"2026-11-21T09:46:30.854455438Z","type":"kubectl.command.detail","version":"1.0"}',
    expect: { cluster: 'prod-eu-1', srcIp: '122.50.194.215', srcPort: null, userAgent: null, namespace: 'payments', message: 'kubectl get secrets -n payments -o yaml', action: 'kubectl get secrets' },
  },
  { input: '{"un":"alice","m":"GET","url":"/api/v1/pods","ts":"not a time"}', expect: { reject: true } },
  { input: '{"level":"info","msg":"relay started"}', expect: { reject: true } },
];
