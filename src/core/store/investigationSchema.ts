/**
 * The analyst's settings of a case for the investigation views (issue 4): saved searches (a named
 * filter state) and case settings (such as the CIDR list that makes an address internal). One
 * numbered migration in ./schema.ts; never edited once released.
 */
export const INVESTIGATION_MIGRATION: readonly string[] = [
  `CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    filter TEXT NOT NULL CHECK (json_valid(filter) AND json_type(filter) = 'object'),
    created_at INTEGER NOT NULL
  )`,
  `CREATE TABLE case_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL CHECK (json_valid(value)))`,
];
