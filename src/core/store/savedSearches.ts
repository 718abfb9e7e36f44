import type { Database } from 'sql.js';
import type { EventFilter } from '../query/filter';
import { queryObjects } from '../query/sqlRows';

/** A named filter state kept in the case. */
export interface SavedSearch {
  id: number;
  name: string;
  filter: EventFilter;
  createdAt: number;
}

export function listSavedSearches(db: Database): SavedSearch[] {
  return queryObjects<{ id: number; name: string; filter: string; created_at: number }>(db, 'SELECT id, name, filter, created_at FROM saved_searches ORDER BY name COLLATE NOCASE, id').map((r) => ({
    id: r.id,
    name: r.name,
    filter: JSON.parse(r.filter) as EventFilter,
    createdAt: r.created_at,
  }));
}

/** Saves a filter under a name; the same name again replaces the earlier filter. */
export function saveSearch(db: Database, name: string, filter: EventFilter, now = Date.now()): void {
  const trimmed = name.trim();
  if (trimmed === '') throw new Error('a saved search needs a name');
  db.run(
    'INSERT INTO saved_searches (name, filter, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, created_at = excluded.created_at',
    [trimmed, JSON.stringify(filter), now],
  );
}

export function deleteSavedSearch(db: Database, id: number): void {
  db.run('DELETE FROM saved_searches WHERE id = ?', [id]);
}
