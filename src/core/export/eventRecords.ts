import type { Database, SqlValue } from 'sql.js';
import type { SqlCondition } from '../query/filter';
import { VIEW_COLUMNS } from '../store/columns';

/** An event as exported: every column of the public view, plus its file's path and SHA-256. */
export type EventRecord = Record<string, SqlValue> & { id: number; ts: number; line: number; file: string; file_sha256: string };

/**
 * Events matching a condition over `event_rows e`, in time order (ties by file and line), one at a
 * time from one statement: an export of a million events never holds them all in memory.
 * The statement is freed when the iteration ends, early or not.
 */
export function* eventRecords(db: Database, cond: SqlCondition): Generator<EventRecord> {
  const columns = VIEW_COLUMNS.filter((c) => c !== 'file_id').map((c) => `v."${c}"`);
  const stmt = db.prepare(
    `SELECT ${columns.join(', ')}, f.path AS file, f.sha256 AS file_sha256
     FROM event_rows e JOIN events v ON v.id = e.id JOIN files f ON f.id = e.file_id
     WHERE ${cond.where} ORDER BY e.ts, e.file_id, e.line`,
  );
  try {
    stmt.bind(cond.params);
    while (stmt.step()) yield stmt.getAsObject() as EventRecord;
  } finally {
    stmt.free();
  }
}
