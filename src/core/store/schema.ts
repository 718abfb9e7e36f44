import { EVENT_COLUMNS, storedName } from './columns';
import { FINDINGS_MIGRATION } from './findingsSchema';
import { INVESTIGATION_MIGRATION } from './investigationSchema';

/** Bumped by each migration; recorded in `meta` so that older cases open through migrations. */
export const SCHEMA_VERSION = 3;
/** Written into `meta.application`: a case file without it is refused as foreign. */
export const CASE_APPLICATION = 'trailhound';

function eventRowsTable(): string {
  const cols = EVENT_COLUMNS.map((c) => `  ${storedName(c)} ${c.interned ? 'INTEGER' : c.type}${c.name === 'ts' || c.name === 'ts_text' ? ' NOT NULL' : ''}`);
  return `CREATE TABLE event_rows (\n  id INTEGER PRIMARY KEY,\n${cols.join(',\n')},\n  file_id INTEGER NOT NULL REFERENCES files(id),\n  line INTEGER NOT NULL,\n  raw_block INTEGER,\n  raw_index INTEGER\n)`;
}

/** The public view: interned ids resolved back to text, names as documented in docs/schema.md. */
export function eventsView(): string {
  const select = ['e.id AS id'];
  const joins: string[] = [];
  for (const c of EVENT_COLUMNS) {
    if (c.interned) {
      const alias = `s_${c.name}`;
      select.push(`${alias}.value AS "${c.name}"`);
      joins.push(`LEFT JOIN strings ${alias} ON ${alias}.id = e.${storedName(c)}`);
    } else {
      select.push(`e.${c.name} AS ${c.name}`);
    }
  }
  select.push('e.file_id AS file_id', 'e.line AS line');
  return `CREATE VIEW events AS SELECT ${select.join(', ')}\nFROM event_rows e\n${joins.join('\n')}`;
}

/**
 * Numbered migrations, never edited once released: migration N brings a case from version N-1 to N.
 */
export const MIGRATIONS: readonly (readonly string[])[] = [
  [
    `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE strings (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE)`,
    `CREATE TABLE files (
      id INTEGER PRIMARY KEY,
      path TEXT NOT NULL,
      size INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      format TEXT,
      lines INTEGER NOT NULL DEFAULT 0,
      events INTEGER NOT NULL DEFAULT 0,
      merged INTEGER NOT NULL DEFAULT 0,
      rejected INTEGER NOT NULL DEFAULT 0,
      blank INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL CHECK (status IN ('complete', 'partial', 'skipped')),
      reason TEXT,
      cluster TEXT,
      node TEXT,
      imported_at INTEGER NOT NULL
    )`,
    `CREATE TABLE rejects (file_id INTEGER NOT NULL REFERENCES files(id), line INTEGER NOT NULL, reason TEXT NOT NULL, excerpt TEXT)`,
    `CREATE TABLE raw_blocks (id INTEGER PRIMARY KEY, codec TEXT NOT NULL, data BLOB NOT NULL)`,
    eventRowsTable(),
    `CREATE INDEX event_rows_ts ON event_rows (ts, file_id, line)`,
    `CREATE TABLE event_minutes (
      minute INTEGER NOT NULL, source_id INTEGER NOT NULL, verb_id INTEGER NOT NULL, status_code INTEGER NOT NULL,
      cluster_id INTEGER NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (minute, source_id, verb_id, status_code, cluster_id)
    ) WITHOUT ROWID`,
    eventsView(),
  ],
  // 2: findings, the events they cite, and the activity log (issue 5).
  FINDINGS_MIGRATION,
  // 3: saved searches and case settings (issue 4).
  INVESTIGATION_MIGRATION,
];
