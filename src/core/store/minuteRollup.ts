import type { Database, SqlValue, Statement } from 'sql.js';
import { ROW_COLUMNS } from './columns';

const MINUTE_MS = 60_000;
/** Columns of `event_rows` the rollup groups by, besides the minute. */
export const ROLLUP_KEYS = ['source_id', 'verb_id', 'status_code', 'cluster_id'] as const;
const KEY_POSITIONS = ROLLUP_KEYS.map((k) => ROW_COLUMNS.indexOf(k));
const TS_POSITION = ROW_COLUMNS.indexOf('ts');

/**
 * Event counts per minute, source, verb, status and cluster (`event_minutes`), kept up to date as
 * rows are written, so that the timeline over a million events reads thousands of rows, not a
 * million. NULLs are stored as 0 (ids) and -1 (status) because they are part of the primary key.
 */
export class MinuteRollup {
  readonly #db: Database;
  #deltas = new Map<string, number>();
  #upsert: Statement | null = null;

  constructor(db: Database) {
    this.#db = db;
  }

  /** Counts a row (a full `event_rows` row in ROW_COLUMNS order, from `at` in `row`) in or, with -1, out. */
  add(row: readonly SqlValue[], delta: 1 | -1, at = 0): void {
    let key = String(Math.floor(Number(row[at + TS_POSITION]) / MINUTE_MS));
    for (const p of KEY_POSITIONS) key += ',' + (row[at + p] ?? '');
    this.#deltas.set(key, (this.#deltas.get(key) ?? 0) + delta);
  }

  /** A stored row is about to be replaced by `row`, of the same id (a later stage of the same request). */
  replaceStored(row: readonly SqlValue[]): void {
    const res = this.#db.exec(`SELECT ${ROW_COLUMNS.join(', ')} FROM event_rows WHERE id = ?`, [row[0]]);
    const old = res[0]?.values[0];
    if (old) this.add(old, -1);
    this.add(row, 1);
  }

  flush(): void {
    if (this.#deltas.size === 0) return;
    this.#upsert ??= this.#db.prepare(
      `INSERT INTO event_minutes (minute, ${ROLLUP_KEYS.join(', ')}, n) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (minute, ${ROLLUP_KEYS.join(', ')}) DO UPDATE SET n = n + excluded.n`,
    );
    for (const [key, n] of this.#deltas) {
      if (n === 0) continue;
      const [minute, source, verb, status, cluster] = key.split(',');
      this.#upsert.run([Number(minute), Number(source || 0), Number(verb || 0), status === '' ? -1 : Number(status), Number(cluster || 0), n]);
    }
    this.#deltas.clear();
  }

  freeStatements(): void {
    this.#upsert?.free();
    this.#upsert = null;
  }
}
