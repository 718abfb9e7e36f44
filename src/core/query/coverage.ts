import type { Database, SqlValue } from 'sql.js';
import type { EventFilter } from './filter';
import { queryObjects } from './sqlRows';
import { HOUR_MS, HOUR_SUMMARY, summarySource, summaryStored } from './summaries';

/** Which hours one source covers on one cluster and node, and the hours it is silent in between. */
export interface CoverageLane {
  cluster: string | null;
  node: string | null;
  source: string;
  first: number;
  last: number;
  events: number;
  /** Hours (epoch ms of their start) with at least one event. */
  hours: number[];
  /** Runs of hours without events between the first and the last: [start, end) epoch ms. */
  gaps: { from: number; to: number }[];
  files: number;
}

const LANE_LIMIT = 200;

/** Runs of missing hours between the first and last present hour (hours as hour numbers, sorted). */
export function hourGaps(hours: readonly number[]): { from: number; to: number }[] {
  const gaps: { from: number; to: number }[] = [];
  for (let i = 1; i < hours.length; i++) {
    if (hours[i] - hours[i - 1] > 1) gaps.push({ from: (hours[i - 1] + 1) * HOUR_MS, to: hours[i] * HOUR_MS });
  }
  return gaps;
}

/**
 * The hour summary's rows under the filter. A time range is answered by the stored rows of the
 * whole hours inside it, and by the events themselves only in the hours it cuts at either end
 * (half a case: two hours of events grouped instead of half of them).
 */
function hourRows(db: Database, filter: EventFilter): { sql: string; params: SqlValue[] } {
  const fields: EventFilter = { ...filter };
  delete fields.from;
  delete fields.to;
  const { from, to } = filter;
  const firstHour = from === undefined ? -Infinity : Math.ceil(from / HOUR_MS);
  const endHour = to === undefined ? Infinity : Math.floor(to / HOUR_MS);
  if ((from === undefined && to === undefined) || endHour <= firstHour || !summaryStored(db, HOUR_SUMMARY, fields)) return summarySource(db, HOUR_SUMMARY, filter);
  const whole = summarySource(db, HOUR_SUMMARY, fields);
  const params: SqlValue[] = [...whole.params, Number.isFinite(firstHour) ? firstHour : null, Number.isFinite(endHour) ? endHour : null];
  const parts = [`SELECT * FROM (${whole.sql}) w WHERE w.hour >= coalesce(?, w.hour) AND w.hour < coalesce(?, w.hour + 1)`];
  const edges: EventFilter[] = [];
  if (from !== undefined && from < firstHour * HOUR_MS) edges.push({ ...filter, to: firstHour * HOUR_MS });
  if (to !== undefined && endHour * HOUR_MS < to) edges.push({ ...filter, from: endHour * HOUR_MS });
  for (const edge of edges) {
    const cut = summarySource(db, HOUR_SUMMARY, edge);
    parts.push(`SELECT * FROM (${cut.sql})`);
    params.push(...cut.params);
  }
  return { sql: parts.join(' UNION ALL '), params };
}

/**
 * Coverage per cluster, node and source under the filter, by the hour: the absence of evidence
 * made visible (a missing rotation, an hour without audit events).
 */
export function coverage(db: Database, filter: EventFilter): CoverageLane[] {
  const src = hourRows(db, filter);
  const rows = queryObjects<{ cluster: string | null; node: string | null; source: string; hour: number; events: number; first: number; last: number; files: string }>(
    db,
    `WITH f AS (${src.sql}) SELECT c.value AS cluster, nd.value AS node, so.value AS source, f.hour, sum(f.n) AS events,
       min(f.first_ts) AS first, max(f.last_ts) AS last, group_concat(DISTINCT f.file_id) AS files
     FROM f LEFT JOIN strings c ON c.id = f.cluster_id LEFT JOIN strings nd ON nd.id = f.node_id LEFT JOIN strings so ON so.id = f.source_id
     GROUP BY f.cluster_id, f.node_id, f.source_id, f.hour ORDER BY cluster, node, source, f.hour`,
    src.params,
  );
  const lanes = new Map<string, CoverageLane & { hourNumbers: number[]; fileIds: Set<string> }>();
  for (const r of rows) {
    const key = JSON.stringify([r.cluster, r.node, r.source]);
    let lane = lanes.get(key);
    if (!lane) {
      if (lanes.size >= LANE_LIMIT) continue;
      lane = { cluster: r.cluster, node: r.node, source: String(r.source), first: r.first, last: r.last, events: 0, hours: [], gaps: [], files: 0, hourNumbers: [], fileIds: new Set() };
      lanes.set(key, lane);
    }
    lane.first = Math.min(lane.first, r.first);
    lane.last = Math.max(lane.last, r.last);
    lane.events += r.events;
    lane.hourNumbers.push(r.hour);
    for (const id of String(r.files).split(',')) lane.fileIds.add(id);
  }
  return [...lanes.values()].map(({ hourNumbers, fileIds, ...lane }) => ({
    ...lane,
    hours: hourNumbers.map((h) => h * HOUR_MS),
    gaps: hourGaps(hourNumbers),
    files: fileIds.size,
  }));
}
