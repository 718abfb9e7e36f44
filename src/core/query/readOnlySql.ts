import type { Database } from 'sql.js';
import { queryRows, type ResultSet } from './sqlRows';

/** The user's SQL was refused or failed: the message is shown as is. */
export class SqlError extends Error {}

/**
 * Runs one read-only statement written by the user against the case. SQLite itself refuses any
 * write (PRAGMA query_only), so no keyword list can be fooled; several statements are refused too.
 */
export function runReadOnlySql(db: Database, sql: string): ResultSet {
  const statements = [...splitStatements(db, sql)];
  if (statements.length === 0) throw new SqlError('no SQL statement given');
  if (statements.length > 1) throw new SqlError('one statement at a time, please (found several)');
  db.run('PRAGMA query_only = 1');
  try {
    return queryRows(db, statements[0]);
  } catch (err) {
    const message = (err as Error).message;
    if (/readonly database|query_only/i.test(message)) throw new SqlError('refused: this statement would write to the case; only reading SQL is allowed');
    throw new SqlError(`SQL error: ${message}`);
  } finally {
    db.run('PRAGMA query_only = 0');
  }
}

function* splitStatements(db: Database, sql: string): Iterable<string> {
  let iterator;
  try {
    iterator = db.iterateStatements(sql);
    for (const stmt of iterator) {
      const text = stmt.getSQL();
      stmt.free();
      yield text;
    }
  } catch (err) {
    throw new SqlError(`SQL error: ${(err as Error).message}`);
  }
}
