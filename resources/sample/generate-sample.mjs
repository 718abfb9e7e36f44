// Writes the sample case shipped for "Open sample data": two clusters' kube-apiserver audit logs
// (audit.k8s.io/v1 Events, JSON lines, as the log backend writes them). Deterministic: a seeded
// PRNG and fixed times, so the committed output changes only when this script does.
//   node resources/sample/generate-sample.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { background, human, makeCluster, RBAC_ALLOW, sa } from './auditWriter.mjs';

const here = dirname(fileURLToPath(import.meta.url));

function prodEu1() {
  const c = makeCluster(20261120);
  const day0 = Date.UTC(2026, 10, 20) * 1000;
  const alice = human('alice@corp.example', ['sre']);
  const bob = human('bob@corp.example', ['developers']);
  background(c, day0, 2, {
    nodes: [{ name: 'ip-10-0-1-23.eu-west-1.compute.internal', ip: '10.0.1.23' }, { name: 'ip-10-0-2-41.eu-west-1.compute.internal', ip: '10.0.2.41' }],
    controlPlaneIp: '10.0.0.10', namespaces: ['shop', 'shop', 'monitoring'],
    humans: [{ user: alice, ip: '10.20.0.15', binding: 'sre-admins', role: 'admin' }, { user: bob, ip: '10.20.0.37', binding: 'developers', role: 'view', readOnly: true }],
  });
  // 2026-11-21 02:07 UTC: alice's kubeconfig is used from an address the company never uses.
  const t = (h, m, s) => day0 + ((24 + h) * 3600 + m * 60 + s) * 1_000_000 + Math.floor(c.rand() * 999_999);
  const foreign = '203.0.113.77';
  const thief = { user: alice, ip: foreign, agent: 'kubectl/v1.29.0 (linux/amd64) kubernetes/3f7a50f' };
  const sreAllow = RBAC_ALLOW('ClusterRoleBinding', 'sre-admins', 'admin', 'sre');
  c.request(t(2, 7, 12), { ...thief, verb: 'list', resource: 'namespaces', reason: sreAllow });
  c.request(t(2, 7, 31), { ...thief, verb: 'list', resource: 'pods', query: 'limit=500', reason: sreAllow });
  c.request(t(2, 8, 2), { ...thief, verb: 'list', resource: 'secrets', namespace: 'kube-system', code: 403 });
  c.request(t(2, 8, 40), { ...thief, verb: 'get', resource: 'nodes', name: 'ip-10-0-1-23.eu-west-1.compute.internal', subresource: 'proxy', code: 403 });
  c.request(t(2, 9, 55), { ...thief, verb: 'create', resource: 'pods', namespace: 'shop', name: 'payments-api-7d9f8-xk2lp', subresource: 'exec',
    query: 'command=sh&container=api&stdin=true&stdout=true&tty=true', code: 101, reason: sreAllow });
  // From inside the pod, its service account token reads what it can.
  const podSa = { user: { ...sa('shop', 'payments-api'), extra: { 'authentication.kubernetes.io/pod-name': ['payments-api-7d9f8-xk2lp'] } }, ip: '10.244.3.17', agent: 'curl/8.5.0' };
  const podAllow = 'RBAC: allowed by RoleBinding "payments-api-secrets/shop" of Role "payments-secrets-reader" to ServiceAccount "payments-api/shop"';
  c.request(t(2, 11, 3), { ...podSa, verb: 'get', resource: 'secrets', namespace: 'shop', name: 'payments-db-credentials', reason: podAllow });
  c.request(t(2, 11, 20), { ...podSa, verb: 'list', resource: 'secrets', namespace: 'kube-system', code: 403 });
  c.request(t(2, 11, 41), { ...podSa, verb: 'create', resource: 'clusterrolebindings', code: 403,
    requestObject: { kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name: 'pwn' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'payments-api', namespace: 'shop' }] } });
  // Back on the stolen credential: a new service account bound to cluster-admin, and a token for it.
  c.request(t(2, 14, 9), { ...thief, verb: 'create', resource: 'serviceaccounts', namespace: 'kube-system', reason: sreAllow,
    requestObject: { kind: 'ServiceAccount', apiVersion: 'v1', metadata: { name: 'metrics-helper', namespace: 'kube-system' } } });
  c.request(t(2, 14, 30), { ...thief, verb: 'create', resource: 'clusterrolebindings', reason: sreAllow,
    requestObject: { kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', metadata: { name: 'system:metrics-helper' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'ServiceAccount', name: 'metrics-helper', namespace: 'kube-system' }] } });
  c.request(t(2, 14, 52), { ...thief, verb: 'create', resource: 'serviceaccounts', namespace: 'kube-system', name: 'metrics-helper', subresource: 'token', code: 201, reason: sreAllow });
  const helper = { user: sa('kube-system', 'metrics-helper'), ip: foreign, agent: 'python-requests/2.32.3' };
  const adminAllow = 'RBAC: allowed by ClusterRoleBinding "system:metrics-helper" of ClusterRole "cluster-admin" to ServiceAccount "metrics-helper/kube-system"';
  c.request(t(2, 16, 5), { ...helper, verb: 'list', resource: 'secrets', reason: adminAllow });
  for (const [i, name] of ['payments-db-credentials', 'stripe-api-key', 'registry-pull', 'tls-shop-example'].entries()) {
    c.request(t(2, 16, 40 + i * 7), { ...helper, verb: 'get', resource: 'secrets', namespace: i < 2 ? 'shop' : 'kube-system', name, reason: adminAllow });
  }
  c.request(t(2, 19, 2), { ...helper, verb: 'deletecollection', resource: 'events', namespace: 'shop', reason: adminAllow });
  return c.lines;
}

function stagingUs2() {
  const c = makeCluster(20261121);
  const day0 = Date.UTC(2026, 10, 20) * 1000;
  const carol = human('carol@corp.example', ['developers']);
  background(c, day0, 2, {
    nodes: [{ name: 'stg-node-1', ip: '10.8.1.4' }], controlPlaneIp: '10.8.0.2', namespaces: ['shop'],
    humans: [{ user: carol, ip: '10.20.0.52', binding: 'developers', role: 'edit' }],
  });
  // The same stolen credential is tried here too, and refused: alice has no binding in staging.
  const at = day0 + (24 * 3600 + 2 * 3600 + 30 * 60) * 1_000_000;
  for (const [i, resource] of ['namespaces', 'secrets', 'pods'].entries()) {
    c.request(at + i * 4_100_000, { user: human('alice@corp.example', ['sre']), ip: '203.0.113.77', agent: 'kubectl/v1.29.0 (linux/amd64) kubernetes/3f7a50f',
      verb: 'list', resource, ...(resource === 'namespaces' ? {} : { namespace: 'default' }), code: 403 });
  }
  return c.lines;
}

/** Log order is write order: each stage line is written when it happens. */
const asLog = (lines) => lines.sort((a, b) => a.at - b.at).map((l) => l.text).join('\n') + '\n';

function write(rel, text, gzip) {
  const path = join(here, rel);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzip ? gzipSync(text, { level: 9 }) : text);
  console.log(`${rel}: ${text.split('\n').length - 1} lines`);
}

write('prod-eu-1/kube-apiserver/audit.log.gz', asLog(prodEu1()), true);
write('staging-us-2/kube-apiserver/audit.log', asLog(stagingUs2()), false);
