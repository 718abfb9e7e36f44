import type { Database, SqlValue } from 'sql.js';
import { filterCondition, type EventFilter } from './filter';
import { eventRowsCondition, scanOptions } from './scanHints';
import { forEachRow, queryNumber, queryObjects, queryRows } from './sqlRows';

/** Bucket widths the histogram picks from: the smallest that gives at most MAX_BUCKETS bars. */
const BUCKET_STEPS_MS = [
  1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 10_800_000,
  21_600_000, 43_200_000, 86_400_000, 604_800_000, 2_592_000_000,
];
export const MAX_BUCKETS = 150;

export type StackBy = 'activity' | 'status';

/** Activity classes, in the order the chart stacks them. */
export const ACTIVITY_CLASSES = ['read', 'write', 'delete', 'other', 'ssh', 'database', 'platform'] as const;
/** Status classes, in stack order; `denied` is 401 and 403. */
export const STATUS_CLASSES = ['2xx', '3xx', 'denied', '4xx', '5xx', 'none'] as const;

const VERB_CLASS: Record<string, 'read' | 'write' | 'delete'> = {
  get: 'read', list: 'read', watch: 'read',
  create: 'write', update: 'write', patch: 'write',
  delete: 'delete', deletecollection: 'delete',
};

export interface Histogram {
  /** Start of the first bucket, epoch ms (a multiple of bucketMs). */
  start: number;
  bucketMs: number;
  buckets: number;
  /** One series per class that has events, counts per bucket. */
  series: { key: string; counts: number[] }[];
  total: number;
}

/**
 * Picks the bucket width for a time span: the smallest step giving at most MAX_BUCKETS buckets,
 * and no smaller than `minStepMs`.
 */
export function pickBucketMs(spanMs: number, minStepMs = 0): number {
  for (const step of BUCKET_STEPS_MS) if (step >= minStepMs && spanMs / step <= MAX_BUCKETS) return step;
  return Math.ceil(spanMs / MAX_BUCKETS / 86_400_000) * 86_400_000;
}

function stringIds(db: Database, values: readonly string[]): number[] {
  if (values.length === 0) return [];
  const { rows } = queryRows(db, `SELECT id FROM strings WHERE value IN (${values.map(() => '?').join(',')})`, [...values]);
  return rows.map((r) => Number(r[0]));
}

/** Ids of the strings an event's class is decided by: sources besides the API's, and the verbs of each class. */
function classIds(db: Database): { sources: Map<number, string>; verbs: Map<number, string> } {
  const sources = new Map<number, string>();
  for (const [value, key] of [['authlog', 'ssh'], ['db-audit', 'database'], ['platform-audit', 'platform']] as const) {
    for (const id of stringIds(db, [value])) sources.set(id, key);
  }
  const verbs = new Map<number, string>();
  for (const [verb, key] of Object.entries(VERB_CLASS)) for (const id of stringIds(db, [verb])) verbs.set(id, key);
  return { sources, verbs };
}

/** An event's status class, as STATUS_CLASSES names them. */
function statusClass(code: number | null): string {
  if (code === null || code < 0) return 'none';
  if (code === 401 || code === 403) return 'denied';
  return code < 300 ? '2xx' : code < 400 ? '3xx' : code < 500 ? '4xx' : '5xx';
}

/**
 * An event's class, both as SQL over `e` (for the minute rollup, which has the same columns) and
 * in JavaScript over the row's `columns` (for events scanned one by one): the same rule twice.
 */
function classifier(db: Database, stackBy: StackBy): { sql: string; columns: string; classOf(a: SqlValue, b: SqlValue): string } {
  if (stackBy === 'status') {
    return {
      sql: `CASE WHEN e.status_code IS NULL OR e.status_code < 0 THEN 'none' WHEN e.status_code IN (401, 403) THEN 'denied'
        WHEN e.status_code < 300 THEN '2xx' WHEN e.status_code < 400 THEN '3xx' WHEN e.status_code < 500 THEN '4xx' ELSE '5xx' END`,
      columns: 'e.status_code, NULL',
      classOf: (code) => statusClass(code === null ? null : Number(code)),
    };
  }
  const { sources, verbs } = classIds(db);
  const ids = (map: Map<number, string>, key: string): string => [...map].filter(([, k]) => k === key).map(([id]) => id).join(',') || '-1';
  const sourceCases = ['ssh', 'database', 'platform'].map((k) => `WHEN e.source_id IN (${ids(sources, k)}) THEN '${k}'`).join(' ');
  const verbCases = ['read', 'write', 'delete'].map((k) => `WHEN e.verb_id IN (${ids(verbs, k)}) THEN '${k}'`).join(' ');
  return {
    sql: `CASE ${sourceCases} ${verbCases} ELSE 'other' END`,
    columns: 'e.source_id, e.verb_id',
    classOf: (source, verb) => sources.get(Number(source)) ?? verbs.get(Number(verb)) ?? 'other',
  };
}

