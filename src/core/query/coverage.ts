import type { Database } from 'sql.js';
import type { EventFilter } from './filter';
import { queryObjects } from './sqlRows';
import { HOUR_MS, HOUR_SUMMARY, summarySource } from './summaries';

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
 * Coverage per cluster, node and source under the filter, by the hour: the absence of evidence
 * made visible (a missing rotation, an hour without audit events).
 */
export function coverage(db: Database, filter: EventFilter): CoverageLane[] {
  const src = summarySource(db, HOUR_SUMMARY, filter);
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
