import type { Database } from 'sql.js';
import { toCsv, type CsvValue } from '../export/csv';
import { activityCsvRows, ACTIVITY_CSV_HEADER, listActivity } from './activityLog';
import { evidenceRows, type EvidenceRow } from './evidence';
import { joinTags } from './severity';

/** The findings CSV header: a contract of issue 5, exactly these columns in this order. */
export const FINDINGS_CSV_HEADER = [
  'finding_id', 'time_utc', 'source', 'cluster', 'node', 'user', 'src_ip', 'action', 'namespace', 'resource', 'name',
  'status_code', 'severity', 'tags', 'note', 'analyst', 'file', 'line', 'file_sha256', 'audit_id',
] as const;

export interface FindingsCsvOptions {
  /** A UTF-8 byte order mark, so that Excel reads the file as UTF-8 ("CSV for Excel"). */
  bom?: boolean;
  /** Only these findings (default: all). */
  findingIds?: readonly number[];
}

/** ISO 8601 in UTC with milliseconds, as stored: 2026-11-21T02:10:03.412Z. */
export const isoUtc = (ts: number): string => new Date(ts).toISOString();

/** One CSV record of an evidence row, in FINDINGS_CSV_HEADER order; an absent value is an empty cell. */
export function findingsCsvRecord(r: EvidenceRow): CsvValue[] {
  return [
    r.finding_id, isoUtc(r.ts), r.source, r.cluster, r.node, r.user, r.src_ip, r.action, r.namespace, r.resource, r.name,
    r.status_code, r.severity, joinTags(JSON.parse(r.tags) as string[]), r.note || null, r.analyst, r.file, r.line,
    r.file_sha256 || null, r.audit_id,
  ];
}

/**
 * The findings as CSV (RFC 4180, UTF-8, CRLF): one row per event of each finding, findings in
 * time order. Text a spreadsheet would run as a formula is neutralized; numbers stay numbers.
 */
export function findingsCsv(db: Database, options: FindingsCsvOptions = {}): string {
  return toCsv(FINDINGS_CSV_HEADER, evidenceRows(db, options.findingIds).map(findingsCsvRecord), { bom: options.bom });
}

/** The activity log as its own CSV, handed over next to the findings (chain of custody). */
export function activityCsv(db: Database, options: { bom?: boolean } = {}): string {
  return toCsv(ACTIVITY_CSV_HEADER, activityCsvRows(listActivity(db)), { bom: options.bom });
}
