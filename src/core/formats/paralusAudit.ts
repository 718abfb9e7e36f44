import { emptyEvent, type NormalizedEvent } from '../model';
import { parseIsoTimestamp } from '../time';
import { fieldAt, integer, isObject, splitHostPort, text, type JsonObject } from './jsonFields';
import { jsonRecordLines, type JsonRecordSpec } from './jsonRecordFormat';
import { parseApiPath, verbOfHttp } from './k8sRequest';
import { kubectlCommandAction } from './kubectlCommand';
import { auditAction } from './kubeAudit';
import { PARALUS_SAMPLES } from './paralusSamples';
import type { ParseContext, ParseResult } from './types';

/**
 * Paralus (and Rafay, whose code it grew from) audit records, one JSON object per line, source
 * `platform-audit`. Three shapes, as Paralus writes them (paralus/relay pkg/tail/types.go,
 * paralus/paralus pkg/audit/events.go):
 *
 * - relay API audit (AuditMsg, one per kubectl request through the relay): `ts` time, `id` xid,
 *   `un` user, `ra` remote address, `cn` cluster, `ns` namespace, `n` name, `k` kind (singular),
 *   `av` API version, `m` HTTP method, `url` path, `q` query, `sc` HTTP status, `d` duration in
 *   seconds, `w` bytes written, `st` session type, `pr` project, `o` / `p` organization / partner.
 *   → verb from method and path (GET of a collection is list), resource, subresource, namespace
 *   and name from the path (`k` and `ns` when the path says nothing), duration_ms = d × 1000,
 *   audit_id = id, action `get pods` as for Kubernetes audit events.
 * - the relay's own request log before that lookup (`msg` audit/access, `xid`, `method`, `url`,
 *   `query`, `serverName`, `user` the certificate CN, `remoteAddr`, `statusCode`, `written`, `duration`).
 * - core events (system and kubectl-command): `timestamp`, `type` (cluster.delete.success,
 *   kubectl.command.detail...), `actor.account.username`, `actor.groups`, `client.ip`,
 *   `client.user_agent`, `client.host`, `project`, `detail.message`, `detail.meta.cluster_name`.
 *   → action is the event type, or for a kubectl command `kubectl <subcommand> [<resource type>]`
 *   (`kubectl get pods`) read from the command in detail.message.
 */

type Shape = 'relay' | 'relay-log' | 'event';

function shapeOf(r: JsonObject): Shape | null {
  if (typeof r.un === 'string' && typeof r.m === 'string' && typeof r.url === 'string') return 'relay';
  if (typeof r.xid === 'string' && typeof r.method === 'string' && typeof r.url === 'string' && 'serverName' in r) return 'relay-log';
  if (isObject(r.actor) && isObject(r.detail) && typeof r.type === 'string') return 'event';
  return null;
}

/** An RFC 3339 time, or zap's epoch seconds as a number. */
export function platformTime(v: unknown, ctx: ParseContext): { ts: number; tsText: string } | null {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return { ts: Math.floor(v * 1000), tsText: String(v) };
  if (typeof v !== 'string') return null;
  const precise = parseIsoTimestamp(v, ctx.offsetMinutesFor('platform-audit'));
  return Number.isNaN(precise) ? null : { ts: Math.floor(precise), tsText: v };
}

/** A client address as written (`10.0.0.147:47204`, `203.0.113.9, 10.0.0.2` from X-Forwarded-For, `-` when unknown). */
function applyClientAddress(ev: NormalizedEvent, written: string | null): void {
  if (written === null || written === '-') return;
  const hops = written.split(/,\s*/).filter((h) => h !== '').map(splitHostPort);
  if (hops.length === 0) return;
  ev.srcIp = hops[0].host;
  ev.srcPort = hops[0].port;
  ev.srcIps = JSON.stringify(hops.map((h) => h.host));
}

const seconds = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1e6) / 1e3 : null);

function compact(details: Record<string, unknown>): string | null {
  const kept = Object.entries(details).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return kept.length === 0 ? null : JSON.stringify(Object.fromEntries(kept));
}

