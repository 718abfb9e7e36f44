import type { Database, SqlValue } from 'sql.js';
import { filterCondition, type EventFilter } from './filter';
import { eventRowsCondition } from './scanHints';
import { queryNumber, queryObjects, queryRows } from './sqlRows';
import { rollupServes, TABLE_COLUMNS, type TableRow } from './timeline';

/**
 * Pages of the event table without OFFSET over a million rows: keyset pagination from the row
 * before (sequential scrolling), and a seek through the minute rollup to the minute that holds
 * row N (a jump of the scrollbar), then OFFSET inside that minute only.
 */

/** Where a row sits in the table's order (ts, file_id, line). */
export interface TableCursor {
  ts: number;
  file_id: number;
  line: number;
}

const MINUTE_MS = 60_000;

/** The table rows of these event ids, in the order given. */
function rowsOf(db: Database, ids: readonly number[]): TableRow[] {
  if (ids.length === 0) return [];
  const rows = queryObjects<TableRow>(db, `SELECT ${TABLE_COLUMNS.map((c) => `v."${c}"`).join(', ')} FROM events v WHERE v.id IN (${ids.join(',')})`);
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.map((id) => byId.get(id)).filter((r): r is TableRow => r !== undefined);
}

/** The page after (or before) a row, in time order: keyset pagination on the (ts, file_id, line) index. */
export function eventPageAfter(db: Database, filter: EventFilter, after: TableCursor | null, limit: number, backwards = false): TableRow[] {
  const cond = eventRowsCondition(db, filter);
  const key = after ? [`(e.ts, e.file_id, e.line) ${backwards ? '<' : '>'} (?, ?, ?)`] : [];
  const params: SqlValue[] = after ? [after.ts, after.file_id, after.line] : [];
  const dir = backwards ? 'DESC' : 'ASC';
  const ids = queryRows(
    db,
    `SELECT e.id FROM event_rows e WHERE ${[...key, cond.where].join(' AND ')} ORDER BY e.ts ${dir}, e.file_id ${dir}, e.line ${dir} LIMIT ?`,
    [...params, ...cond.params, limit],
  ).rows.map((r) => Number(r[0]));
  if (backwards) ids.reverse();
  return rowsOf(db, ids);
}

/**
 * Events matching the filter before time `ts` (where "jump to time" lands in the table). Whole
 * minutes are counted from the rollup when it can express the filter; the edges from the events.
 */
export function countBefore(db: Database, filter: EventFilter, ts: number): number {
  const to = Math.min(ts, filter.to ?? Infinity);
  const from = filter.from ?? -Infinity;
  if (to <= from) return 0;
  if (!rollupServes(filter, MINUTE_MS)) {
    const cond = eventRowsCondition(db, filter);
    return queryNumber(db, `SELECT count(*) FROM event_rows e WHERE e.ts < ? AND ${cond.where}`, [to, ...cond.params]);
  }
  const firstMinute = Number.isFinite(from) ? Math.ceil(from / MINUTE_MS) : -Number.MAX_SAFE_INTEGER;
  const endMinute = Math.floor(to / MINUTE_MS);
  const fields = filterCondition({ include: filter.include, exclude: filter.exclude });
  const live = (a: number, b: number): number => {
    const cond = filterCondition({ ...filter, from: a, to: b });
    return queryNumber(db, `SELECT count(*) FROM event_rows e WHERE ${cond.where}`, cond.params);
  };
  if (endMinute <= firstMinute) return live(from, to);
  let n = queryNumber(db, `SELECT coalesce(sum(e.n), 0) FROM event_minutes e WHERE e.minute >= ? AND e.minute < ? AND ${fields.where}`, [firstMinute, endMinute, ...fields.params]);
  if (Number.isFinite(from) && from < firstMinute * MINUTE_MS) n += live(from, firstMinute * MINUTE_MS);
  if (endMinute * MINUTE_MS < to) n += live(endMinute * MINUTE_MS, to);
  return n;
}

