// The audit log writer behind the sample: requests become the audit.k8s.io/v1 Event lines that
// kube-apiserver's log backend writes (RequestReceived, ResponseStarted for watches,
// ResponseComplete), and two days of cluster background noise. Used by generate-sample.mjs.

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function makeCluster(seed) {
  const rand = prng(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const hex = (n) => Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
  const lines = [];

  /** Microsecond timestamps as kube-apiserver writes them. */
  const stamp = (us) => new Date(Math.floor(us / 1000)).toISOString().slice(0, 19) + '.' + String(us % 1_000_000).padStart(6, '0') + 'Z';

  const plural = { pods: 'pods', secrets: 'secrets', configmaps: 'configmaps', deployments: 'deployments', leases: 'leases', nodes: 'nodes',
    namespaces: 'namespaces', serviceaccounts: 'serviceaccounts', clusterrolebindings: 'clusterrolebindings', events: 'events', endpoints: 'endpoints' };
  const groupOf = { deployments: 'apps', leases: 'coordination.k8s.io', clusterrolebindings: 'rbac.authorization.k8s.io' };
  const versionOf = { apps: 'v1', 'coordination.k8s.io': 'v1', 'rbac.authorization.k8s.io': 'v1' };

  function uri(r) {
    const group = groupOf[r.resource];
    const base = group ? `/apis/${group}/${versionOf[group]}` : '/api/v1';
    let path = base;
    if (r.namespace) path += `/namespaces/${r.namespace}`;
    path += `/${plural[r.resource]}`;
    if (r.name) path += `/${r.name}`;
    if (r.subresource) path += `/${r.subresource}`;
    if (r.query) path += `?${r.query}`;
    else if (r.verb === 'watch') path += '?allowWatchBookmarks=true&resourceVersion=48213&timeout=7m39s&timeoutSeconds=459&watch=true';
    return path;
  }

  /**
   * One API request: a RequestReceived line, for watches a ResponseStarted line, and the
   * ResponseComplete line carrying status, authorization annotations and (for RBAC writes) the object.
   */
  function request(atUs, r) {
    const auditID = uuid();
    const group = groupOf[r.resource];
    const objectRef = { resource: r.resource, ...(r.namespace ? { namespace: r.namespace } : {}), ...(r.name ? { name: r.name } : {}),
      ...(group ? { apiGroup: group } : {}), apiVersion: group ? versionOf[group] : 'v1', ...(r.subresource ? { subresource: r.subresource } : {}) };
    const level = r.requestObject ? 'RequestResponse' : 'Metadata';
    const common = (stage) => ({ kind: 'Event', apiVersion: 'audit.k8s.io/v1', level, auditID, stage, requestURI: uri(r), verb: r.verb,
      user: r.user, sourceIPs: [r.ip], userAgent: r.agent, objectRef });
    const received = stamp(atUs);
    lines.push({ at: atUs, text: JSON.stringify({ ...common('RequestReceived'), ...(r.requestObject ? { requestObject: r.requestObject } : {}),
      requestReceivedTimestamp: received, stageTimestamp: received }) });
    const code = r.code ?? (r.verb === 'create' ? 201 : 200);
    const took = r.verb === 'watch' ? 459_000_000 : r.subresource === 'exec' ? 95_000_000 : 900 + Math.floor(rand() * 14_000);
    if (r.verb === 'watch') {
      lines.push({ at: atUs + 1200, text: JSON.stringify({ ...common('ResponseStarted'), responseStatus: { metadata: {}, code: 200 },
        requestReceivedTimestamp: received, stageTimestamp: stamp(atUs + 1200),
        annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': r.reason ?? '' } }) });
    }
    const denied = code === 403;
    const responseStatus = denied
      ? { metadata: {}, status: 'Failure', reason: 'Forbidden', details: { kind: r.resource, ...(r.name ? { name: r.name } : {}) }, code,
          message: `${r.resource}${r.name ? ` "${r.name}"` : ''} is forbidden: User "${r.user.username}" cannot ${r.verb} resource "${r.resource}"${r.subresource ? `/${r.subresource}` : ''} in API group "${group ?? ''}"${r.namespace ? ` in the namespace "${r.namespace}"` : ' at the cluster scope'}` }
      : { metadata: {}, code };
    lines.push({ at: atUs + took, text: JSON.stringify({ ...common('ResponseComplete'), responseStatus,
      ...(r.requestObject ? { requestObject: r.requestObject, responseObject: { ...r.requestObject, metadata: { ...r.requestObject.metadata, uid: uuid(), resourceVersion: String(48213 + lines.length), creationTimestamp: stamp(atUs).slice(0, 19) + 'Z' } } } : {}),
      requestReceivedTimestamp: received, stageTimestamp: stamp(atUs + took),
      annotations: denied ? { 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' }
        : { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': r.reason ?? '' } }) });
  }

  return { rand, pick, uuid, request, lines };
}

export const sa = (ns, name) => ({ username: `system:serviceaccount:${ns}:${name}`,
  groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'] });
export const human = (name, groups) => ({ username: name, groups: [...groups, 'system:authenticated'] });
const KUBECTL = 'kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46';
export const RBAC_ALLOW = (kind, name, role, group) => `RBAC: allowed by ${kind} "${name}" of ClusterRole "${role}" to Group "${group}"`;

/** Two calm days of controllers, kubelets, CI and SREs: the background noise an attack hides in. */
export function background(c, day0Us, days, opts) {
  const hour = 3_600_000_000;
  for (let h = 0; h < days * 24; h += 1) {
    const base = day0Us + h * hour;
    const busy = (h % 24) >= 7 && (h % 24) <= 19;
    for (let i = 0; i < (busy ? 3 : 1); i++) {
      const node = c.pick(opts.nodes);
      c.request(base + Math.floor(c.rand() * hour), { verb: 'update', resource: 'leases', namespace: 'kube-node-lease', name: node.name,
        user: { username: `system:node:${node.name}`, groups: ['system:nodes', 'system:authenticated'] }, ip: node.ip, agent: 'kubelet/v1.31.2 (linux/amd64) kubernetes/5864a46',
        reason: '' });
    }
    c.request(base + Math.floor(c.rand() * hour), { verb: 'watch', resource: 'endpoints', user: sa('kube-system', 'endpoint-controller'),
      ip: opts.controlPlaneIp, agent: 'kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/system:serviceaccount:kube-system:endpoint-controller',
      reason: 'RBAC: allowed by ClusterRoleBinding "system:controller:endpoint-controller" of ClusterRole "system:controller:endpoint-controller" to ServiceAccount "endpoint-controller/kube-system"' });
    if (busy && c.rand() < 0.8) {
      const who = c.pick(opts.humans);
      const ns = c.pick(opts.namespaces);
      const verb = c.pick(['get', 'list', 'list', 'get', 'patch']);
      const resource = c.pick(['pods', 'deployments', 'configmaps', 'pods']);
      const forbidden = who.readOnly && verb === 'patch';
      c.request(base + Math.floor(c.rand() * hour), { verb, resource, namespace: ns, ...(verb === 'list' ? {} : { name: `${ns}-${resource === 'pods' ? 'web-6f7c9-' + c.uuid().slice(0, 5) : 'web'}` }),
        user: who.user, ip: who.ip, agent: KUBECTL, code: forbidden ? 403 : 200, reason: RBAC_ALLOW('ClusterRoleBinding', who.binding, who.role, who.user.groups[0]) });
    }
    if (h % 6 === 3) {
      c.request(base + Math.floor(c.rand() * hour), { verb: 'patch', resource: 'deployments', namespace: 'shop', name: c.pick(['cart', 'checkout', 'payments-api']),
        user: sa('ci', 'deployer'), ip: '10.40.2.8', agent: 'argocd-application-controller/v2.13.1', reason: 'RBAC: allowed by RoleBinding "deployer/shop" of ClusterRole "edit" to ServiceAccount "deployer/ci"' });
    }
  }
}