/** First and last event time under a filter (null when nothing matches). */
export function timeBounds(db: Database, filter: EventFilter = {}): { min: number; max: number } | null {
  const cond = eventRowsCondition(db, filter);
  // Free text drives the query from the text index, never from the ts index: one pass for both.
  if (filter.text) {
    const [low, high] = queryRows(db, `SELECT min(e.ts), max(e.ts) FROM event_rows e WHERE ${cond.where}`, cond.params).rows[0] ?? [null, null];
    return low === null || low === undefined ? null : { min: Number(low), max: Number(high) };
  }
  // Two queries: SQLite answers a lone min() or max() from the ts index, but both at once by a full scan.
  const min = queryRows(db, `SELECT min(e.ts) FROM event_rows e WHERE ${cond.where}`, cond.params).rows[0]?.[0];
  if (min === null || min === undefined) return null;
  const max = queryRows(db, `SELECT max(e.ts) FROM event_rows e WHERE ${cond.where}`, cond.params).rows[0]?.[0];
  return { min: Number(min), max: Number(max) };
}

const MINUTE_MS = 60_000;
const ROLLUP_FIELDS: readonly string[] = ['source', 'verb', 'cluster', 'status_class'];
/** Above this many events in range, buckets are whole minutes so that the rollup answers instead of a scan. */
const MAX_SCANNED_EVENTS = 100_000;

/** Events in a time range by the rollup (whole minutes that touch it): cheap, and an upper bound. */
function rollupCount(db: Database, from: number, to: number): number {
  return queryNumber(db, 'SELECT coalesce(sum(n), 0) FROM event_minutes WHERE minute >= ? AND minute <= ?', [Math.floor(from / MINUTE_MS), Math.floor(to / MINUTE_MS)]);
}

/** The minute rollup answers a histogram whose buckets are whole minutes and whose filter it can express. */
export function rollupServes(filter: EventFilter, bucketMs: number): boolean {
  if (bucketMs % MINUTE_MS !== 0) return false;
  // The rollup knows nothing of findings, nor of the words in an event.
  if (filter.findings || filter.text) return false;
  const fields = [...Object.keys(filter.include ?? {}), ...Object.keys(filter.exclude ?? {})];
  return fields.every((f) => ROLLUP_FIELDS.includes(f));
}

/** Where the buckets of a histogram lie: the filter's range, else the span of its events. */
interface BucketLayout {
  from: number;
  to: number;
  start: number;
  bucketMs: number;
  buckets: number;
}

function bucketLayout(filter: EventFilter, bounds: { min: number; max: number }, minStepMs: number): BucketLayout {
  const from = filter.from ?? bounds.min;
  const to = filter.to ?? bounds.max + 1;
  const bucketMs = pickBucketMs(Math.max(1, to - from), minStepMs);
  const start = Math.floor(from / bucketMs) * bucketMs;
  return { from, to, start, bucketMs, buckets: Math.max(1, Math.ceil((to - start) / bucketMs)) };
}

/** Counts per class and bucket, filled event by event or minute by minute. */
function stacker(layout: BucketLayout): { add(bucket: number, key: string, n: number): void; histogram(stackBy: StackBy): Histogram } {
  const byKey = new Map<string, number[]>();
  let total = 0;
  return {
    add(bucket, key, n) {
      let counts = byKey.get(key);
      if (!counts) byKey.set(key, (counts = new Array<number>(layout.buckets).fill(0)));
      counts[Math.min(layout.buckets - 1, bucket)] += n;
      total += n;
    },
    histogram(stackBy) {
      const order: readonly string[] = stackBy === 'status' ? STATUS_CLASSES : ACTIVITY_CLASSES;
      const series = order.filter((k) => byKey.has(k)).map((key) => ({ key, counts: byKey.get(key) as number[] }));
      return { start: layout.start, bucketMs: layout.bucketMs, buckets: layout.buckets, series, total };
    },
  };
}

const emptyHistogram = (filter: EventFilter): Histogram => ({ start: filter.from ?? 0, bucketMs: 60_000, buckets: 0, series: [], total: 0 });

