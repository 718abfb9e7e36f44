import { emptyEvent, type NormalizedEvent } from '../model';
import { parseIsoTimestamp } from '../time';
import type { DocumentFormat, DocumentRecord, LineFormat, ParseContext, ParseResult } from './types';

/** The subset of audit.k8s.io Event (v1, v1beta1) that the normalized event reads. */
interface AuditEvent {
  kind?: unknown;
  apiVersion?: unknown;
  auditID?: unknown;
  stage?: unknown;
  requestURI?: unknown;
  verb?: unknown;
  user?: { username?: unknown; groups?: unknown };
  impersonatedUser?: { username?: unknown };
  sourceIPs?: unknown;
  userAgent?: unknown;
  objectRef?: { resource?: unknown; subresource?: unknown; namespace?: unknown; name?: unknown; apiGroup?: unknown };
  responseStatus?: { code?: unknown; message?: unknown };
  requestReceivedTimestamp?: unknown;
  stageTimestamp?: unknown;
  timestamp?: unknown;
  annotations?: Record<string, unknown>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : null);
const strArray = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

/** A string JSON.stringify would not write as it is: a quote, a backslash, a control character, a surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON text of a list of strings, exactly as JSON.stringify writes it, built directly in the usual case (nothing to escape). */
export function stringListJson(list: readonly string[]): string {
  if (list.length === 0) return '[]';
  for (const s of list) if (NEEDS_ESCAPE.test(s)) return JSON.stringify(list);
  return list.length === 1 ? `["${list[0]}"]` : `["${list.join('","')}"]`;
}

function isAuditApiVersion(v: unknown): boolean {
  return typeof v === 'string' && v.startsWith('audit.k8s.io/');
}

/** True when a parsed JSON value looks like a Kubernetes audit Event of any audit.k8s.io version. */
export function looksLikeAuditEvent(v: unknown): v is AuditEvent {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const e = v as AuditEvent;
  if (e.kind === 'Event' && isAuditApiVersion(e.apiVersion)) return true;
  // Some exporters drop kind/apiVersion; auditID + stage + verb is unmistakable.
  return typeof e.auditID === 'string' && typeof e.stage === 'string' && typeof e.verb === 'string';
}

/** Short normalized action: `get pods`, `create pods/exec`, or `get /healthz` for non-resource URLs. */
export function auditAction(verb: string | null, resource: string | null, subresource: string | null, uri: string | null): string | null {
  if (!verb) return null;
  if (resource) return subresource ? `${verb} ${resource}/${subresource}` : `${verb} ${resource}`;
  if (uri) return `${verb} ${uri.split('?')[0]}`;
  return verb;
}

/**
 * Normalizes one audit Event object. The event time is requestReceivedTimestamp, else
 * stageTimestamp, else the older versions' `timestamp`.
 */
