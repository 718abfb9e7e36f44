import type { Database, SqlValue } from 'sql.js';
import type { SqlCondition } from '../query/filter';
import type { EvidenceRow } from '../findings/evidence';
import { eventRecords, type EventRecord } from './eventRecords';
import type { CsvChunk } from './eventsCsv';

/** What each event's time is, for Timesketch's `timestamp_desc`. */
const TIMESTAMP_DESC: Record<string, string> = {
  'kube-audit': 'Request Received',
  authlog: 'Log Entry Written',
};

/** Columns that are internal to the case or already carried by message/datetime. */
const LEFT_OUT = new Set(['ts', 'file_id']);

/** A one-line summary for Timesketch's `message`: who did what to which object, from where, with what outcome. */
export function timesketchMessage(e: Record<string, SqlValue>): string {
  const object = [e.namespace, e.resource, e.name].filter((v) => v !== null && v !== undefined && v !== '').join('/');
  const parts = [
    e.cluster ? `[${String(e.cluster)}]` : null,
    e.user ?? '-',
    e.action ?? e.verb ?? e.message ?? e.source,
    object || null,
    e.status_code !== null && e.status_code !== undefined ? `→ ${String(e.status_code)}` : null,
    e.src_ip ? `from ${String(e.src_ip)}` : null,
  ];
  return parts.filter((p) => p !== null && p !== undefined).map(String).join(' ');
}

/** One Timesketch JSONL record (message, datetime, timestamp_desc, timestamp in µs, then the event's fields). */
export function timesketchLine(e: EventRecord, extra: Record<string, unknown> = {}): string {
  const ts = Number(e.ts);
  const record: Record<string, unknown> = {
    message: timesketchMessage(e),
    datetime: new Date(ts).toISOString().replace('Z', '+00:00'),
    timestamp_desc: TIMESTAMP_DESC[String(e.source)] ?? 'Event Time',
    timestamp: ts * 1000,
  };
  for (const [key, value] of Object.entries(e)) {
    if (LEFT_OUT.has(key) || value === null || value === undefined || value instanceof Uint8Array) continue;
    record[key === 'id' ? 'event_id' : key] = value;
  }
  return JSON.stringify({ ...record, ...extra }) + '\n';
}

/** Filtered events as Timesketch JSONL, in chunks (as eventsCsvChunks). */
export function* timesketchEventChunks(db: Database, cond: SqlCondition, rowsPerChunk = 5000): Generator<CsvChunk> {
  let text = '';
  let rows = 0;
  for (const record of eventRecords(db, cond)) {
    text += timesketchLine(record);
    rows++;
    if (rows % rowsPerChunk === 0) {
      yield { text, rows };
      text = '';
    }
  }
  if (text || rows === 0) yield { text, rows };
}

/** The findings' evidence as Timesketch JSONL: each event with its finding's severity, tags, note and analyst. */
export function timesketchFindings(db: Database, evidence: readonly EvidenceRow[]): string {
  let out = '';
  for (const row of evidence) {
    const event = [...eventRecords(db, { where: 'e.id = ?', params: [row.event_id] })][0];
    if (!event) continue;
    const tags = JSON.parse(row.tags) as string[];
    out += timesketchLine(event, {
      finding_id: row.finding_id,
      finding_severity: row.severity,
      finding_tags: tags,
      finding_note: row.note,
      finding_analyst: row.analyst,
      tag: ['trailhound-finding', `severity:${row.severity}`, ...tags],
    });
  }
  return out;
}
