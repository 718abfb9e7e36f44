import type { Database } from 'sql.js';
import type { SqlCondition } from './filter';
import { queryRows } from './sqlRows';
import { SqlError } from './readOnlySql';

/**
 * Checks that a condition cannot leave the parentheses it is put in: brackets balance outside
 * string literals, quoted names and comments, and there is no `;`. SQLite itself refuses any
 * write (query_only) and a second statement; this makes sure that `1) UNION SELECT (5` cannot
 * turn "events matching the condition" into rows of something else.
 */
export function checkConditionShape(condition: string): void {
  let depth = 0;
  for (let i = 0; i < condition.length; i++) {
    const c = condition[i];
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      const end = condition.indexOf(close, i + 1);
      if (end < 0) throw new SqlError('the condition has an unterminated quote or bracket');
      i = end;
    } else if (c === '-' && condition[i + 1] === '-') {
      const end = condition.indexOf('\n', i);
      i = end < 0 ? condition.length : end;
    } else if (c === '/' && condition[i + 1] === '*') {
      const end = condition.indexOf('*/', i + 2);
      if (end < 0) throw new SqlError('the condition has an unterminated /* comment');
      i = end + 1;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      if (--depth < 0) throw new SqlError("the condition closes a parenthesis it did not open");
    } else if (c === ';') {
      throw new SqlError('the condition must be one SQL expression (no ;)');
    }
  }
  if (depth !== 0) throw new SqlError('the condition leaves a parenthesis open');
}

/**
 * The ids of the events matching a SQL condition written by the user over the public `events`
 * view (e.g. `user = 'alice' AND verb = 'delete'`), in time order. Runs read-only (PRAGMA
 * query_only): a condition that would write is refused, never run.
 */
export function eventIdsWhere(db: Database, condition: string): number[] {
  if (condition.trim() === '') throw new SqlError('the condition is empty');
  checkConditionShape(condition);
  // The newline ends a trailing `--` comment before the closing parenthesis.
  const sql = `SELECT id FROM events WHERE (${condition}\n) ORDER BY ts, file_id, line`;
  db.run('PRAGMA query_only = 1');
  try {
    return queryRows(db, sql).rows.map((r) => Number(r[0]));
  } catch (err) {
    const message = (err as Error).message;
    if (/readonly database|query_only/i.test(message)) throw new SqlError('refused: this condition would write to the case; only reading SQL is allowed');
    throw new SqlError(`SQL error in the condition: ${message}`);
  } finally {
    db.run('PRAGMA query_only = 0');
  }
}

/** A user's condition as a condition over `event_rows e` (for streaming exports), after checking it as eventIdsWhere does. */
export function userCondition(db: Database, condition: string): SqlCondition {
  if (condition.trim() === '') return { where: '1', params: [] };
  checkConditionShape(condition);
  // Compiling it once reports a syntax error or an unknown column before any output is written.
  db.run('PRAGMA query_only = 1');
  try {
    db.prepare(`SELECT id FROM events WHERE (${condition}\n) LIMIT 0`).free();
  } catch (err) {
    throw new SqlError(`SQL error in the condition: ${(err as Error).message}`);
  } finally {
    db.run('PRAGMA query_only = 0');
  }
  return { where: `e.id IN (SELECT id FROM events WHERE (${condition}\n))`, params: [] };
}
