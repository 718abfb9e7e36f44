import { emptyEvent } from '../model';
import { parseIsoTimestamp } from '../time';
import { GKE_DOCUMENT_SAMPLES, GKE_SAMPLES } from './gkeSamples';
import { fieldAt, integer, isObject, text, type JsonObject } from './jsonFields';
import { jsonRecordDocument, jsonRecordLines, type JsonRecordSpec } from './jsonRecordFormat';
import { targetOfSegments, type KubeTarget } from './k8sRequest';
import { auditAction } from './kubeAudit';
import type { ParseContext, ParseResult } from './types';

/**
 * GKE's Kubernetes audit logs as Cloud Logging stores them: LogEntry records whose protoPayload is
 * a google.cloud.audit.AuditLog with serviceName `k8s.io`. A log sink to Cloud Storage writes JSON
 * lines; `gcloud logging read --format=json` and the console's download write a JSON array.
 *
 * | LogEntry field | column |
 * |---|---|
 * | timestamp | ts, ts_text |
 * | resource.labels.cluster_name | cluster |
 * | protoPayload.authenticationInfo.principalEmail | user |
 * | protoPayload.requestMetadata.callerIp / callerSuppliedUserAgent | src_ip / user_agent |
 * | last segment of protoPayload.methodName (io.k8s.core.v1.pods.get) | verb |
 * | protoPayload.resourceName (core/v1/namespaces/NS/pods/NAME[/SUB]) | api_group, namespace, resource, name, subresource |
 * | protoPayload.response.code, else protoPayload.status.code mapped from google.rpc.Code | status_code |
 * | labels["authorization.k8s.io/decision" / "reason"] | decision / reason |
 * | insertId (GKE writes one entry per request; operation.id repeats it) | audit_id |
 */

const AUDIT_LOG_TYPE = 'type.googleapis.com/google.cloud.audit.AuditLog';
const API_VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;

/** google.rpc.Code → HTTP status, as google/rpc/code.proto maps them. */
const RPC_TO_HTTP: readonly number[] = [200, 499, 500, 400, 504, 404, 409, 403, 429, 400, 409, 400, 501, 500, 503, 500, 401];

const payloadOf = (r: JsonObject): JsonObject | null => (isObject(r.protoPayload) ? r.protoPayload : null);

/** `core/v1/namespaces/prod/pods/web-0/exec` → its target; null when the name is not such a path. */
export function targetOfResourceName(resourceName: string): KubeTarget | null {
  const parts = resourceName.split('/').filter((p) => p !== '');
  if (parts.length < 3 || !API_VERSION.test(parts[1])) return null;
  return targetOfSegments(parts[0] === 'core' ? null : parts[0], parts[1], parts.slice(2));
}

/**
 * Falls back on methodName when resourceName is missing: `io.k8s.<group>.<version>.<resource>[.<sub>].<verb>`,
 * the group itself may hold dots (`io.k8s.authorization.rbac.v1.clusterroles.create`).
 */
export function targetOfMethodName(methodName: string): KubeTarget | null {
  const parts = methodName.split('.');
  if (parts[0] !== 'io' || parts[1] !== 'k8s') return null;
  const v = parts.findIndex((p, i) => i > 2 && API_VERSION.test(p));
  if (v < 0 || parts.length < v + 3) return null;
  const group = parts.slice(2, v).join('.');
  const between = parts.slice(v + 1, -1);
  return {
    apiGroup: group === 'core' ? null : group, apiVersion: parts[v], namespace: null,
    resource: between[0] ?? null, name: null, subresource: between[1] ?? null,
  };
}

function statusOf(p: JsonObject): { code: number | null; rpc: number | null } {
  const response = isObject(p.response) ? p.response : null;
  const httpCode = integer(response?.code);
  const rpc = isObject(p.status) ? (integer(p.status.code) ?? 0) : null;
  if (httpCode !== null && httpCode >= 100 && httpCode <= 599) return { code: httpCode, rpc };
  return { code: rpc === null ? null : (RPC_TO_HTTP[rpc] ?? 500), rpc };
}