/**
 * Rows `offset` to `offset + limit` of the table. With the rollup, the minute holding row
 * `offset` is found by summing minutes, and OFFSET runs inside it; otherwise plain OFFSET
 * (the filter's own index keeps that short for filters the rollup cannot express).
 */
export function eventPageAt(db: Database, filter: EventFilter, offset: number, limit: number): TableRow[] {
  const plain = (f: EventFilter, skip: number): TableRow[] => {
    const c = eventRowsCondition(db, f);
    const ids = queryRows(db, `SELECT e.id FROM event_rows e WHERE ${c.where} ORDER BY e.ts, e.file_id, e.line LIMIT ? OFFSET ?`, [...c.params, limit, skip]).rows;
    return rowsOf(db, ids.map((r) => Number(r[0])));
  };
  if (offset < 5000 || !rollupServes(filter, MINUTE_MS)) return plain(filter, offset);
  // Minutes with their counts, in order; the first and last may be partial (the filter's edges).
  const fields = filterCondition({ include: filter.include, exclude: filter.exclude });
  const minutes = queryRows(
    db,
    `SELECT e.minute, sum(e.n) FROM event_minutes e WHERE e.minute >= ? AND e.minute <= ? AND ${fields.where} GROUP BY e.minute ORDER BY e.minute`,
    [filter.from !== undefined ? Math.floor(filter.from / MINUTE_MS) : -Number.MAX_SAFE_INTEGER, filter.to !== undefined ? Math.floor(filter.to / MINUTE_MS) : Number.MAX_SAFE_INTEGER, ...fields.params],
  ).rows;
  let before = 0;
  for (const [minute, n] of minutes) {
    const start = Number(minute) * MINUTE_MS;
    const whole = (filter.from === undefined || filter.from <= start) && (filter.to === undefined || start + MINUTE_MS <= filter.to);
    const count = whole ? Number(n) : countBefore(db, filter, start + MINUTE_MS) - countBefore(db, filter, start);
    if (before + count > offset) {
      const from = Math.max(start, filter.from ?? start);
      return plain({ ...filter, from }, offset - before);
    }
    before += count;
  }
  return [];
}

/** Columns the table can sort by besides time; interned ones sort by their text. */
export const SORTABLE_COLUMNS = ['ts', 'cluster', 'node', 'user', 'src_ip', 'verb', 'action', 'namespace', 'resource', 'name', 'status_code', 'user_agent', 'source'] as const;
export type SortColumn = (typeof SORTABLE_COLUMNS)[number];
export interface TableSort {
  column: SortColumn;
  desc: boolean;
}

/** Sorting by anything but time sorts every matching row: the UI offers it up to this many. */
export const MAX_SORTED_ROWS = 250_000;

/** A page of the table in another order than time (ties by time, file and line). */
export function sortedEventPage(db: Database, filter: EventFilter, sort: TableSort, offset: number, limit: number): TableRow[] {
  if (!(SORTABLE_COLUMNS as readonly string[]).includes(sort.column)) throw new Error(`cannot sort by ${sort.column}`);
  const dir = sort.desc ? 'DESC' : 'ASC';
  if (sort.column === 'ts' && !sort.desc) return eventPageAt(db, filter, offset, limit);
  const cond = filterCondition(filter);
  const key = sort.column === 'ts' || sort.column === 'status_code' ? `e.${sort.column}` : `(SELECT value FROM strings WHERE id = e.${sort.column}_id)`;
  const ids = queryRows(
    db,
    `SELECT e.id FROM event_rows e WHERE ${cond.where} ORDER BY ${key} ${dir} NULLS LAST, e.ts ${dir}, e.file_id ${dir}, e.line ${dir} LIMIT ? OFFSET ?`,
    [...cond.params, limit, offset],
  ).rows;
  return rowsOf(db, ids.map((r) => Number(r[0])));
}
