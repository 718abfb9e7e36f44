import { AKS_DOCUMENT_SAMPLES, AKS_SAMPLES } from './cloudAuditSamples';
import { isObject, parseJsonObject, text, type JsonObject } from './jsonFields';
import { addDetails, jsonRecordDocument, jsonRecordLines, withCluster, type JsonRecordSpec } from './jsonRecordFormat';
import { looksLikeAuditEvent, normalizeAuditEvent } from './kubeAudit';

/**
 * AKS resource logs (diagnostic settings) of the kube-audit and kube-audit-admin categories:
 * `{time, resourceId, category, operationName, properties: {log, stream, pod}}` where
 * `properties.log` is the audit event as JSON text. A storage account receives them as JSON lines
 * (PT1H.json blobs); Event Hubs and older storage exports wrap them in `{"records": [...]}`.
 */

const AUDIT_CATEGORIES = new Set(['kube-audit', 'kube-audit-admin']);
/** Azure writes resource IDs upper-cased: the cluster name is kept as written there. */
const MANAGED_CLUSTER = /\/managedClusters\/([^/]+)/i;

export function aksClusterOf(resourceId: string | null): string | null {
  const m = resourceId === null ? null : MANAGED_CLUSTER.exec(resourceId);
  return m ? m[1] : null;
}

const propertiesOf = (r: JsonObject): JsonObject | null => (isObject(r.properties) ? r.properties : null);

const AKS_SPEC: JsonRecordSpec = {
  what: 'an AKS kube-audit diagnostic record',
  claims(r) {
    const category = text(r.category);
    return category !== null && AUDIT_CATEGORIES.has(category) && propertiesOf(r)?.log !== undefined;
  },
  explain(r) {
    const category = text(r.category);
    return category !== null && propertiesOf(r) !== null ? `AKS diagnostic record of category ${category}, not kube-audit` : null;
  },
  normalize(r, ctx, format) {
    const log = (propertiesOf(r) as JsonObject).log;
    let event: unknown = log;
    if (typeof log === 'string') {
      const parsed = parseJsonObject(log, 'properties.log');
      if (!parsed.ok) return { kind: 'reject', reason: `AKS properties.log: ${parsed.reason}` };
      event = parsed.value;
    }
    if (!looksLikeAuditEvent(event)) return { kind: 'reject', reason: 'AKS properties.log is not a Kubernetes audit event' };
    const resourceId = text(r.resourceId);
    const result = normalizeAuditEvent(event, format, withCluster(ctx, aksClusterOf(resourceId)));
    return addDetails(result, { category: text(r.category), resource_id: resourceId, pod: text((propertiesOf(r) as JsonObject).pod) });
  },
};

/** One diagnostic record per line: a storage account's PT1H.json blob. */
export const aksDiagnosticLines = jsonRecordLines(AKS_SPEC, {
  id: 'aks-diagnostic-json',
  label: 'AKS kube-audit diagnostic logs (JSON lines)',
  samples: AKS_SAMPLES,
});

/** `{"records": [...]}`: Event Hubs messages and older storage exports. */
export const aksDiagnosticRecords = jsonRecordDocument(AKS_SPEC, {
  id: 'aks-diagnostic-records',
  label: 'AKS kube-audit diagnostic logs ({"records": [...]})',
  shape: 'an Azure {"records": [...]} document',
  sniff: (head) => (/^\s*\{\s*"records"\s*:\s*\[/.test(head) && /"category"\s*:\s*"kube-audit/.test(head) ? 0.93 : 0),
  items: (doc) => (isObject(doc) && Array.isArray(doc.records) ? doc.records : null),
  samples: AKS_DOCUMENT_SAMPLES,
});
