/**
 * What a Kubernetes API request addresses, read from its path the way the API server's RequestInfo
 * resolver reads it. Used where a log names a request by URL or resource path instead of writing
 * an audit objectRef (Paralus relay records, GKE's resourceName).
 */
export interface KubeTarget {
  /** null for the core group. */
  apiGroup: string | null;
  apiVersion: string | null;
  namespace: string | null;
  resource: string | null;
  name: string | null;
  subresource: string | null;
}

/** Subresources of a namespace itself: `/namespaces/x/status` is the namespace's status, not a list of `status`. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/** The target of the segments after group and version: `[namespaces, ns,] resource[, name[, subresource]]`. */
export function targetOfSegments(apiGroup: string | null, apiVersion: string | null, segments: readonly string[]): KubeTarget {
  let rest = segments;
  let namespace: string | null = null;
  if (rest[0] === 'namespaces' && rest.length >= 2) {
    namespace = rest[1];
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) rest = rest.slice(2);
  }
  return {
    apiGroup, apiVersion, namespace,
    resource: rest[0] ?? null,
    name: rest[1] ?? null,
    subresource: rest[2] ?? null,
  };
}

/**
 * `/api/v1/namespaces/prod/pods/web-0/exec?command=sh` → core group, pods, prod, web-0, exec.
 * Null for a path outside `/api` and `/apis` (a non-resource URL such as `/healthz`).
 */
export function parseApiPath(url: string): KubeTarget | null {
  const parts = url.split('?')[0].split('/').filter((p) => p !== '');
  let group: string | null;
  let version: string | undefined;
  let rest: string[];
  if (parts[0] === 'api') {
    group = null;
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis') {
    group = parts[1] ?? null;
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return null;
  }
  if (version === undefined) return { apiGroup: group, apiVersion: null, namespace: null, resource: null, name: null, subresource: null };
  return targetOfSegments(group, version, rest);
}

/**
 * The Kubernetes verb of an HTTP request, as the API server assigns it: GET is get, list or watch,
 * DELETE of a collection is deletecollection. A non-resource request keeps its lower-cased method.
 */
export function verbOfHttp(method: string, target: KubeTarget | null, query: string | null): string {
  const m = method.toUpperCase();
  if (!target || target.resource === null) return m.toLowerCase();
  const one = target.name !== null;
  switch (m) {
    case 'GET':
    case 'HEAD':
      if (one) return 'get';
      return query !== null && /(?:^|&)watch=(?:true|1)(?:&|$)/.test(query) ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return one ? 'delete' : 'deletecollection';
    default:
      return m.toLowerCase();
  }
}
