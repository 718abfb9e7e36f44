import type { Database, SqlValue } from 'sql.js';
import { filterCondition, type EventFilter } from './filter';
import { scanOptions } from './scanHints';
import { forEachRow, queryRows } from './sqlRows';
import { pickBucketMs, rollupServes } from './timeline';

/** Events per cluster over time, every cluster on the same buckets so that they line up side by side. */
export interface ClusterSeries {
  start: number;
  bucketMs: number;
  buckets: number;
  /** Cluster name (null: no cluster attributed) and its counts per bucket. */
  series: { cluster: string | null; counts: number[] }[];
}

const MINUTE_MS = 60_000;

/**
 * One query for every cluster: whole minutes from the minute rollup when it can express the
 * filter (the edges of a time range that cut a minute from the events), else from the events.
 */
export function clusterSeries(db: Database, filter: EventFilter, span: { from: number; to: number }): ClusterSeries {
  const { from, to } = span;
  const serves = rollupServes(filter, MINUTE_MS);
  const bucketMs = pickBucketMs(Math.max(1, to - from), serves ? MINUTE_MS : 0);
  const start = Math.floor(from / bucketMs) * bucketMs;
  const buckets = Math.max(1, Math.ceil((to - start) / bucketMs));
  const names = new Map(queryRows(db, 'SELECT id, value FROM strings WHERE id IN (SELECT DISTINCT cluster_id FROM event_minutes)').rows.map(([id, v]) => [Number(id), String(v)]));
  const byCluster = new Map<string | null, number[]>();
  const add = (bucket: SqlValue, id: SqlValue, n: number): void => {
    // The rollup stores a missing cluster as 0.
    const name = id === null || id === 0 ? null : (names.get(Number(id)) ?? null);
    let counts = byCluster.get(name);
    if (!counts) byCluster.set(name, (counts = new Array<number>(buckets).fill(0)));
    counts[Math.max(0, Math.min(buckets - 1, Number(bucket)))] += n;
  };
  // Events are bucketed here, not by a GROUP BY: SQLite would sort every row to group them.
  const options = scanOptions(db, filter);
  const scan = (a: number, b: number): void => {
    const cond = filterCondition({ ...filter, from: a, to: b }, options);
    forEachRow(db, `SELECT e.ts, e.cluster_id FROM event_rows e WHERE ${cond.where}`, cond.params, ([ts, id]) => add(Math.floor((Number(ts) - start) / bucketMs), id, 1));
  };
  if (serves) {
    const firstMinute = Math.ceil(from / MINUTE_MS);
    const endMinute = Math.max(firstMinute, Math.floor(to / MINUTE_MS));
    const fields = filterCondition({ include: filter.include, exclude: filter.exclude });
    const minutes = queryRows(
      db,
      `SELECT CAST((e.minute * ${MINUTE_MS} - ?) / ? AS INTEGER), e.cluster_id, sum(e.n) FROM event_minutes e WHERE e.minute >= ? AND e.minute < ? AND ${fields.where} GROUP BY 1, 2`,
      [start, bucketMs, firstMinute, endMinute, ...fields.params],
    ).rows;
    for (const [bucket, id, n] of minutes) add(bucket, id, Number(n));
    if (from < firstMinute * MINUTE_MS) scan(from, Math.min(to, firstMinute * MINUTE_MS));
    if (endMinute * MINUTE_MS < to && endMinute * MINUTE_MS >= from) scan(endMinute * MINUTE_MS, to);
  } else {
    scan(from, to);
  }
  const total = (c: number[]): number => c.reduce((a, x) => a + x, 0);
  const series = [...byCluster.entries()].map(([cluster, counts]) => ({ cluster, counts })).sort((a, b) => total(b.counts) - total(a.counts));
  return { start, bucketMs, buckets, series };
}
