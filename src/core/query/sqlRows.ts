import type { Database, SqlValue } from 'sql.js';

/** A result set: column names in query order and rows of SQL values. */
export interface ResultSet {
  columns: string[];
  rows: SqlValue[][];
}

/** Runs one statement and returns its rows (empty columns for a statement that returns none). */
export function queryRows(db: Database, sql: string, params: SqlValue[] = []): ResultSet {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const rows: SqlValue[][] = [];
    while (stmt.step()) rows.push(stmt.get());
    return { columns: stmt.getColumnNames(), rows };
  } finally {
    stmt.free();
  }
}

/** Rows as objects keyed by column name, in column order. */
export function queryObjects<T = Record<string, SqlValue>>(db: Database, sql: string, params: SqlValue[] = []): T[] {
  const { columns, rows } = queryRows(db, sql, params);
  return rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]])) as T);
}

export function queryNumber(db: Database, sql: string, params: SqlValue[] = []): number {
  const { rows } = queryRows(db, sql, params);
  return Number(rows[0]?.[0] ?? 0);
}

/**
 * Calls `each` with every row, without keeping them: for a grouping done in JavaScript over many
 * rows, which in sql.js is several times faster than SQLite's sorting GROUP BY.
 */
export function forEachRow(db: Database, sql: string, params: SqlValue[], each: (row: SqlValue[]) => void): void {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    while (stmt.step()) each(stmt.get());
  } finally {
    stmt.free();
  }
}
