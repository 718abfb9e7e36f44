import { EKS_DOCUMENT_SAMPLES, EKS_SAMPLES } from './cloudAuditSamples';
import { isObject, parseJsonObject, text, type JsonObject } from './jsonFields';
import { addDetails, jsonRecordDocument, jsonRecordLines, withCluster, type JsonRecordSpec } from './jsonRecordFormat';
import { looksLikeAuditEvent, normalizeAuditEvent } from './kubeAudit';

/**
 * EKS control-plane audit logs as CloudWatch Logs hands them out: log events whose `message` is
 * the audit event as JSON text. The same event is spelt three ways: `aws logs filter-log-events`
 * (`logStreamName`, `timestamp` in ms, `message`, often flattened to one event per line with jq),
 * a Logs Insights export (`@message`, `@logStream`, `@log`), and an S3 export task (each line
 * `<ISO time> <message>`).
 */

/** `/aws/eks/<cluster>/cluster`, optionally prefixed with the account (`123456789012:/aws/eks/...`, Logs Insights). */
const LOG_GROUP = /(?:^|:)\/aws\/eks\/([^/]+)\/cluster$/;
const AUDIT_STREAM = 'kube-apiserver-audit';
/** An S3 export line: the event time, one space, the message. */
const S3_EXPORT_LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (\{.*)$/s;

const messageOf = (r: JsonObject): string | null => text(r.message) ?? text(r['@message']);
const streamOf = (r: JsonObject): string | null => text(r.logStreamName) ?? text(r.logStream) ?? text(r['@logStream']);
const groupOf = (r: JsonObject): string | null => text(r.logGroupName) ?? text(r.logGroup) ?? text(r['@log']);

export function eksClusterOf(logGroup: string | null): string | null {
  const m = logGroup === null ? null : LOG_GROUP.exec(logGroup);
  return m ? m[1] : null;
}

const EKS_SPEC: JsonRecordSpec = {
  what: 'a CloudWatch log event holding a Kubernetes audit event',
  claims(r) {
    const message = messageOf(r);
    if (message === null) return false;
    const stream = streamOf(r);
    // Other control-plane streams (authenticator, scheduler) share the log group: the stream, or
    // an audit marker in the message when the stream is not given, tells them apart.
    return stream !== null ? stream.startsWith(AUDIT_STREAM) : message.includes('"audit.k8s.io/');
  },
  explain(r) {
    const stream = streamOf(r);
    return messageOf(r) !== null && stream !== null ? `CloudWatch log stream ${stream} is not a ${AUDIT_STREAM} stream` : null;
  },
  normalize(r, ctx, format) {
    const message = messageOf(r) as string;
    const parsed = parseJsonObject(message, 'message');
    if (!parsed.ok) return { kind: 'reject', reason: `CloudWatch message: ${parsed.reason}` };
    if (!looksLikeAuditEvent(parsed.value)) return { kind: 'reject', reason: 'CloudWatch message is not a Kubernetes audit event' };
    const group = groupOf(r);
    const result = normalizeAuditEvent(parsed.value, format, withCluster(ctx, eksClusterOf(group)));
    return addDetails(result, { log_group: group, log_stream: streamOf(r), event_id: text(r.eventId) ?? text(r.id) });
  },
  readLine(line) {
    if (line.charCodeAt(0) === 123 /* { */) return parseJsonObject(line, 'JSON line');
    const m = S3_EXPORT_LINE.exec(line);
    return m ? { ok: true, value: { timestamp: m[1], message: m[2] } } : { ok: false, reason: 'neither a JSON log event nor an S3 export line (<time> <message>)' };
  },
};

/** One CloudWatch log event per line (jq -c '.events[]', or an S3 export's `<time> <message>` lines). */
export const eksCloudWatchLines = jsonRecordLines(EKS_SPEC, {
  id: 'eks-cloudwatch-json',
  label: 'EKS audit log from CloudWatch (JSON lines)',
  samples: EKS_SAMPLES,
});

/** `aws logs filter-log-events` / `get-log-events` output (`{"events":[...]}`), or a Logs Insights JSON export (an array). */
export const eksCloudWatchDocument = jsonRecordDocument(EKS_SPEC, {
  id: 'eks-cloudwatch-events',
  label: 'EKS audit log from CloudWatch (events document)',
  shape: 'a CloudWatch events document ({"events": [...]} or an array of log events)',
  sniff(head) {
    const start = /^\s*(\{\s*"(?:events|nextToken|nextForwardToken)"|\[\s*\{)/.test(head);
    // CloudWatch's own field names: a search export of audit documents (`message`, `_source`) must not match.
    return start && /"(?:@message|logStreamName|logStream)"\s*:/.test(head) && /kube-apiserver-audit|audit\.k8s\.io/.test(head) ? 0.93 : 0;
  },
  items(doc) {
    if (Array.isArray(doc)) return doc;
    return isObject(doc) && Array.isArray(doc.events) ? doc.events : null;
  },
  samples: EKS_DOCUMENT_SAMPLES,
});
