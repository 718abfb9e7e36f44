import { emptyEvent } from '../model';
import { parseIsoTimestamp } from '../time';
import { applyAuthMessage, type DetailValue } from './authActions';
import { firstText, integer, isObject, parseJsonObject, unflatten, type JsonObject } from './jsonFields';
import { addDetails, withCluster } from './jsonRecordFormat';
import { looksLikeAuditEvent, normalizeAuditEvent } from './kubeAudit';
import { SyslogYearTracker } from './syslogYear';
import type { ParseContext, ParseResult } from './types';

/**
 * One document of an OpenSearch / Elasticsearch index of the kubeaudit* or authlog* pattern, as a
 * normalized event, whichever export carried it (hits as NDJSON, a _search response, a Discover CSV).
 *
 * - The audit event is the document itself (Compliant Kubernetes' fluentd writes it so, with
 *   requestObject / responseObject re-serialized to JSON text or "none", which are not read), or
 *   JSON text in its `log` or `message` field (a shipper that did not parse it).
 * - An authlog document carries the syslog parts as fields: time or @timestamp, host, ident or
 *   program, pid, message; the message is classified like a syslog line (authActions).
 * - The cluster comes from the first of CLUSTER_FIELDS present, nested or flattened; `_index` and
 *   `_id` go to details.
 */
export interface SearchHit {
  index: string | null;
  id: string | null;
  source: JsonObject;
  /** Times as written when the export reformatted them (a Discover CSV); keyed by field name. */
  writtenTimes?: Readonly<Record<string, string>>;
}

export const CLUSTER_FIELDS = ['cluster.name', 'cluster', 'kubernetes.cluster.name', 'kubernetes.cluster', 'kubernetes.cluster_name', 'orchestrator.cluster.name', 'cluster_name'] as const;
const NODE_FIELDS = ['host.name', 'host.hostname', 'hostname', 'host', 'kubernetes.host'] as const;
const PROGRAM_FIELDS = ['ident', 'program', 'syslog.appname', 'process.name', 'syslog_identifier'] as const;
const TIME_FIELDS = ['@timestamp', 'time', 'timestamp'] as const;
/** Fields of a document that may hold an audit event as JSON text. */
const EMBEDDED_EVENT_FIELDS = ['log', 'message'] as const;

const MONTHS: Readonly<Record<string, number>> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };
/** fluentd's syslog `time` when it was kept: `Nov 21 12:57:58` (no year, no zone). */
const SYSLOG_TIME = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)$/;

/** Year reckoning per file for year-less authlog times (the parse context is one object per file). */
const yearsByFile = new WeakMap<ParseContext, SyslogYearTracker>();

function yearsOf(ctx: ParseContext): SyslogYearTracker {
  let years = yearsByFile.get(ctx);
  if (!years) {
    years = new SyslogYearTracker({ year: ctx.year, mtime: ctx.mtime, offsetMinutes: ctx.offsetMinutesFor('authlog') });
    yearsByFile.set(ctx, years);
  }
  return years;
}

function embeddedEvent(source: JsonObject): JsonObject | null {
  for (const field of EMBEDDED_EVENT_FIELDS) {
    const v = source[field];
    if (typeof v === 'string' && v.charCodeAt(0) === 123 /* { */ && v.includes('"auditID"')) {
      const parsed = parseJsonObject(v, field);
      if (parsed.ok && looksLikeAuditEvent(parsed.value)) return parsed.value;
    }
  }
  return null;
}

/** A Discover export keeps only the columns the analyst chose: a verb and what it acted on suffice. */
const looksLikeChosenAuditFields = (d: JsonObject): boolean =>
  typeof d.verb === 'string' && (isObject(d.objectRef) || typeof d.requestURI === 'string') && firstText(d, PROGRAM_FIELDS) === null;

const isAuthlog = (hit: SearchHit): boolean =>
  (hit.index !== null && /(?:^|[-_.:])authlog/.test(hit.index)) || firstText(hit.source, PROGRAM_FIELDS) !== null;

/** The fields normalizeAuditEvent takes the event time from, in its order. */
const AUDIT_TIME_FIELDS = ['requestReceivedTimestamp', 'stageTimestamp', 'timestamp'] as const;

