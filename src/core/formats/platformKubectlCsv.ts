import { emptyEvent } from '../model';
import { parseIsoTimestamp } from '../time';
import { csvHeader, isBlankRow, readCsv } from './csvRecords';
import { parseApiPath, verbOfHttp } from './k8sRequest';
import { auditAction } from './kubeAudit';
import { PLATFORM_CSV_SAMPLES } from './platformSamples';
import type { DocumentFormat, DocumentRecord, ParseContext, ParseResult } from './types';

/**
 * The kubectl audit log of Paralus and Rafay as the console exports it to CSV: columns Date,
 * User, Cluster, Namespace, Resource, Method, Access Method, Details (matched by name, any order,
 * any case). Source `platform-audit`.
 *
 * | column | becomes |
 * |---|---|
 * | Date | ts, ts_text (ISO 8601, or `MM/DD/YYYY, hh:mm:ss AM`, or `MMM D, YYYY hh:mm:ss [AM]`; no zone → the source's zone) |
 * | User, Cluster, Namespace | user, cluster, namespace |
 * | Resource | resource (the plural from a URL in Details wins; the written kind goes to details.kind) |
 * | Method | verb: an HTTP method as the API server maps it (with a path in Details, GET of a collection is list), a Kubernetes verb as written |
 * | Access Method | details.access_method |
 * | Details | message; an API path in it → request_uri, subresource, name; `status 403` or `(403)` → status_code; a duration (`1.5s`, `12ms`, `2m3s`) → duration_ms |
 *
 * action: `<verb> <resource>[/<subresource>]`, as for Kubernetes audit events.
 */

const REQUIRED = ['date', 'user', 'cluster', 'method'];
const VERB_OF_METHOD: Readonly<Record<string, string>> = { GET: 'get', HEAD: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete', OPTIONS: 'options' };
const HTTP_METHODS = new Set(Object.keys(VERB_OF_METHOD));
const K8S_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'proxy', 'connect']);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Date layouts a console writes besides ISO 8601, each with where its parts are. */
const DATE_LAYOUTS: readonly { re: RegExp; parts: (m: RegExpExecArray) => number[] }[] = [
  // 11/21/2026, 12:57:58 PM (en-US toLocaleString)
  { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4}),? (\d{1,2}):(\d\d):(\d\d)(?: ?([AP]M))?$/i, parts: (m) => [+m[3], +m[1], +m[2], hour12(+m[4], m[7]), +m[5], +m[6]] },
  // Nov 21, 2026 12:57:58 PM / Nov 21, 2026, 12:57:58
  { re: /^([A-Z][a-z]{2}) (\d{1,2}), (\d{4}),? (\d{1,2}):(\d\d):(\d\d)(?: ?([AP]M))?$/, parts: (m) => [+m[3], MONTHS.indexOf(m[1]) + 1, +m[2], hour12(+m[4], m[7]), +m[5], +m[6]] },
];

function hour12(hour: number, half: string | undefined): number {
  if (!half) return hour;
  const pm = half.toUpperCase() === 'PM';
  return (hour % 12) + (pm ? 12 : 0);
}

export function platformDate(text: string, ctx: ParseContext): number | null {
  const offsetMinutes = ctx.offsetMinutesFor('platform-audit');
  const iso = parseIsoTimestamp(text, offsetMinutes);
  if (!Number.isNaN(iso)) return Math.floor(iso);
  for (const layout of DATE_LAYOUTS) {
    const m = layout.re.exec(text);
    if (!m) continue;
    const [y, mo, d, h, mi, s] = layout.parts(m);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
    return Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000;
  }
  return null;
}

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** A Go-style duration: `1.5s`, `12ms`, `2m3.5s`, `350µs`. */
const DURATION = /(?<![\w.\-/])((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)(?![a-z]))+)/i;
const DURATION_AFTER_WORD = /\b(?:duration|took|latency|elapsed)\b\s*[:=]?\s*((?:\d+(?:\.\d+)?\s?(?:ns|us|µs|ms|s|m|h)(?![a-z]))+)/i;

export function durationMsIn(details: string): number | null {
  const m = DURATION_AFTER_WORD.exec(details) ?? DURATION.exec(details);
  if (!m) return null;
  let total = 0;
  for (const part of m[1].matchAll(/(\d+(?:\.\d+)?)\s?(ns|us|µs|ms|s|m|h)/gi)) total += Number(part[1]) * UNIT_MS[part[2].toLowerCase()];
  return Math.round(total * 1000) / 1000;
}

