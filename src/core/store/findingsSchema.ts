/**
 * The analyst's work in the case: findings (annotated evidence), which events each one cites, and
 * the activity log (chain of custody). One numbered migration in ./schema.ts; never edited once
 * released: a later change is a later migration.
 */
export const FINDINGS_MIGRATION: readonly string[] = [
  `CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    note TEXT NOT NULL DEFAULT '',
    analyst TEXT,
    starred INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1))
  )`,
  // Events are never deleted from a case, so event ids are stable; a finding cites each event once.
  `CREATE TABLE finding_events (
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (finding_id, event_id)
  ) WITHOUT ROWID`,
  `CREATE INDEX finding_events_event ON finding_events (event_id)`,
  `CREATE TABLE activity_log (
    id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL,
    actor TEXT,
    action TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
    app_version TEXT NOT NULL
  )`,
];
