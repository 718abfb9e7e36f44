import { SeededRandom } from './random';

/** What the synthetic audit log looks like; defaults give a busy cluster's Metadata-level log. */
export interface AuditCorpusOptions {
  seed: number;
  /** Lines to write (a request written at two stages takes two lines). */
  lines: number;
  /** Epoch ms of the first request. */
  start: number;
  /** Mean milliseconds between requests. */
  meanGapMs: number;
  /** Share of requests also written at stage RequestReceived (kube-apiserver's default policy). */
  twoStageShare: number;
}

const USERS = [
  'system:serviceaccount:kube-system:replicaset-controller', 'system:kube-controller-manager', 'system:kube-scheduler',
  'system:node:wk-1', 'system:node:wk-2', 'system:serviceaccount:monitoring:prometheus', 'alice@example.com',
  'bob@example.com', 'system:serviceaccount:ci:deployer', 'system:apiserver', 'carol@example.com', 'system:anonymous',
];
const NAMESPACES = ['kube-system', 'default', 'monitoring', 'payments', 'ci', 'ingress-nginx', 'kube-public'];
const RESOURCES: readonly [string, string][] = [
  ['', 'pods'], ['', 'configmaps'], ['coordination.k8s.io', 'leases'], ['', 'secrets'], ['apps', 'deployments'],
  ['', 'services'], ['', 'endpoints'], ['apps', 'replicasets'], ['rbac.authorization.k8s.io', 'rolebindings'], ['', 'events'],
];
const VERBS = ['get', 'list', 'watch', 'update', 'patch', 'create', 'delete'];
const AGENTS = [
  'kube-controller-manager/v1.29.4 (linux/amd64) kubernetes/55019c8/system:serviceaccount:kube-system:replicaset-controller',
  'kubelet/v1.29.4 (linux/amd64) kubernetes/55019c8', 'kubectl/v1.29.2 (darwin/arm64) kubernetes/4b8e819',
  'Prometheus/2.51.0', 'kube-scheduler/v1.29.4 (linux/amd64) kubernetes/55019c8/leader-election',
];
const IPS = ['10.0.1.12', '10.0.1.13', '10.0.2.21', '192.168.7.40', '172.16.4.9', '203.0.113.77'];

function isoMicros(ms: number, micros: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, frac: string) => `.${frac}${String(micros).padStart(3, '0')}Z`);
}

/**
 * Writes a deterministic synthetic kube-apiserver audit log (audit.k8s.io/v1 Event JSON lines,
 * as the log backend writes them), for the benchmark and for large end-to-end inputs.
 * Yields one line at a time (without newline) so that any size streams.
 */
export function* generateAuditLines(options: Partial<AuditCorpusOptions> = {}): Generator<string> {
  const o: AuditCorpusOptions = { seed: 1, lines: 1000, start: Date.UTC(2026, 10, 20), meanGapMs: 40, twoStageShare: 0.3, ...options };
  const rnd = new SeededRandom(o.seed);
  let written = 0;
  let now = o.start;
  while (written < o.lines) {
    now += rnd.int(o.meanGapMs * 2 + 1);
    const user = rnd.pickSkewed(USERS);
    const verb = rnd.pickSkewed(VERBS);
    const [group, resource] = rnd.pickSkewed(RESOURCES);
    const namespace = rnd.pickSkewed(NAMESPACES);
    const name = verb === 'list' || verb === 'watch' ? undefined : `${resource.slice(0, -1)}-${rnd.int(500)}`;
    const denied = rnd.next() < 0.02;
    const code = denied ? 403 : verb === 'create' ? 201 : rnd.next() < 0.01 ? 404 : 200;
    const received = isoMicros(now, rnd.int(1000));
    const done = isoMicros(now + rnd.int(30), rnd.int(1000));
    const path = `/${group ? `apis/${group}/v1` : 'api/v1'}/namespaces/${namespace}/${resource}${name ? `/${name}` : ''}`;
    const base = {
      kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: rnd.uuid(),
      requestURI: verb === 'watch' ? `${path}?allowWatchBookmarks=true&watch=true` : path, verb,
      user: { username: user, uid: rnd.uuid(), groups: user.startsWith('system:serviceaccount') ? ['system:serviceaccounts', 'system:authenticated'] : ['system:authenticated'] },
      sourceIPs: [rnd.pickSkewed(IPS)], userAgent: rnd.pickSkewed(AGENTS),
      objectRef: { resource, namespace, ...(name ? { name } : {}), ...(group ? { apiGroup: group } : {}), apiVersion: 'v1' },
    };
    const annotations = {
      'authorization.k8s.io/decision': denied ? 'forbid' : 'allow',
      'authorization.k8s.io/reason': denied ? '' : `RBAC: allowed by ClusterRoleBinding "system:controller:${resource}" of ClusterRole "system:controller:${resource}" to User "${user}"`,
    };
    if (rnd.next() < o.twoStageShare && written + 1 < o.lines) {
      yield JSON.stringify({ ...base, stage: 'RequestReceived', requestReceivedTimestamp: received, stageTimestamp: received });
      written++;
    }
    const status = denied
      ? { metadata: {}, status: 'Failure', message: `${resource} is forbidden: User "${user}" cannot ${verb} resource "${resource}"`, reason: 'Forbidden', code }
      : { metadata: {}, code };
    yield JSON.stringify({ ...base, stage: 'ResponseComplete', responseStatus: status, requestReceivedTimestamp: received, stageTimestamp: done, annotations });
    written++;
  }
}
