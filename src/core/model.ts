/**
 * The normalized event: one row of the public `events` view (see docs/schema.md).
 * Every parser produces this shape; a field that does not apply to a source is null.
 */
export const EVENT_SOURCES = ['kube-audit', 'authlog', 'platform-audit', 'db-audit', 'other'] as const;

export type EventSource = (typeof EVENT_SOURCES)[number];

export interface NormalizedEvent {
  /** UTC epoch milliseconds. */
  ts: number;
  /** The timestamp as written in the log, microseconds and zone included. */
  tsText: string;
  source: EventSource;
  /** Name of the parser that read the record. */
  format: string;
  cluster: string | null;
  node: string | null;
  user: string | null;
  /** JSON array text. */
  groups: string | null;
  impersonatedUser: string | null;
  srcIp: string | null;
  /** JSON array text. */
  srcIps: string | null;
  srcPort: number | null;
  userAgent: string | null;
  verb: string | null;
  resource: string | null;
  subresource: string | null;
  namespace: string | null;
  name: string | null;
  apiGroup: string | null;
  requestUri: string | null;
  statusCode: number | null;
  decision: string | null;
  reason: string | null;
  durationMs: number | null;
  auditId: string | null;
  stage: string | null;
  action: string | null;
  message: string | null;
  /** JSON object text with source-specific fields (ssh method, key fingerprint, repeat count...). */
  details: string | null;
}

/** An event with nothing filled in but the mandatory fields; parsers spread over it. */
export function emptyEvent(source: EventSource, format: string, ts: number, tsText: string): NormalizedEvent {
  return {
    ts, tsText, source, format,
    cluster: null, node: null, user: null, groups: null, impersonatedUser: null,
    srcIp: null, srcIps: null, srcPort: null, userAgent: null, verb: null, resource: null,
    subresource: null, namespace: null, name: null, apiGroup: null, requestUri: null,
    statusCode: null, decision: null, reason: null, durationMs: null, auditId: null,
    stage: null, action: null, message: null, details: null,
  };
}

export type FileStatus = 'complete' | 'partial' | 'skipped';

/** One row of the `files` provenance table. */
export interface FileSummary {
  id: number;
  path: string;
  size: number;
  sha256: string;
  format: string | null;
  lines: number;
  events: number;
  merged: number;
  rejected: number;
  blank: number;
  status: FileStatus;
  reason: string | null;
}
