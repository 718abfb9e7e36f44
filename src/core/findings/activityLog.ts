import type { Database, SqlValue } from 'sql.js';
import { APP_VERSION } from '../appVersion';
import { queryRows } from '../query/sqlRows';

/** What the activity log records: imports, and every change to a finding. */
export type ActivityAction =
  | 'import'
  | 'finding.mark'
  | 'finding.update'
  | 'finding.star'
  | 'finding.delete'
  | 'finding.import';

export interface ActivityEntry {
  id: number;
  /** UTC epoch ms. */
  ts: number;
  /** The analyst's name as given (null when nobody said). */
  actor: string | null;
  action: ActivityAction;
  details: Record<string, unknown>;
  appVersion: string;
}

/**
 * Appends one entry to the case's activity log, the chain of custody: who imported which file
 * (with its SHA-256) and who marked or changed which finding, when, with which Trailhound.
 */
export function recordActivity(db: Database, actor: string | null, action: ActivityAction, details: Record<string, unknown>, now = Date.now()): void {
  db.run('INSERT INTO activity_log (ts, actor, action, details, app_version) VALUES (?, ?, ?, ?, ?)', [
    now, actor?.trim() || null, action, JSON.stringify(details), APP_VERSION,
  ]);
}

/** The whole log, oldest first. */
export function listActivity(db: Database): ActivityEntry[] {
  const { rows } = queryRows(db, 'SELECT id, ts, actor, action, details, app_version FROM activity_log ORDER BY id');
  return rows.map(([id, ts, actor, action, details, appVersion]: SqlValue[]) => ({
    id: Number(id),
    ts: Number(ts),
    actor: actor === null ? null : String(actor),
    action: String(action) as ActivityAction,
    details: JSON.parse(String(details)) as Record<string, unknown>,
    appVersion: String(appVersion),
  }));
}

/** Header of the activity log export (a separate CSV next to the findings). */
export const ACTIVITY_CSV_HEADER = ['time_utc', 'actor', 'action', 'details', 'app_version'] as const;

export function activityCsvRows(entries: readonly ActivityEntry[]): (string | null)[][] {
  return entries.map((e) => [new Date(e.ts).toISOString(), e.actor, e.action, JSON.stringify(e.details), e.appVersion]);
}

/** The file rows an import produced, as the activity log needs them. */
export interface ImportedFile {
  id: number;
  path: string;
  size: number;
  sha256: string;
  format: string | null;
  events: number;
  status: string;
}

/** Logs one `import` entry per file: its path as stored and its SHA-256 (chain of custody). */
export function recordImports(db: Database, actor: string | null, files: readonly ImportedFile[], now = Date.now()): void {
  for (const f of files) {
    recordActivity(db, actor, 'import', { file_id: f.id, path: f.path, sha256: f.sha256, size: f.size, format: f.format, events: f.events, status: f.status }, now);
  }
}
