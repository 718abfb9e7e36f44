import type { Database } from 'sql.js';
import { queryRows } from './sqlRows';

/**
 * Live summaries (a GROUP BY over every matching event) cost a scan; one view asks for the same
 * summary several times (the Clusters view: the table, the top users, the nodes), and the next
 * view under the same filter asks again. Their rows are kept in TEMP tables (never saved with the
 * case), a few per database, dropped when the events change.
 */
interface Cache {
  stamp: string;
  /** What the rows are (summary and filter) -> temp table name, oldest first. */
  tables: Map<string, string>;
  next: number;
}

const KEEP = 8;
const caches = new WeakMap<Database, Cache>();

function exists(db: Database, table: string): boolean {
  return queryRows(db, "SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = ?", [table]).rows.length > 0;
}

function drop(db: Database, table: string): void {
  db.run(`DROP TABLE IF EXISTS temp.${table}`);
}

/**
 * The name of a temp table holding a live summary: built now by `build(name)`, or earlier for the
 * same key and events. `stamp` identifies the events: a new import makes every entry stale.
 */
export function cachedTable(db: Database, key: string, stamp: string, build: (table: string) => void): string {
  let cache = caches.get(db);
  if (!cache || cache.stamp !== stamp) {
    for (const table of cache?.tables.values() ?? []) drop(db, table);
    cache = { stamp, tables: new Map(), next: 1 };
    caches.set(db, cache);
  }
  const known = cache.tables.get(key);
  // sql.js reopens the database when it exports it, and temp tables do not survive that.
  if (known && exists(db, known)) {
    cache.tables.delete(key);
    cache.tables.set(key, known);
    return known;
  }
  const table = `live_summary_${cache.next++}`;
  drop(db, table);
  build(table);
  cache.tables.set(key, table);
  while (cache.tables.size > KEEP) {
    const [oldKey, oldTable] = cache.tables.entries().next().value as [string, string];
    cache.tables.delete(oldKey);
    drop(db, oldTable);
  }
  return table;
}
