import type { Database, SqlValue } from 'sql.js';
import { queryObjects } from '../query/sqlRows';
import type { Severity } from './severity';

/** One event of one finding with what traces it back to its evidence: a row of the findings CSV. */
export interface EvidenceRow {
  finding_id: number;
  event_id: number;
  ts: number;
  source: string | null;
  cluster: string | null;
  node: string | null;
  user: string | null;
  src_ip: string | null;
  verb: string | null;
  action: string | null;
  namespace: string | null;
  resource: string | null;
  name: string | null;
  status_code: number | null;
  severity: Severity;
  /** JSON array text, as stored. */
  tags: string;
  note: string;
  analyst: string | null;
  file: string;
  line: number;
  file_sha256: string;
  audit_id: string | null;
  /** The first event's time of the finding: findings are ordered by it. */
  finding_ts: number;
  starred: number;
  message: string | null;
}

/**
 * One row per event of each finding (or of the given findings), findings in the time order of
 * their first event and events in time order within each.
 */
export function evidenceRows(db: Database, findingIds?: readonly number[]): EvidenceRow[] {
  const only = findingIds ? `WHERE f.id IN (${findingIds.map(() => '?').join(',') || 'NULL'})` : '';
  return queryObjects<EvidenceRow>(
    db,
    `WITH first AS (
       SELECT fe.finding_id, min(e.ts) AS finding_ts FROM finding_events fe JOIN event_rows e ON e.id = fe.event_id GROUP BY fe.finding_id
     )
     SELECT f.id AS finding_id, v.id AS event_id, v.ts, v.source, v.cluster, v.node, v.user, v.src_ip, v.verb, v.action,
       v.namespace, v.resource, v.name, v.status_code, f.severity, f.tags, f.note, f.analyst,
       fl.path AS file, v.line, fl.sha256 AS file_sha256, v.audit_id, first.finding_ts, f.starred, v.message
     FROM findings f
     JOIN first ON first.finding_id = f.id
     JOIN finding_events fe ON fe.finding_id = f.id
     JOIN events v ON v.id = fe.event_id
     JOIN files fl ON fl.id = v.file_id
     ${only}
     ORDER BY first.finding_ts, f.id, v.ts, v.file_id, v.line`,
    (findingIds ?? []) as SqlValue[],
  );
}