/** Events over time, bucketed automatically for the filter's span, stacked by activity or status class. */
export function histogram(
  db: Database,
  filter: EventFilter,
  stackBy: StackBy = 'activity',
  maxScannedEvents = MAX_SCANNED_EVENTS,
  knownBounds?: { min: number; max: number } | null,
): Histogram {
  // The caller may know the bounds already (the overview shows them too).
  const bounds = knownBounds === undefined ? timeBounds(db, filter) : knownBounds;
  if (!bounds) return emptyHistogram(filter);
  const from = filter.from ?? bounds.min;
  const to = filter.to ?? bounds.max + 1;
  const dense = rollupServes(filter, MINUTE_MS) && rollupCount(db, from, to) > maxScannedEvents;
  const layout = bucketLayout(filter, bounds, dense ? MINUTE_MS : 0);
  const { start, bucketMs } = layout;
  const classes = classifier(db, stackBy);
  const stack = stacker(layout);
  // Events are bucketed and classed here, not by a GROUP BY: SQLite would sort every row to group them.
  const options = scanOptions(db, filter);
  const scan = (range: EventFilter): void => {
    const cond = filterCondition({ ...filter, ...range }, options);
    forEachRow(db, `SELECT e.ts, ${classes.columns} FROM event_rows e WHERE ${cond.where}`, cond.params, ([ts, a, b]) => {
      stack.add(Math.floor((Number(ts) - start) / bucketMs), classes.classOf(a, b), 1);
    });
  };
  if (rollupServes(filter, bucketMs)) {
    // Whole minutes from the rollup; the partial minutes at either end from the events themselves.
    const firstMinute = Math.ceil(from / MINUTE_MS);
    const endMinute = Math.max(firstMinute, Math.floor(to / MINUTE_MS));
    const fields = filterCondition({ include: filter.include, exclude: filter.exclude });
    const minutes = queryRows(
      db,
      `SELECT CAST((e.minute * ${MINUTE_MS} - ?) / ? AS INTEGER) AS b, ${classes.sql} AS k, sum(e.n) FROM event_minutes e
       WHERE e.minute >= ? AND e.minute < ? AND ${fields.where} GROUP BY b, k`,
      [start, bucketMs, firstMinute, endMinute, ...fields.params],
    ).rows;
    for (const [bucket, key, n] of minutes) if (n) stack.add(Number(bucket), String(key), Number(n));
    if (from < firstMinute * MINUTE_MS) scan({ from, to: Math.min(to, firstMinute * MINUTE_MS) });
    if (endMinute * MINUTE_MS < to && endMinute * MINUTE_MS >= from) scan({ from: endMinute * MINUTE_MS, to });
  } else {
    scan({ from, to });
  }
  return stack.histogram(stackBy);
}

/**
 * The histogram and the first and last matching event, as the timeline shows them. A filter the
 * minute rollup cannot express is answered by a scan of every matching event anyway: the bounds
 * come from that same pass, instead of two queries of their own before it.
 */
export function timelineOverview(db: Database, filter: EventFilter, stackBy: StackBy = 'activity'): { histogram: Histogram; bounds: { min: number; max: number } | null } {
  if (rollupServes(filter, MINUTE_MS)) {
    const bounds = timeBounds(db, filter);
    return { histogram: histogram(db, filter, stackBy, MAX_SCANNED_EVENTS, bounds), bounds };
  }
  const classes = classifier(db, stackBy);
  const times: number[] = [];
  const keys: string[] = [];
  const cond = eventRowsCondition(db, filter);
  forEachRow(db, `SELECT e.ts, ${classes.columns} FROM event_rows e WHERE ${cond.where}`, cond.params, ([ts, a, b]) => {
    times.push(Number(ts));
    keys.push(classes.classOf(a, b));
  });
  if (times.length === 0) return { histogram: emptyHistogram(filter), bounds: null };
  let min = Infinity;
  let max = -Infinity;
  for (const ts of times) {
    if (ts < min) min = ts;
    if (ts > max) max = ts;
  }
  const layout = bucketLayout(filter, { min, max }, 0);
  const stack = stacker(layout);
  for (let i = 0; i < times.length; i++) stack.add(Math.floor((times[i] - layout.start) / layout.bucketMs), keys[i], 1);
  return { histogram: stack.histogram(stackBy), bounds: { min, max } };
}

export function countEvents(db: Database, filter: EventFilter = {}): number {
  const cond = eventRowsCondition(db, filter);
  return queryNumber(db, `SELECT count(*) FROM event_rows e WHERE ${cond.where}`, cond.params);
}

/** Columns the event table shows, from the public view. */
export const TABLE_COLUMNS = [
  'id', 'ts', 'source', 'cluster', 'node', 'user', 'src_ip', 'verb', 'action', 'namespace', 'resource', 'name',
  'status_code', 'user_agent', 'message', 'file_id', 'line',
] as const;
export type TableRow = Record<(typeof TABLE_COLUMNS)[number], SqlValue>;

/** One page of events in time order (ties by file and line). */
export function eventPage(db: Database, filter: EventFilter, offset: number, limit: number): TableRow[] {
  const cond = filterCondition(filter);
  return queryObjects<TableRow>(
    db,
    `SELECT ${TABLE_COLUMNS.map((c) => `v."${c}"`).join(', ')} FROM (
       SELECT e.id FROM event_rows e WHERE ${cond.where} ORDER BY e.ts, e.file_id, e.line LIMIT ? OFFSET ?
     ) p JOIN events v ON v.id = p.id ORDER BY v.ts, v.file_id, v.line`,
    [...cond.params, limit, offset],
  );
}

/** Every column of one event from the public view, plus the path of its file. */
export function eventRow(db: Database, id: number): Record<string, SqlValue> | null {
  const rows = queryObjects(db, 'SELECT v.*, f.path AS file_path, f.sha256 AS file_sha256 FROM events v JOIN files f ON f.id = v.file_id WHERE v.id = ?', [id]);
  return rows[0] ?? null;
}
