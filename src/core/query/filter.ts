import type { SqlValue } from 'sql.js';

/**
 * What the analyst is looking at. Every view and query takes the same filter; fields left out do
 * not restrict. Times are UTC epoch ms, `from` inclusive and `to` exclusive.
 */
export interface EventFilter {
  from?: number;
  to?: number;
}

/** A WHERE clause over `event_rows e` and its parameters. */
export interface SqlCondition {
  where: string;
  params: SqlValue[];
}

export function filterCondition(filter: EventFilter): SqlCondition {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (filter.from !== undefined) {
    parts.push('e.ts >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    parts.push('e.ts < ?');
    params.push(filter.to);
  }
  return { where: parts.length ? parts.join(' AND ') : '1', params };
}