function auditFromHit(hit: SearchHit, event: JsonObject, ctx: ParseContext, format: string, cluster: string | null): ParseResult {
  let e = event;
  let timeField: string | undefined = AUDIT_TIME_FIELDS.find((f) => typeof e[f] === 'string');
  // An export that dropped the request timestamps (fluentd took stageTimestamp as its time key) still has @timestamp.
  if (timeField === undefined && typeof hit.source['@timestamp'] === 'string') {
    e = { ...e, timestamp: hit.source['@timestamp'] };
    timeField = '@timestamp';
  }
  const result = normalizeAuditEvent(e, format, withCluster(ctx, cluster));
  if (result.kind === 'event') {
    const node = firstText(hit.source, NODE_FIELDS);
    if (node !== null) result.event.node = node;
    const written = timeField === undefined ? undefined : hit.writtenTimes?.[timeField];
    if (written !== undefined) result.event.tsText = written;
  }
  return addDetails(result, { index: hit.index, id: hit.id });
}

/** The time of an authlog document (an audit event's is read by normalizeAuditEvent). */
function readTime(hit: SearchHit, ctx: ParseContext): { ts: number; tsText: string; yearInferred?: string } | null {
  const offsetMinutes = ctx.offsetMinutesFor('authlog');
  for (const field of TIME_FIELDS) {
    const t = hit.source[field];
    if (typeof t !== 'string') continue;
    const written = hit.writtenTimes?.[field] ?? t;
    const precise = parseIsoTimestamp(t, offsetMinutes);
    if (!Number.isNaN(precise)) return { ts: Math.floor(precise), tsText: written };
    const m = SYSLOG_TIME.exec(t);
    if (m) {
      const month = MONTHS[m[1]];
      const years = yearsOf(ctx);
      const year = years.yearFor(month);
      const ts = Date.UTC(year, month - 1, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) - offsetMinutes * 60_000;
      return { ts, tsText: written, yearInferred: years.source === 'user' ? undefined : years.source };
    }
  }
  return null;
}

function authlogFromHit(hit: SearchHit, ctx: ParseContext, format: string, cluster: string | null): ParseResult {
  const time = readTime(hit, ctx);
  if (!time) return { kind: 'reject', reason: 'authlog document without a readable @timestamp or time' };
  const source = hit.source;
  const ev = emptyEvent('authlog', format, time.ts, time.tsText);
  ev.cluster = cluster ?? ctx.cluster;
  ev.node = firstText(source, NODE_FIELDS) ?? ctx.node;
  const program = firstText(source, PROGRAM_FIELDS);
  const message = typeof source.message === 'string' ? source.message : '';
  ev.message = message === '' ? null : message;
  const details: Record<string, DetailValue> = {};
  if (program !== null) details.program = program;
  const pid = integer(source.pid) ?? integer(isObject(source.process) ? source.process.pid : undefined);
  if (pid !== null) details.pid = pid;
  if (hit.index !== null) details.index = hit.index;
  if (hit.id !== null) details.id = hit.id;
  if (time.yearInferred !== undefined) details.year_inferred = time.yearInferred;
  applyAuthMessage(ev, program, message, details);
  return { kind: 'event', event: ev };
}

/** The document as an event: a Kubernetes audit event, an authlog record, or a reject saying which it is not. */
export function normalizeSearchHit(hit: SearchHit, ctx: ParseContext, format: string): ParseResult {
  const cluster = firstText(hit.source, CLUSTER_FIELDS);
  const embedded = embeddedEvent(hit.source);
  if (embedded) return auditFromHit(hit, embedded, ctx, format, cluster);
  const own = unflatten(hit.source);
  if (looksLikeAuditEvent(own) || looksLikeChosenAuditFields(own)) return auditFromHit(hit, own, ctx, format, cluster);
  if (isAuthlog(hit)) return authlogFromHit(hit, ctx, format, cluster);
  return { kind: 'reject', reason: `document${hit.index ? ` of index ${hit.index}` : ''} is neither a Kubernetes audit event nor an authlog record` };
}
