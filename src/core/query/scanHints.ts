import type { Database } from 'sql.js';
import { filterCondition, type ConditionOptions, type EventFilter, type SqlCondition } from './filter';
import { queryNumber } from './sqlRows';

/**
 * SQLite plans without statistics on the data: it takes a source-IP filter as selective and
 * fetches each matching event through the two source-IP indexes, even for the address of a third
 * of the case. Here the case is asked how busy the filter's addresses are, and a busy one is
 * matched while scanning. The events that match are the same either way: only the speed differs.
 */

/** Above this share of the events, scanning the covering index beats fetching events one by one. */
const BUSY_SHARE = 0.2;

const srcIpIds = `SELECT id FROM strings WHERE value IN`;
const srcIpsIds = `SELECT s.id FROM strings s JOIN json_each(CASE WHEN json_valid(s.value) THEN s.value ELSE '[]' END) j
  WHERE s.value >= '[' AND s.value < '\\' AND j.value IN`;

/** Answers per database, valid while the highest event id stays the same (an import adds events). */
const known = new WeakMap<Database, { maxId: number; busy: Map<string, boolean> }>();

/**
 * Whether events with any of these addresses, first or among the hops, reach the busy share.
 * Each count reads one index and stops at the threshold (20 ms at most on a million events);
 * the answer is kept until the events change.
 */
export function busySourceIps(db: Database, values: readonly string[]): boolean {
  if (values.length === 0) return false;
  // Ids only grow, and a merged stage replaces its event in place: max(id) is about the count.
  const maxId = queryNumber(db, 'SELECT coalesce(max(id), 0) FROM event_rows');
  let cache = known.get(db);
  if (!cache || cache.maxId !== maxId) known.set(db, (cache = { maxId, busy: new Map() }));
  const key = JSON.stringify([...values].sort());
  const hit = cache.busy.get(key);
  if (hit !== undefined) return hit;
  const threshold = Math.ceil(maxId * BUSY_SHARE);
  const marks = `(${values.map(() => '?').join(', ')})`;
  const reach = (column: string, ids: string): boolean =>
    queryNumber(db, `SELECT count(*) FROM (SELECT 1 FROM event_rows WHERE ${column} IN (${ids} ${marks}) LIMIT ?)`, [...values, threshold]) >= threshold;
  const busy = threshold > 0 && (reach('src_ip_id', srcIpIds) || reach('src_ips_id', srcIpsIds));
  cache.busy.set(key, busy);
  return busy;
}

/** How the filter's conditions over `event_rows` are best answered in this case. */
export function scanOptions(db: Database, filter: EventFilter): ConditionOptions {
  return { scanSourceIps: busySourceIps(db, filter.include?.src_ip ?? []) };
}

/** filterCondition for a query over `event_rows e` that reads many matching events. */
export function eventRowsCondition(db: Database, filter: EventFilter): SqlCondition {
  return filterCondition(filter, scanOptions(db, filter));
}
