import type { Database } from 'sql.js';
import { filterCondition, type ConditionOptions, type EventFilter, type FilterField, type SqlCondition } from './filter';
import { queryNumber } from './sqlRows';

/**
 * SQLite plans without statistics on the data: it takes any filter on an indexed column as
 * selective, and fetches each matching event through that index (two, OR-ed, for a source IP) from
 * the wide rows, even for the address of a third of the case or the source of nine events in ten.
 * Here the case is asked how busy the filter's values are, and a busy one is matched while
 * scanning the narrow covering index instead. The events that match are the same either way:
 * only the speed differs.
 */

/** Above this share of the events, scanning the covering index beats fetching events one by one. */
const BUSY_SHARE = 0.2;

const valueIds = `SELECT id FROM strings WHERE value IN`;
const listIds = `SELECT s.id FROM strings s JOIN json_each(CASE WHEN json_valid(s.value) THEN s.value ELSE '[]' END) j
  WHERE s.value >= '[' AND s.value < '\\' AND j.value IN`;

/** The indexed columns (store/analysisIndexes.ts) a filter field is found through, and how its values become ids. */
const INDEXED: Partial<Record<FilterField, [column: string, ids: string][]>> = {
  src_ip: [['src_ip_id', valueIds], ['src_ips_id', listIds]],
  user: [['user_id', valueIds]],
  namespace: [['namespace_id', valueIds]],
  resource: [['resource_id', valueIds]],
  source: [['source_id', valueIds]],
};

/** Answers per database, valid while the highest event id stays the same (an import adds events). */
const known = new WeakMap<Database, { maxId: number; busy: Map<string, boolean> }>();

/**
 * Whether the events with any of these values of an indexed field reach the busy share (for a
 * source IP: first or among the hops, either index). Each count reads one index and stops at the
 * threshold (20 ms at most on a million events); the answer is kept until the events change.
 */
export function busyValues(db: Database, field: FilterField, values: readonly string[]): boolean {
  const indexes = INDEXED[field];
  if (!indexes || values.length === 0) return false;
  // Ids only grow, and a merged stage replaces its event in place: max(id) is about the count.
  const maxId = queryNumber(db, 'SELECT coalesce(max(id), 0) FROM event_rows');
  let cache = known.get(db);
  if (!cache || cache.maxId !== maxId) known.set(db, (cache = { maxId, busy: new Map() }));
  const key = JSON.stringify([field, ...[...values].sort()]);
  const hit = cache.busy.get(key);
  if (hit !== undefined) return hit;
  const threshold = Math.ceil(maxId * BUSY_SHARE);
  const marks = `(${values.map(() => '?').join(', ')})`;
  const reach = ([column, ids]: [string, string]): boolean =>
    queryNumber(db, `SELECT count(*) FROM (SELECT 1 FROM event_rows WHERE ${column} IN (${ids} ${marks}) LIMIT ?)`, [...values, threshold]) >= threshold;
  const busy = threshold > 0 && indexes.some(reach);
  cache.busy.set(key, busy);
  return busy;
}

/** How the filter's conditions over `event_rows` are best answered in this case. */
export function scanOptions(db: Database, filter: EventFilter): ConditionOptions {
  const fields = Object.entries(filter.include ?? {}).filter(([field, values]) => busyValues(db, field as FilterField, values ?? []));
  return { scan: new Set(fields.map(([field]) => field as FilterField)) };
}

/** filterCondition for a query over `event_rows e` that reads many matching events. */
export function eventRowsCondition(db: Database, filter: EventFilter): SqlCondition {
  return filterCondition(filter, scanOptions(db, filter));
}
