import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import { wellFormed } from './wellFormed';

/** SQLite's C API as sql.js exports it (not in its typings), plus Emscripten's memory helpers. */
interface SqliteApi {
  _sqlite3_bind_int(stmt: number, index: number, value: number): number;
  _sqlite3_bind_double(stmt: number, index: number, value: number): number;
  _sqlite3_bind_text(stmt: number, index: number, text: number, bytes: number, destructor: number): number;
  _sqlite3_step(stmt: number): number;
  _sqlite3_reset(stmt: number): number;
  _sqlite3_clear_bindings(stmt: number): number;
  _sqlite3_sql(stmt: number): number;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  UTF8ToString(pointer: number): string;
  writeArrayToMemory(bytes: Uint8Array, pointer: number): void;
}

const SQLITE_DONE = 101;
/** The text stays put until the statement has run (one write of every text per run). */
const SQLITE_STATIC = 0;

function sqliteApi(SQL: SqlJsStatic): SqliteApi | null {
  const api = SQL as unknown as Record<string, unknown>;
  const needed = ['_sqlite3_bind_int', '_sqlite3_bind_double', '_sqlite3_bind_text', '_sqlite3_step', '_sqlite3_reset',
    '_sqlite3_clear_bindings', '_sqlite3_sql', '_malloc', '_free', 'UTF8ToString', 'writeArrayToMemory'];
  return needed.every((name) => typeof api[name] === 'function') ? (SQL as unknown as SqliteApi) : null;
}

/** The statement's C pointer: sql.js keeps it in a minified field, so it is found by asking SQLite for each candidate's SQL. */
function statementPointer(api: SqliteApi, stmt: Statement, sql: string): number | null {
  for (const value of Object.values(stmt)) {
    if (typeof value !== 'number' || value < 1024) continue;
    try {
      if (api.UTF8ToString(api._sqlite3_sql(value)) === sql) return value;
    } catch {
      // Not a statement: reading through it went out of bounds.
    }
  }
  return null;
}

/**
 * A statement (the rows' INSERT, a row's UPDATE) run many times with numbers, texts and NULLs,
 * bound straight through SQLite's C API: sql.js binds each value through a generic wrapper and
 * copies each text into its own allocation, which costs more than SQLite's own work for rows of
 * thirty-odd columns. NULL is not bound at all (clearing the bindings leaves every parameter NULL)
 * and the texts of a run are encoded together into one buffer, by TextEncoder: a lone surrogate
 * becomes U+FFFD. Where sql.js does not expose what this needs, it uses sql.js's run, with the
 * texts made well-formed first, so that a row is stored the same either way.
 */
export class DirectInsert {
  readonly #stmt: Statement;
  readonly #api: SqliteApi | null;
  readonly #pointer: number | null;
  readonly #encoder = new TextEncoder();
  #scratch = new Uint8Array(64 * 1024);
  /** The texts of the run being bound (reused). */
  readonly #texts: string[] = [];
  #heap = 0;
  #heapSize = 0;

  constructor(SQL: SqlJsStatic, db: Database, sql: string) {
    this.#stmt = db.prepare(sql);
    this.#api = sqliteApi(SQL);
    this.#pointer = this.#api ? statementPointer(this.#api, this.#stmt, sql) : null;
  }

  /** Whether values go straight to SQLite (false: through sql.js). */
  get direct(): boolean {
    return this.#pointer !== null;
  }

  /** Runs the statement with `values[from .. from + parameters)`: rows can be bound from one long buffer without copying. */
  run(values: readonly SqlValue[], from = 0, count = values.length - from): void {
    const api = this.#api;
    const stmt = this.#pointer;
    const to = from + count;
    if (!api || stmt === null || !this.#bindable(values, from, to)) {
      this.#runViaSqlJs(values, from, to);
      return;
    }
    const texts = this.#encodeTexts(values, from, to);
    api._sqlite3_reset(stmt);
    api._sqlite3_clear_bindings(stmt);
    let textAt = 0;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v === null) continue;
      if (typeof v === 'number') {
        if (v === (v | 0)) api._sqlite3_bind_int(stmt, i - from + 1, v);
        else api._sqlite3_bind_double(stmt, i - from + 1, v);
      } else {
        const length = texts[textAt++];
        api._sqlite3_bind_text(stmt, i - from + 1, this.#heap + texts[textAt++], length, SQLITE_STATIC);
      }
    }
    const rc = api._sqlite3_step(stmt);
    api._sqlite3_reset(stmt);
    if (rc !== SQLITE_DONE) {
      // Run it again through sql.js, which turns SQLite's error into a message.
      this.#runViaSqlJs(values, from, to);
    }
  }

  #runViaSqlJs(values: readonly SqlValue[], from: number, to: number): void {
    this.#stmt.run(values.slice(from, to).map((v) => (typeof v === 'string' ? wellFormed(v) : v)));
  }

  #bindable(values: readonly SqlValue[], from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (v !== null && typeof v !== 'number' && typeof v !== 'string') return false;
    }
    return true;
  }

  /** Encodes every text of the run into wasm memory; returns [length, offset] pairs in order. */
  #encodeTexts(values: readonly SqlValue[], from: number, to: number): number[] {
    const api = this.#api as SqliteApi;
    const texts = this.#texts;
    texts.length = 0;
    for (let i = from; i < to; i++) {
      const v = values[i];
      if (typeof v === 'string') texts.push(v);
    }
    const spans: number[] = [];
    if (texts.length === 0) return spans;
    // One encoding for the whole run: when it is all ASCII (audit logs are), a text's bytes sit at
    // its characters' offsets. Otherwise each text is encoded alone: joined, a lone surrogate at
    // the end of one text and one at the start of the next would encode as one character.
    const joined = texts.join('');
    this.#reserve(joined.length * 3);
    let used = this.#encoder.encodeInto(joined, this.#scratch).written;
    if (used === joined.length) {
      let at = 0;
      for (const t of texts) {
        spans.push(t.length, at);
        at += t.length;
      }
    } else {
      used = 0;
      for (const t of texts) {
        const { written } = this.#encoder.encodeInto(t, this.#scratch.subarray(used));
        spans.push(written, used);
        used += written;
      }
    }
    // Allocated even for empty texts only: a NULL pointer would bind NULL, not ''.
    if (used >= this.#heapSize) {
      if (this.#heap) api._free(this.#heap);
      this.#heapSize = Math.max(used, this.#heapSize * 2, 64 * 1024);
      this.#heap = api._malloc(this.#heapSize);
    }
    api.writeArrayToMemory(this.#scratch.subarray(0, used), this.#heap);
    return spans;
  }

  /** Room in the scratch buffer for `bytes` (UTF-8 takes at most 3 bytes per UTF-16 unit). */
  #reserve(bytes: number): void {
    if (bytes > this.#scratch.length) this.#scratch = new Uint8Array(Math.max(this.#scratch.length * 2, bytes));
  }

  free(): void {
    this.#stmt.free();
    if (this.#heap && this.#api) this.#api._free(this.#heap);
    this.#heap = 0;
    this.#heapSize = 0;
  }
}
