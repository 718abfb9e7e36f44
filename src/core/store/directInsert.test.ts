import fc from 'fast-check';
import initSqlJs, { type SqlValue } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { DirectInsert } from './directInsert';

const SQL = await initSqlJs();
const value = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, 1_763_606_800_123, Number.MAX_SAFE_INTEGER, 0.5, -1e-9, 123.456),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', 'café', '😀', 'a\u0000b', "it's"),
);

/** Rows stored through DirectInsert and through sql.js's own binding. */
function storeBoth(rows: SqlValue[][]): [unknown[], unknown[]] {
  const out: unknown[][] = [];
  for (const direct of [true, false]) {
    const db = new SQL.Database();
    db.run('CREATE TABLE t (n INTEGER PRIMARY KEY, a, b INTEGER, c TEXT)');
    const sql = 'INSERT INTO t (n, a, b, c) VALUES (?, ?, ?, ?), (?, ?, ?, ?)';
    const insert = direct ? new DirectInsert(SQL, db, sql) : db.prepare(sql);
    if (insert instanceof DirectInsert) expect(insert.direct).toBe(true);
    if (insert instanceof DirectInsert) {
      // Bound from one long buffer of rows, as the case binds its pending rows.
      const flat = rows.flatMap((row, i) => [i, ...row]);
      for (let i = 0; i + 1 < rows.length; i += 2) insert.run(flat, i * 4, 8);
    } else {
      for (let i = 0; i + 1 < rows.length; i += 2) insert.run([i, ...rows[i], i + 1, ...rows[i + 1]]);
    }
    insert.free();
    out.push(db.exec('SELECT n, a, typeof(a), b, typeof(b), c, typeof(c) FROM t ORDER BY n')[0]?.values ?? []);
    db.close();
  }
  return [out[0], out[1]];
}

describe('DirectInsert', () => {
  it('stores every value exactly as sql.js binding does: integers, large and fractional numbers, texts, NULL', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { minLength: 2, maxLength: 40 }), (rows) => {
        const [direct, viaSqlJs] = storeBoth(rows);
        expect(direct).toEqual(viaSqlJs);
      }),
      { numRuns: 300 },
    );
  });

  it('stores a lone surrogate (JSON can escape one) as U+FFFD, texts side by side never joined into one character', () => {
    // sql.js's own binding writes such a half as three bytes that are not UTF-8 at all.
    const [direct] = storeBoth([['\uD83D', 1, '\uDE00'], ['x', 2, 'y']]);
    expect(direct[0]).toEqual([0, '\uFFFD', 'text', 1, 'integer', '\uFFFD', 'text']);
  });

  it("stores a lone surrogate as U+FFFD on sql.js's path too (a run with a blob), so a row reads the same whichever path wrote it", () => {
    const db = new SQL.Database();
    db.run('CREATE TABLE t (n INTEGER PRIMARY KEY, a, c TEXT)');
    const insert = new DirectInsert(SQL, db, 'INSERT INTO t (n, a, c) VALUES (?, ?, ?)');
    insert.run([1, new Uint8Array([1, 2]), 'curl\uD800']);
    insert.run([2, 'x', 'curl\uD800']);
    expect(db.exec('SELECT n, hex(c) FROM t ORDER BY n')[0].values).toEqual([[1, '6375726CEFBFBD'], [2, '6375726CEFBFBD']]);
  });

  it('keeps an empty text empty, not NULL', () => {
    const [direct] = storeBoth([['', '', ''], [null, 1, 'x']]);
    expect(direct[0]).toEqual([0, '', 'text', '', 'text', '', 'text']);
  });

  it('reports SQLite errors as sql.js does', () => {
    const db = new SQL.Database();
    db.run('CREATE TABLE t (n INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const insert = new DirectInsert(SQL, db, 'INSERT INTO t (n, v) VALUES (?, ?)');
    insert.run([1, 'one']);
    expect(() => insert.run([1, 'again'])).toThrow(/UNIQUE constraint failed/);
    expect(() => insert.run([2, null])).toThrow(/NOT NULL constraint failed/);
    insert.run([2, 'two']);
    expect(db.exec('SELECT n, v FROM t ORDER BY n')[0].values).toEqual([[1, 'one'], [2, 'two']]);
  });
});