function normalizeGkeRecord(r: JsonObject, ctx: ParseContext, format: string): ParseResult {
  const p = payloadOf(r) as JsonObject;
  const tsText = text(r.timestamp) ?? text(r.receiveTimestamp);
  if (tsText === null) return { kind: 'reject', reason: 'Cloud Logging entry without a timestamp' };
  const precise = parseIsoTimestamp(tsText, ctx.offsetMinutesFor('kube-audit'));
  if (Number.isNaN(precise)) return { kind: 'reject', reason: `unreadable timestamp ${JSON.stringify(tsText.slice(0, 40))}` };
  const ev = emptyEvent('kube-audit', format, Math.floor(precise), tsText);
  ev.cluster = text(fieldAt(r, 'resource.labels.cluster_name')) ?? ctx.cluster;
  ev.node = ctx.node;
  ev.user = text(fieldAt(p, 'authenticationInfo.principalEmail'));
  ev.srcIp = text(fieldAt(p, 'requestMetadata.callerIp'));
  ev.srcIps = ev.srcIp === null ? null : JSON.stringify([ev.srcIp]);
  ev.userAgent = text(fieldAt(p, 'requestMetadata.callerSuppliedUserAgent'));
  const methodName = text(p.methodName);
  const resourceName = text(p.resourceName);
  ev.verb = methodName === null ? null : methodName.slice(methodName.lastIndexOf('.') + 1);
  const target = (resourceName !== null ? targetOfResourceName(resourceName) : null) ?? (methodName !== null ? targetOfMethodName(methodName) : null);
  if (target) {
    ev.apiGroup = target.apiGroup;
    ev.namespace = target.namespace;
    ev.resource = target.resource;
    ev.name = target.name;
    ev.subresource = target.subresource;
  } else if (resourceName?.startsWith('/')) {
    ev.requestUri = resourceName;
  }
  const status = statusOf(p);
  ev.statusCode = status.code;
  ev.message = text(fieldAt(p, 'status.message'));
  const labels = isObject(r.labels) ? r.labels : {};
  ev.decision = text(labels['authorization.k8s.io/decision']);
  ev.reason = text(labels['authorization.k8s.io/reason']);
  ev.auditId = text(r.insertId) ?? text(fieldAt(r, 'operation.id'));
  ev.action = auditAction(ev.verb, ev.resource, ev.subresource, ev.requestUri);
  const details: Record<string, unknown> = {
    method_name: methodName, resource_name: resourceName, rpc_code: status.rpc,
    project_id: text(fieldAt(r, 'resource.labels.project_id')), location: text(fieldAt(r, 'resource.labels.location')),
    log_name: text(r.logName),
  };
  ev.details = JSON.stringify(Object.fromEntries(Object.entries(details).filter(([, v]) => v !== null)));
  return { kind: 'event', event: ev };
}

const GKE_SPEC: JsonRecordSpec = {
  what: 'a GKE Kubernetes audit log entry (Cloud Audit Logs, service k8s.io)',
  claims(r) {
    const p = payloadOf(r);
    if (!p || p['@type'] !== AUDIT_LOG_TYPE) return false;
    return p.serviceName === 'k8s.io' || (typeof p.methodName === 'string' && p.methodName.startsWith('io.k8s.'));
  },
  explain(r) {
    const p = payloadOf(r);
    return p && p['@type'] === AUDIT_LOG_TYPE ? `Cloud Audit Log entry of service ${String(p.serviceName)}, not k8s.io` : null;
  },
  normalize: normalizeGkeRecord,
};

/** A Cloud Logging sink to Cloud Storage: one LogEntry per line. */
export const gkeAuditLines = jsonRecordLines(GKE_SPEC, {
  id: 'gke-audit-json',
  label: 'GKE Kubernetes audit logs (Cloud Logging JSON lines)',
  samples: GKE_SAMPLES,
});

/** `gcloud logging read --format=json` or the console download: one JSON array of LogEntry. */
export const gkeAuditArray = jsonRecordDocument(GKE_SPEC, {
  id: 'gke-audit-array',
  label: 'GKE Kubernetes audit logs (Cloud Logging JSON array)',
  shape: 'a JSON array of Cloud Logging entries',
  // gcloud sorts keys: within the 20 lines import sniffs, operation.producer or the @type shows first.
  sniff: (head) => (/^\s*\[/.test(head) && /google\.cloud\.audit\.AuditLog|cloudaudit\.googleapis\.com/.test(head) && /"k8s\.io"|"io\.k8s\.|"k8s_cluster"/.test(head) ? 0.95 : 0),
  items: (doc) => (Array.isArray(doc) ? doc : null),
  samples: GKE_DOCUMENT_SAMPLES,
});