export function normalizeAuditEvent(e: AuditEvent, format: string, ctx: ParseContext): ParseResult {
  if (e.kind !== undefined && e.kind !== 'Event') return { kind: 'reject', reason: `not an audit Event (kind ${String(e.kind).slice(0, 40)})` };
  const received = str(e.requestReceivedTimestamp);
  const stageAt = str(e.stageTimestamp);
  const tsText = received ?? stageAt ?? str(e.timestamp);
  if (!tsText) return { kind: 'reject', reason: 'audit event without requestReceivedTimestamp, stageTimestamp or timestamp' };
  const offsetMinutes = ctx.offsetMinutesFor('kube-audit');
  const precise = parseIsoTimestamp(tsText, offsetMinutes);
  if (Number.isNaN(precise)) return { kind: 'reject', reason: `unreadable timestamp ${JSON.stringify(tsText.slice(0, 40))}` };

  const ev: NormalizedEvent = emptyEvent('kube-audit', format, Math.floor(precise), tsText);
  ev.cluster = ctx.cluster;
  ev.node = ctx.node;
  ev.user = str(e.user?.username);
  const groups = strArray(e.user?.groups);
  ev.groups = groups ? stringListJson(groups) : null;
  ev.impersonatedUser = str(e.impersonatedUser?.username);
  const ips = strArray(e.sourceIPs);
  if (ips && ips.length > 0) {
    ev.srcIp = ips[0];
    ev.srcIps = stringListJson(ips);
  }
  ev.userAgent = str(e.userAgent);
  ev.verb = str(e.verb);
  const ref = e.objectRef;
  ev.resource = str(ref?.resource);
  ev.subresource = str(ref?.subresource);
  ev.namespace = str(ref?.namespace);
  ev.name = str(ref?.name);
  ev.apiGroup = str(ref?.apiGroup);
  ev.requestUri = str(e.requestURI);
  ev.statusCode = int(e.responseStatus?.code);
  ev.message = str(e.responseStatus?.message);
  const ann = e.annotations;
  if (ann) {
    ev.decision = str(ann['authorization.k8s.io/decision']);
    ev.reason = str(ann['authorization.k8s.io/reason']);
  }
  if (received && stageAt) {
    const end = parseIsoTimestamp(stageAt, offsetMinutes);
    if (!Number.isNaN(end)) ev.durationMs = Math.round((end - precise) * 1000) / 1000;
  }
  ev.auditId = str(e.auditID);
  ev.stage = str(e.stage);
  ev.action = auditAction(ev.verb, ev.resource, ev.subresource, ev.requestUri);
  return { kind: 'event', event: ev };
}

function parseJsonObject(line: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(line) };
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${(err as Error).message.slice(0, 120)}` };
  }
}

function sniffJsonLines(lines: readonly string[]): number {
  let hits = 0;
  for (const line of lines.slice(0, 5)) {
    const parsed = parseJsonObject(line);
    if (parsed.ok && looksLikeAuditEvent(parsed.value)) hits++;
  }
  return hits > 0 ? 0.9 : 0;
}

/** kube-apiserver's log backend: one audit Event JSON object per line. */
export const kubeAuditJsonLines = {
  kind: 'lines',
  id: 'k8s-audit-json',
  label: 'Kubernetes audit events (JSON lines)',
  sniff: sniffJsonLines,
  open(ctx) {
    return {
      parseLine(line) {
        if (line.trim() === '') return { kind: 'blank' };
        const parsed = parseJsonObject(line);
        if (!parsed.ok) return { kind: 'reject', reason: parsed.reason };
        if (!looksLikeAuditEvent(parsed.value)) return { kind: 'reject', reason: 'JSON line is not a Kubernetes audit event' };
        return normalizeAuditEvent(parsed.value, 'k8s-audit-json', ctx);
      },
    };
  },
} satisfies LineFormat;

/** The webhook backend's batch: one audit EventList document holding `items`. */
export const kubeAuditEventList = {
  kind: 'document',
  id: 'k8s-audit-eventlist',
  label: 'Kubernetes audit EventList (JSON document)',
  sniff(head) {
    return /^\s*\{/.test(head) && /"kind"\s*:\s*"EventList"/.test(head) && /"audit\.k8s\.io\//.test(head) ? 0.95 : 0;
  },
  *parseDocument(text, ctx): Iterable<DocumentRecord> {
    const parsed = parseJsonObject(text);
    if (!parsed.ok) {
      yield { line: 1, result: { kind: 'reject', reason: parsed.reason }, raw: text.slice(0, 200) };
      return;
    }
    const items = (parsed.value as { items?: unknown }).items;
    if (!Array.isArray(items)) {
      yield { line: 1, result: { kind: 'reject', reason: 'EventList without an items array' }, raw: text.slice(0, 200) };
      return;
    }
    for (let i = 0; i < items.length; i++) {
      const item: unknown = items[i];
      const raw = JSON.stringify(item);
      const result: ParseResult = looksLikeAuditEvent(item)
        ? normalizeAuditEvent(item, 'k8s-audit-eventlist', ctx)
        : { kind: 'reject', reason: 'EventList item is not a Kubernetes audit event' };
      yield { line: i + 1, result, raw };
    }
  },
} satisfies DocumentFormat;
