import type { Database } from 'sql.js';
import { clustersOverview } from '../../core/query/clusters';
import type { EventFilter } from '../../core/query/filter';
import { ipPage, ipsList } from '../../core/query/ips';
import { queryRows } from '../../core/query/sqlRows';
import { eventPageAfter, eventPageAt } from '../../core/query/tablePaging';
import { countEvents, histogram, timeBounds } from '../../core/query/timeline';
import { userPage, usersList } from '../../core/query/users';
import { DEFAULT_INTERNAL_CIDRS } from '../../core/net/cidr';

/** Median of `runs` timings of `fn`, in ms (the first call warms caches and is not counted). */
export function medianMs(fn: () => unknown, runs = 7): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 100) / 100;
}

const PAGE = 200;

/** What the timeline shows for a filter, as the worker's overview asks it: bounds, chart (its total is the count), first page. */
function timelineView(db: Database, filter: EventFilter): void {
  const bounds = timeBounds(db, filter);
  histogram(db, filter, 'activity', undefined, bounds);
  eventPageAt(db, filter, 0, PAGE);
}

/**
 * The views' queries on the same engine functions the UI calls (through the worker), by their
 * names in the bench JSON. Run after ensureAnalysisIndexes, as the app runs them after an import.
 */
export function benchQueries(db: Database): Record<string, number> {
  const first = (sql: string): string => String(queryRows(db, sql).rows[0]?.[0] ?? '');
  // The fourth busiest user and a busy external address: a realistic page, not the extreme one.
  const user = first('SELECT s.value FROM event_rows e JOIN strings s ON s.id = e.user_id GROUP BY e.user_id ORDER BY count(*) DESC LIMIT 1 OFFSET 3');
  const ip = '203.0.113.77';
  const namespace = 'payments';
  const bounds = queryRows(db, 'SELECT min(ts), max(ts) FROM event_rows').rows[0].map(Number);
  const day = Math.floor(bounds[0] / 86_400_000) * 86_400_000;
  const total = countEvents(db, {});
  // The cursor of the row just before a page near the end, as the page before it left it.
  const before = eventPageAt(db, {}, Math.max(0, total - 1000), 1)[0];
  const cursor = { ts: Number(before.ts), file_id: Number(before.file_id), line: Number(before.line) };
  return {
    timeline_histogram: medianMs(() => histogram(db, {}, 'activity')),
    table_first_page: medianMs(() => eventPageAt(db, {}, 0, PAGE)),
    table_page_deep: medianMs(() => eventPageAfter(db, {}, cursor, PAGE)),
    users_list: medianMs(() => usersList(db, {})),
    user_page: medianMs(() => userPage(db, {}, user)),
    ips_list: medianMs(() => ipsList(db, {}, DEFAULT_INTERNAL_CIDRS)),
    ip_page: medianMs(() => ipPage(db, {}, ip, DEFAULT_INTERNAL_CIDRS)),
    clusters_overview: medianMs(() => clustersOverview(db, {})),
    filter_user_histogram: medianMs(() => histogram(db, { include: { user: [user] } }, 'activity')),
    filter_ip_table: medianMs(() => eventPageAt(db, { include: { src_ip: [ip] } }, 0, PAGE)),
    filter_day_histogram: medianMs(() => histogram(db, { from: day, to: day + 86_400_000 }, 'activity')),
    filter_namespace_verb_table: medianMs(() => eventPageAt(db, { include: { namespace: [namespace], verb: ['delete'] } }, 0, PAGE)),
    text_search: medianMs(() => timelineView(db, { text: ip })),
  };
}