/** A request through the relay: the relay audit record or the relay's request log line. */
function relayRequest(r: JsonObject, shape: 'relay' | 'relay-log', ctx: ParseContext, format: string): ParseResult {
  const relay = shape === 'relay';
  const time = platformTime(r.ts, ctx);
  if (!time) return { kind: 'reject', reason: 'Paralus relay record without a readable ts' };
  const ev = emptyEvent('platform-audit', format, time.ts, time.tsText);
  const url = text(r.url) as string;
  const query = text(relay ? r.q : r.query);
  const method = text(relay ? r.m : r.method) as string;
  const target = parseApiPath(url);
  ev.cluster = (relay ? text(r.cn) : null) ?? ctx.cluster;
  ev.node = ctx.node;
  ev.user = text(relay ? r.un : r.user);
  applyClientAddress(ev, text(relay ? r.ra : r.remoteAddr));
  ev.verb = verbOfHttp(method, target, query);
  ev.apiGroup = target?.apiGroup ?? null;
  ev.resource = target?.resource ?? (relay ? text(r.k) : null);
  ev.subresource = target?.subresource ?? null;
  ev.namespace = target?.namespace ?? (relay ? text(r.ns) : null);
  ev.name = target?.name ?? (relay ? text(r.n) : null);
  ev.requestUri = query === null ? url : `${url}?${query}`;
  ev.statusCode = integer(relay ? r.sc : r.statusCode);
  ev.durationMs = seconds(relay ? r.d : r.duration);
  ev.auditId = text(relay ? r.id : r.xid);
  ev.action = auditAction(ev.verb, ev.resource, ev.subresource, ev.requestUri);
  ev.details = compact(relay
    ? { kind: text(r.k), method, api_version: text(r.av), session_type: text(r.st), project: text(r.pr), organization: text(r.o), partner: text(r.p), bytes_written: integer(r.w) }
    : { msg: text(r.msg), method, server_name: text(r.serverName), bytes_written: integer(r.written) });
  return { kind: 'event', event: ev };
}

/** A core event: a console or API action, or a kubectl command typed in the browser shell. */
function coreEvent(r: JsonObject, ctx: ParseContext, format: string): ParseResult {
  const time = platformTime(r.timestamp, ctx);
  if (!time) return { kind: 'reject', reason: 'Paralus event without a readable timestamp' };
  const ev = emptyEvent('platform-audit', format, time.ts, time.tsText);
  const type = text(r.type) as string;
  const meta = isObject(fieldAt(r, 'detail.meta')) ? (fieldAt(r, 'detail.meta') as JsonObject) : {};
  ev.cluster = text(meta.cluster_name) ?? ctx.cluster;
  ev.node = ctx.node;
  ev.user = text(fieldAt(r, 'actor.account.username'));
  const groups = fieldAt(r, 'actor.groups');
  if (Array.isArray(groups) && groups.length > 0 && groups.every((g) => typeof g === 'string')) ev.groups = JSON.stringify(groups);
  applyClientAddress(ev, text(fieldAt(r, 'client.ip')));
  const agent = text(fieldAt(r, 'client.user_agent'));
  ev.userAgent = agent === '-' ? null : agent;
  ev.message = text(fieldAt(r, 'detail.message'));
  const command = type.startsWith('kubectl.') && ev.message !== null ? kubectlCommandAction(ev.message) : null;
  ev.action = command?.action ?? type;
  ev.namespace = text(meta.namespace) ?? command?.namespace ?? null;
  const host = text(fieldAt(r, 'client.host'));
  ev.details = compact({
    type, origin: text(r.origin), portal: text(r.portal), project: text(r.project), category: text(r.category),
    client_type: text(fieldAt(r, 'client.type')), client_host: host === '-' ? null : host,
    meta: Object.keys(meta).length > 0 ? meta : null,
  });
  return { kind: 'event', event: ev };
}

const PARALUS_SPEC: JsonRecordSpec = {
  what: 'a Paralus audit record (relay API audit, relay request log, or core event)',
  claims: (r) => shapeOf(r) !== null,
  normalize(r, ctx, format) {
    const shape = shapeOf(r) as Shape;
    return shape === 'event' ? coreEvent(r, ctx, format) : relayRequest(r, shape, ctx, format);
  },
};

export const paralusAuditLines = jsonRecordLines(PARALUS_SPEC, {
  id: 'paralus-audit-json',
  label: 'Paralus / Rafay audit records (JSON lines)',
  samples: PARALUS_SAMPLES,
});
