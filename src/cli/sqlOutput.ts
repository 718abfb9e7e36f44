import type { SqlValue } from 'sql.js';
import { csvRecord } from '../core/export/csv';
import type { ResultSet } from '../core/query/sqlRows';
import { tableLines } from './table';

/**
 * How BLOBs are printed (documented in `sql --help`): JSON and CSV carry every byte as a lowercase
 * hex string; the table shows `<blob N bytes>` (raw records are compressed blocks, unreadable anyway).
 */
function blobHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Keys that are all distinct: `SELECT a.id, b.id` would otherwise lose a value in JSON. A repeated
 * name gets `_2`, `_3`... (skipping names the query already uses).
 */
export function uniqueKeys(columns: readonly string[]): string[] {
  const taken = new Set(columns);
  const seen = new Set<string>();
  return columns.map((name) => {
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let n = 2;
    while (taken.has(`${name}_${n}`) || seen.has(`${name}_${n}`)) n++;
    seen.add(`${name}_${n}`);
    return `${name}_${n}`;
  });
}

function jsonValue(v: SqlValue): string {
  if (v instanceof Uint8Array) return JSON.stringify(blobHex(v));
  // SQLite's Inf has no JSON spelling; JSON.stringify writes null, which is the least wrong.
  return JSON.stringify(v);
}

/**
 * A JSON array, one object per line. Objects are written by hand rather than with
 * JSON.stringify(object): JavaScript objects put integer-like keys ("1", "2") first, and the
 * contract is that keys follow the query's column order.
 */
export function* jsonChunks(result: ResultSet): Iterable<string> {
  const keys = uniqueKeys(result.columns).map((k) => JSON.stringify(k));
  if (result.rows.length === 0) {
    yield '[]\n';
    return;
  }
  yield '[\n';
  for (let i = 0; i < result.rows.length; i++) {
    const row = result.rows[i];
    const body = keys.map((k, c) => `${k}:${jsonValue(row[c])}`).join(',');
    yield `{${body}}${i + 1 < result.rows.length ? ',' : ''}\n`;
  }
  yield ']\n';
}

/** CSV with a header row, CRLF records, formula-looking text neutralized, no BOM (it would break pipes). */
export function* csvChunks(result: ResultSet): Iterable<string> {
  yield csvRecord(result.columns) + '\r\n';
  for (const row of result.rows) yield csvRecord(row) + '\r\n';
}

function tableCell(v: SqlValue): string {
  if (v === null) return '';
  if (v instanceof Uint8Array) return `<blob ${v.length} bytes>`;
  return String(v);
}

/** The aligned table: numbers right-aligned, NULL as an empty cell, log text neutralized. */
export function tableChunks(result: ResultSet): Iterable<string> {
  const columns = result.columns.map((title, c) => {
    let numbers = 0;
    let others = 0;
    for (const row of result.rows) {
      if (typeof row[c] === 'number') numbers++;
      else if (row[c] !== null) others++;
    }
    return { title, alignRight: numbers > 0 && others === 0 };
  });
  return tableLines(columns, result.rows.map((r) => r.map(tableCell)));
}