/** `status 403`, `status code: 403`, `code=403`, or `(403)` after the request. */
const STATUS = /\b(?:status(?:\s*code)?|code|sc)\s*[:=]?\s*([1-5]\d\d)\b|\(([1-5]\d\d)\)/i;
const API_PATH = /(\/apis?(?:\/[^\s,;"'?]+)*)(?:\?([^\s,;"']*))?/;

function rowEvent(cell: (name: string) => string | null, ctx: ParseContext, format: string): ParseResult {
  const dateText = cell('date');
  if (dateText === null) return { kind: 'reject', reason: 'row without a Date' };
  const ts = platformDate(dateText, ctx);
  if (ts === null) return { kind: 'reject', reason: `unreadable Date ${JSON.stringify(dateText.slice(0, 40))}` };
  const ev = emptyEvent('platform-audit', format, ts, dateText);
  ev.user = cell('user');
  ev.cluster = cell('cluster') ?? ctx.cluster;
  ev.node = ctx.node;
  const detailsText = cell('details');
  ev.message = detailsText;
  const path = detailsText === null ? null : API_PATH.exec(detailsText);
  const target = path ? parseApiPath(path[1]) : null;
  if (path) ev.requestUri = path[2] ? `${path[1]}?${path[2]}` : path[1];
  ev.namespace = cell('namespace') ?? target?.namespace ?? null;
  const kind = cell('resource');
  ev.resource = target?.resource ?? kind;
  ev.subresource = target?.subresource ?? null;
  ev.name = target?.name ?? null;
  ev.apiGroup = target?.apiGroup ?? null;
  const method = cell('method');
  if (method !== null) {
    if (HTTP_METHODS.has(method.toUpperCase())) {
      // Without a path the row does not say whether one object or a collection was read: get, not a guessed list.
      ev.verb = target ? verbOfHttp(method, target, path?.[2] ?? null) : VERB_OF_METHOD[method.toUpperCase()];
    } else {
      ev.verb = K8S_VERBS.has(method.toLowerCase()) ? method.toLowerCase() : method;
    }
  }
  const status = detailsText === null ? null : STATUS.exec(detailsText);
  ev.statusCode = status ? Number(status[1] ?? status[2]) : null;
  ev.durationMs = detailsText === null ? null : durationMsIn(detailsText);
  ev.action = auditAction(ev.verb, ev.resource, ev.subresource, ev.requestUri);
  const details = Object.entries({ kind, method, access_method: cell('access method') }).filter(([, v]) => v !== null);
  ev.details = details.length === 0 ? null : JSON.stringify(Object.fromEntries(details));
  return { kind: 'event', event: ev };
}

export const platformKubectlCsv = {
  kind: 'document',
  id: 'platform-kubectl-csv',
  label: 'Paralus / Rafay kubectl audit export (CSV)',
  sniff(head) {
    const header = csvHeader(head)?.map((c) => c.toLowerCase());
    if (!header || !REQUIRED.every((c) => header.includes(c))) return 0;
    return header.includes('access method') || header.includes('details') ? 0.9 : 0.6;
  },
  *parseDocument(text, ctx): Iterable<DocumentRecord> {
    const { header, rows } = readCsv(text);
    const columns = header.map((c) => c.toLowerCase());
    for (const row of rows) {
      if (isBlankRow(row)) {
        yield { line: row.line, result: { kind: 'blank' }, raw: row.raw };
        continue;
      }
      if (row.cells.length !== header.length) {
        yield { line: row.line, result: { kind: 'reject', reason: `row has ${row.cells.length} cells, the header ${header.length}` }, raw: row.raw };
        continue;
      }
      const cell = (name: string): string | null => {
        const i = columns.indexOf(name);
        const v = i < 0 ? '' : row.cells[i].trim();
        return v === '' || v === '-' ? null : v;
      };
      yield { line: row.line, result: rowEvent(cell, ctx, 'platform-kubectl-csv'), raw: row.raw };
    }
  },
  samples: PLATFORM_CSV_SAMPLES,
} satisfies DocumentFormat;
