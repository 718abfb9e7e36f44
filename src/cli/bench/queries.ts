import type { Database } from 'sql.js';
import { histogram, eventPage } from '../../core/query/timeline';
import { queryRows } from '../../core/query/sqlRows';

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

/** The views' queries on the same engine functions the UI calls, by their names in the bench JSON. */
export function benchQueries(db: Database): Record<string, number> {
  const busiest = queryRows(db, 'SELECT s.value FROM event_rows e JOIN strings s ON s.id = e.user_id GROUP BY e.user_id ORDER BY count(*) DESC LIMIT 1 OFFSET 3').rows[0]?.[0];
  const user = String(busiest ?? 'alice@example.com');
  return {
    timeline_histogram: medianMs(() => histogram(db, {}, 'activity')),
    table_first_page: medianMs(() => eventPage(db, {}, 0, 200)),
    filter_user_histogram: medianMs(() => histogram(db, { include: { user: [user] } }, 'activity')),
  };
}
