import type { Database, SqlJsStatic, SqlValue, Statement } from 'sql.js';
import type { FileStatus, NormalizedEvent } from '../model';
import { EVENT_COLUMNS, ROW_COLUMNS } from './columns';
import { AUDIT_ID_COLUMN, INTERNED_COLUMNS, MESSAGE_TEXT, NODE_ID, NUMBER_COLUMNS, SOURCE_ID, STAGE_ID, TEXT_COLUMNS, TS_NUMBER, type PackedBatch } from './packedRows';
import { CASE_APPLICATION, MIGRATIONS, SCHEMA_VERSION } from './schema';
import { RawBlockWriter } from './rawBlocks';
import { MinuteRollup } from './minuteRollup';
import { DirectInsert } from './directInsert';
import { AuditIdIndex } from './auditIdIndex';
import { LineIndex, type IndexedLine } from './lineIndex';
import { StringIds } from './stringIds';
import { stageRank } from './stageRank';
import { wellFormed } from './wellFormed';
import type { Platform } from '../platform/platform';

/** A case file that cannot be opened: damaged, foreign, or from a newer Trailhound. */
export class CaseFileError extends Error {}

const ROWS_PER_INSERT = 100;
const PENDING_LIMIT = 4000;
/** Values per stored row. */
const WIDTH = ROW_COLUMNS.length;
/** Where #pending holds the replacement of a row already written (after the pending rows). */
const REPLACEMENT_AT = PENDING_LIMIT * WIDTH;
/** Where a pending row holds what the line index compares (see #storedLine). */
const columnAt = (name: string): number => ROW_COLUMNS.indexOf(name);
const TS_AT = columnAt('ts');
const NODE_AT = columnAt('node_id');
const MESSAGE_AT = columnAt('message');
const FILE_AT = columnAt('file_id');
const NODE_COLUMN = EVENT_COLUMNS.findIndex((c) => c.field === 'node');
/** What #place answers for an event that changes nothing (an earlier stage of a request kept). */
const MERGED = -1;

/** Counters of one file being imported; the store fills events and merged. */
export interface FileCounts {
  lines: number;
  events: number;
  merged: number;
  rejected: number;
  blank: number;
}

export interface NewFile {
  path: string;
  size: number;
  sha256: string;
  format: string | null;
  cluster: string | null;
  node: string | null;
}

type Row = SqlValue[];

/** Sets a row's id and provenance at `at` in `rows`; the caller fills in every event column. */
function setProvenance(rows: Row, at: number, id: number, fileId: number, line: number, block: number, index: number): void {
  const n = EVENT_COLUMNS.length;
  rows[at] = id;
  rows[at + n + 1] = fileId;
  rows[at + n + 2] = line;
  rows[at + n + 3] = block;
  rows[at + n + 4] = index;
}

/** The string a packed row holds at `at` (a worker's string id, 0 for null). */
function packedString(job: PackedJob, ids: Int32Array, at: number): string | null {
  return ids[at] === 0 ? null : job.strings[ids[at]];
}

/**
 * One file's translation from a parse worker's numbering to the case's. A class, where an object
 * of closures made per file gave addPacked's hot loop a new call target at every file, and V8
 * threw its optimized code away each time.
 */
export class PackedJob {
  /** By the worker's string id: the string, and its id in the case. */
  readonly strings: string[] = [''];
  readonly ids: number[] = [0];
  readonly #blocks = new Map<number, number>();
  readonly #raw: RawBlockWriter;

  constructor(raw: RawBlockWriter) {
    this.#raw = raw;
  }

  /** The case's block id for the worker's block number (reserved on first sight). */
  blockId(local: number): number {
    let id = this.#blocks.get(local);
    if (id === undefined) {
      id = this.#raw.reserveId();
      this.#blocks.set(local, id);
    }
    return id;
  }
}

/**
 * The case: one SQLite database (sql.js, in memory) holding events, provenance and annotations.
 * Writes are buffered and flushed in multi-row INSERTs inside transactions; the same auditID seen
 * at several stages is kept once, with its latest stage.
 */
export class CaseStore {
  readonly db: Database;
  readonly #platform: Platform;
  /** Interned strings, each stored in `strings` as it is first seen. */
  readonly #strings: StringIds;
  #nextEventId = 1;
  /**
   * Rows not yet written, one after the other (WIDTH values each): the ids from #firstPendingId
   * to #nextEventId - 1, in order. A later stage of a pending request overwrites its row in place;
   * one of a written request is filled at REPLACEMENT_AT, then written over it.
   */
  readonly #pending: Row = new Array<SqlValue>(REPLACEMENT_AT + WIDTH).fill(null);
  #firstPendingId = 1;
  /** auditID -> event id * 4 + stage rank; built lazily from the case on the first import. */
  #auditIds: AuditIdIndex | null = null;
  /** authlog lines by time, node and text -> the row that stored the first; built lazily from the case. */
  #lines: LineIndex | null = null;
  #readLine: Statement | null = null;
  readonly #SQL: SqlJsStatic;
  #insertMany: DirectInsert | null = null;
  #insertOne: DirectInsert | null = null;
  #update: DirectInsert | null = null;
  #insertString: Statement | null = null;
  #raw: RawBlockWriter;
  #rollup: MinuteRollup;

  private constructor(SQL: SqlJsStatic, db: Database, platform: Platform) {
    this.#SQL = SQL;
    this.db = db;
    // The rollback journal in SQLite's own memory: as a MEMFS file it was made anew for every
    // transaction (every file imported), each time growing from nothing, a page fault per 4 KiB.
    db.run('PRAGMA journal_mode = MEMORY');
    this.#platform = platform;
    this.#raw = new RawBlockWriter(db, platform);
    this.#rollup = new MinuteRollup(db);
    this.#strings = this.#loadStrings();
    this.#loadCounters();
  }

  /** A new, empty case; in `db` when given (a database with nothing in it yet). */
  static create(SQL: SqlJsStatic, platform: Platform, db: Database = new SQL.Database()): CaseStore {
    // 16 KiB pages, not 4: a quarter of the B-tree pages to split, link and copy into the case file
    // as events are appended (bench corpus, alternating: import 0.3 s and 0.4 s of CPU faster, the
    // filter and text-search queries 15-25 % faster, a table page 0.5 ms slower). Fixed at creation.
    db.run('PRAGMA page_size = 16384');
    db.run('BEGIN');
    for (const step of MIGRATIONS.flat()) db.run(step);
    db.run('INSERT INTO meta (key, value) VALUES (?, ?), (?, ?)', ['application', CASE_APPLICATION, 'schema_version', String(SCHEMA_VERSION)]);
    db.run('COMMIT');
    return new CaseStore(SQL, db, platform);
  }

  /** Opens a case file's bytes; refuses, with a clear message, anything that is not a Trailhound case. */
  static open(SQL: SqlJsStatic, platform: Platform, bytes: Uint8Array): CaseStore {
    let db: Database;
    try {
      db = new SQL.Database(bytes);
    } catch {
      throw new CaseFileError('not a SQLite database (damaged, or not a case file)');
    }
    return CaseStore.openDatabase(SQL, platform, db);
  }

  /** As open, for a database already opened over the case file's bytes; closes it when refused. */
  static openDatabase(SQL: SqlJsStatic, platform: Platform, db: Database): CaseStore {
    try {
      db.exec('SELECT count(*) FROM sqlite_master');
    } catch {
      db.close();
      throw new CaseFileError('not a SQLite database (damaged, or not a case file)');
    }
    let meta: Map<string, string>;
    try {
      const res = db.exec('SELECT key, value FROM meta');
      meta = new Map((res[0]?.values ?? []).map(([k, v]) => [String(k), String(v)]));
    } catch {
      db.close();
      throw new CaseFileError('a SQLite database, but not a Trailhound case (no meta table)');
    }
    if (meta.get('application') !== CASE_APPLICATION) {
      db.close();
      throw new CaseFileError('a SQLite database, but not a Trailhound case');
    }
    const version = Number(meta.get('schema_version'));
    if (!Number.isInteger(version) || version < 1) {
      db.close();
      throw new CaseFileError('a Trailhound case with an unreadable schema version');
    }
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new CaseFileError(`this case was written by a newer Trailhound (schema ${version}; this version reads up to ${SCHEMA_VERSION})`);
    }
    if (version < SCHEMA_VERSION) {
      db.run('BEGIN');
      for (const step of MIGRATIONS.slice(version).flat()) db.run(step);
      db.run("UPDATE meta SET value = ? WHERE key = 'schema_version'", [String(SCHEMA_VERSION)]);
      db.run('COMMIT');
    }
    return new CaseStore(SQL, db, platform);
  }

  /** The case's strings; new ones are stored with the rows that use them (#storeNewStrings). */
  #loadStrings(): StringIds {
    const res = this.db.exec('SELECT value, id FROM strings');
    const rows = res[0]?.values ?? [];
    const nextId = rows.reduce((max, [, id]) => Math.max(max, Number(id)), 0) + 1;
    const strings = new StringIds(nextId);
    for (const [value, id] of rows) strings.know(String(value), Number(id));
    return strings;
  }

  /** Stores the strings numbered since the last call (their ids run up to the next one). */
  #storeNewStrings(): void {
    const texts = this.#strings.takeNew();
    if (texts.length === 0) return;
    this.#insertString ??= this.db.prepare('INSERT INTO strings (id, value) VALUES (?, ?)');
    let id = this.#strings.nextId - texts.length;
    for (const text of texts) this.#insertString.run([id++, text]);
  }

  #loadCounters(): void {
    const one = (sql: string): number => Number(this.db.exec(sql)[0]?.values[0]?.[0] ?? 0);
    this.#nextEventId = one('SELECT coalesce(max(id), 0) + 1 FROM event_rows');
    this.#firstPendingId = this.#nextEventId;
    this.#raw.resume(one('SELECT coalesce(max(id), 0) + 1 FROM raw_blocks'));
  }

  #auditIndex(): AuditIdIndex {
    if (this.#auditIds) return this.#auditIds;
    const index = new AuditIdIndex();
    const stmt = this.db.prepare(
      'SELECT e.audit_id, e.id, s.value FROM event_rows e LEFT JOIN strings s ON s.id = e.stage_id WHERE e.audit_id IS NOT NULL',
    );
    while (stmt.step()) {
      const [auditId, id, stage] = stmt.get();
      index.set(String(auditId), Number(id) * 4 + stageRank(stage === null ? null : String(stage)));
    }
    stmt.free();
    this.#auditIds = index;
    return index;
  }

  /** Opens a row in `files` for a file about to be read. */
  addFile(file: NewFile): number {
    this.db.run(
      `INSERT INTO files (path, size, sha256, format, status, cluster, node, imported_at) VALUES (?, ?, ?, ?, 'partial', ?, ?, ?)`,
      [wellFormed(file.path), file.size, file.sha256, file.format, file.cluster && wellFormed(file.cluster), file.node && wellFormed(file.node), Date.now()],
    );
    return Number(this.db.exec('SELECT last_insert_rowid()')[0].values[0][0]);
  }

  /** The id of a file already in the case with these bytes, if any. */
  findFileBySha256(sha256: string): number | null {
    const res = this.db.exec("SELECT id FROM files WHERE sha256 = ? AND status != 'skipped' LIMIT 1", [sha256]);
    return res[0] ? Number(res[0].values[0][0]) : null;
  }

  /** Closes a file's row with its final counts. */
  finishFile(fileId: number, format: string | null, counts: FileCounts, status: FileStatus, reason: string | null, sha256?: string): void {
    this.db.run(
      `UPDATE files SET format = ?, lines = ?, events = ?, merged = ?, rejected = ?, blank = ?, status = ?, reason = ?, sha256 = coalesce(?, sha256) WHERE id = ?`,
      [format, counts.lines, counts.events, counts.merged, counts.rejected, counts.blank, status, reason && wellFormed(reason), sha256 ?? null, fileId],
    );
  }

  addReject(fileId: number, line: number, reason: string, excerpt: string): void {
    this.db.run('INSERT INTO rejects (file_id, line, reason, excerpt) VALUES (?, ?, ?, ?)', [fileId, line, wellFormed(reason), wellFormed(excerpt.slice(0, 200))]);
  }

  /**
   * Adds one event with its raw record. Returns 'merged' when its auditID is already in the case
   * (the stored row keeps the latest stage), else 'stored'.
   */
  addEvent(fileId: number, line: number, ev: NormalizedEvent, raw: string): 'stored' | 'merged' {
    if (!ev.auditId && this.#seenInAnotherFile(fileId, ev.source, ev.ts, ev.node === null ? 0 : this.#strings.idIn(NODE_COLUMN, ev.node), ev.message)) return 'merged';
    const rank = ev.auditId ? stageRank(ev.stage) : 0;
    const idsBefore = this.#nextEventId;
    const at = this.#place(ev.auditId, rank);
    if (at === MERGED) return 'merged';
    this.#fillEvent(at, fileId, line, ev, raw);
    if (at === REPLACEMENT_AT) this.#writeReplacement();
    // A new id was handed out only for a new request; otherwise a later stage took an earlier one's row.
    return this.#nextEventId > idsBefore ? 'stored' : 'merged';
  }

  /**
   * Adds a batch of events packed by a parse worker (see packedRows.ts); `job` translates that
   * worker's string ids and block numbers for one file. Returns how many were merged.
   */
  addPacked(fileId: number, job: PackedJob, batch: PackedBatch): number {
    for (let i = 0; i < batch.strings.length; i++) {
      const text = batch.strings[i];
      job.strings[batch.firstStringId + i] = text;
      job.ids[batch.firstStringId + i] = this.#strings.id(text);
    }
    for (const block of batch.blocks) this.#raw.insert({ ...block, id: job.blockId(block.id) });
    for (const r of batch.rejects) this.addReject(fileId, r.line, r.reason, r.excerpt);
    const { ids, numbers, text, textLengths, raw, lines } = batch;
    const ni = INTERNED_COLUMNS.length;
    const nn = NUMBER_COLUMNS.length;
    const nt = TEXT_COLUMNS.length;
    const texts = new Array<string | null>(nt);
    let at = 0;
    let merged = 0;
    for (let e = 0; e < batch.count; e++) {
      for (let k = 0; k < nt; k++) {
        const length = textLengths[e * nt + k];
        texts[k] = length < 0 ? null : text.slice(at, (at += length));
      }
      const auditId = batch.auditIds[e];
      const row0 = e * ni;
      if (!auditId && this.#seenInAnotherFile(fileId, packedString(job, ids, row0 + SOURCE_ID), numbers[e * nn + TS_NUMBER], job.ids[ids[row0 + NODE_ID]], texts[MESSAGE_TEXT])) {
        merged++;
        continue;
      }
      const rank = auditId ? stageRank(packedString(job, ids, row0 + STAGE_ID)) : 0;
      const idsBefore = this.#nextEventId;
      const o = this.#place(auditId, rank);
      if (this.#nextEventId === idsBefore) merged++;
      if (o === MERGED) continue;
      const rows = this.#pending;
      setProvenance(rows, o, rows[o] as number, fileId, lines[e], job.blockId(raw[e * 2]), raw[e * 2 + 1]);
      for (let k = 0; k < ni; k++) {
        const local = ids[row0 + k];
        rows[o + INTERNED_COLUMNS[k] + 1] = local === 0 ? null : job.ids[local];
      }
      for (let k = 0; k < nn; k++) {
        const v = numbers[e * nn + k];
        rows[o + NUMBER_COLUMNS[k] + 1] = Number.isNaN(v) ? null : v;
      }
      for (let k = 0; k < nt; k++) rows[o + TEXT_COLUMNS[k] + 1] = texts[k];
      rows[o + AUDIT_ID_COLUMN + 1] = auditId;
      if (o === REPLACEMENT_AT) this.#writeReplacement();
    }
    return merged;
  }

  /**
   * An authlog line already stored from another file: rotated auth logs overlap (auth.log.1 and
   * auth.log, two collections of the same host), and the overlap is one set of events, kept once.
   * The same line twice in one file is kept twice: the log said it twice.
   */
  #seenInAnotherFile(fileId: number, source: string | null, ts: number, nodeId: number, message: string | null): boolean {
    if (source !== 'authlog' || message === null) return false;
    // A new line's row is the next id (#place gives an event without an auditID a row of its own).
    return this.#lineIndex().firstFile(ts, nodeId, message, fileId, this.#nextEventId) !== fileId;
  }

  #lineIndex(): LineIndex {
    if (this.#lines) return this.#lines;
    const index = new LineIndex((id) => this.#storedLine(id));
    const stmt = this.db.prepare(
      `SELECT e.id, e.ts, e.node_id, e.message, e.file_id FROM event_rows e JOIN strings s ON s.id = e.source_id
       WHERE s.value = 'authlog' AND e.audit_id IS NULL AND e.message IS NOT NULL ORDER BY e.id`,
    );
    while (stmt.step()) {
      const [id, ts, nodeId, message, fileId] = stmt.get();
      index.firstFile(Number(ts), Number(nodeId ?? 0), String(message), Number(fileId), Number(id));
    }
    stmt.free();
    this.#lines = index;
    return index;
  }

  /** A row the line index points at, pending or written; null if the case has no such row. */
  #storedLine(id: number): IndexedLine | null {
    if (id >= this.#firstPendingId && id < this.#nextEventId) {
      const rows = this.#pending;
      const at = (id - this.#firstPendingId) * WIDTH;
      return { ts: rows[at + TS_AT] as number, nodeId: (rows[at + NODE_AT] as number | null) ?? 0, message: String(rows[at + MESSAGE_AT]), fileId: rows[at + FILE_AT] as number };
    }
    this.#readLine ??= this.db.prepare('SELECT ts, node_id, message, file_id FROM event_rows WHERE id = ?');
    const stmt = this.#readLine;
    try {
      stmt.bind([id]);
      if (!stmt.step()) return null;
      const [ts, nodeId, message, fileId] = stmt.get();
      return { ts: Number(ts), nodeId: Number(nodeId ?? 0), message: String(message), fileId: Number(fileId) };
    } finally {
      stmt.reset();
    }
  }

  /**
   * Where an event's row goes in #pending: a new row, a pending row a later stage replaces, or
   * REPLACEMENT_AT (a written row a later stage replaces: fill it, then #writeReplacement); MERGED
   * for an earlier or equal stage of a request already kept. The row's id is already set at the
   * offset; every other value is for the caller to fill.
   */
  #place(auditId: string | null, rank: number): number {
    // The id this event gets if its request is new (one lookup: most are).
    let id = this.#nextEventId;
    if (auditId) {
      const index = this.#auditIndex();
      const known = index.getOrAdd(auditId, id * 4 + rank);
      if (known !== undefined) {
        if (rank <= known % 4) return MERGED;
        id = Math.floor(known / 4);
        index.set(auditId, id * 4 + rank);
        if (id >= this.#firstPendingId) return (id - this.#firstPendingId) * WIDTH;
        this.#pending[REPLACEMENT_AT] = id;
        return REPLACEMENT_AT;
      }
    }
    if (id - this.#firstPendingId === PENDING_LIMIT) this.#flushRows();
    this.#nextEventId++;
    const at = (id - this.#firstPendingId) * WIDTH;
    this.#pending[at] = id;
    return at;
  }

  /** Translation of one parse worker's ids for one file: open with `packedJob()`, pass to every `addPacked`. */
  packedJob(): PackedJob {
    return new PackedJob(this.#raw);
  }

  /** Fills the pending row at `at` (its id already set) with an event parsed on this thread. */
  #fillEvent(at: number, fileId: number, line: number, ev: NormalizedEvent, raw: string): void {
    const rows = this.#pending;
    const ref = this.#raw.add(raw);
    setProvenance(rows, at, rows[at] as number, fileId, line, ref.block, ref.index);
    for (let i = 0; i < EVENT_COLUMNS.length; i++) {
      const c = EVENT_COLUMNS[i];
      const v = ev[c.field];
      rows[at + i + 1] = !c.interned || v === null ? v : this.#strings.idIn(i, v);
    }
  }

  /** Writes the row at REPLACEMENT_AT over the written row of its id (a later stage of its request). */
  #writeReplacement(): void {
    this.#storeNewStrings();
    const row = this.#pending.slice(REPLACEMENT_AT);
    this.#rollup.replaceStored(row);
    this.#update ??= new DirectInsert(
      this.#SQL, this.db, `UPDATE event_rows SET ${ROW_COLUMNS.slice(1).map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
    );
    this.#update.run([...row.slice(1), row[0]]);
  }

  #flushRows(): void {
    this.#storeNewStrings();
    const count = this.#nextEventId - this.#firstPendingId;
    if (count > 0) {
      const placeholders = `(${ROW_COLUMNS.map(() => '?').join(', ')})`;
      this.#insertMany ??= new DirectInsert(
        this.#SQL, this.db, `INSERT INTO event_rows (${ROW_COLUMNS.join(', ')}) VALUES ${Array(ROWS_PER_INSERT).fill(placeholders).join(', ')}`,
      );
      this.#insertOne ??= new DirectInsert(this.#SQL, this.db, `INSERT INTO event_rows (${ROW_COLUMNS.join(', ')}) VALUES ${placeholders}`);
      const rows = this.#pending;
      for (let i = 0; i < count; i++) this.#rollup.add(rows, 1, i * WIDTH);
      const inBatches = count - (count % ROWS_PER_INSERT);
      for (let i = 0; i < inBatches; i += ROWS_PER_INSERT) this.#insertMany.run(rows, i * WIDTH, ROWS_PER_INSERT * WIDTH);
      for (let i = inBatches; i < count; i++) this.#insertOne.run(rows, i * WIDTH, WIDTH);
      this.#firstPendingId = this.#nextEventId;
    }
    this.#rollup.flush();
  }

  /** Writes buffered rows and full raw blocks. */
  async flush(): Promise<void> {
    this.#flushRows();
    await this.#raw.flush(false);
  }

  /** Writes everything buffered, the last partial raw block included: call at the end of a file. */
  async flushAll(): Promise<void> {
    this.#flushRows();
    await this.#raw.flush(true);
  }

  /** Opens a transaction (the import writes each file's many flushes in one). */
  begin(): void {
    this.db.run('BEGIN');
  }

  commit(): void {
    this.#storeNewStrings();
    this.db.run('COMMIT');
  }

  /** The original record of an event, decompressed from its raw block. */
  async rawRecord(eventId: number): Promise<string | null> {
    const res = this.db.exec('SELECT raw_block, raw_index FROM event_rows WHERE id = ?', [eventId]);
    const row = res[0]?.values[0];
    if (!row || row[0] === null) return null;
    return this.#raw.read(Number(row[0]), Number(row[1]));
  }

  /** The whole case as SQLite file bytes. Flush first. */
  export(): Uint8Array {
    this.#freeStatements();
    return this.db.export();
  }

  #freeStatements(): void {
    for (const stmt of [this.#insertMany, this.#insertOne, this.#update, this.#insertString, this.#readLine]) stmt?.free();
    this.#insertMany = this.#insertOne = this.#update = this.#insertString = this.#readLine = null;
    this.#raw.freeStatements();
    this.#rollup.freeStatements();
  }

  /**
   * The whole case as SQLite file bytes, closing it: where sql.js is patched to hand over its
   * in-memory file (the CLI's copy), the file itself, without copying a few hundred megabytes.
   */
  closeIntoBytes(): Uint8Array {
    this.#freeStatements();
    const db = this.db as Database & { closeIntoBytes?: () => Uint8Array };
    if (db.closeIntoBytes) return db.closeIntoBytes();
    const bytes = db.export();
    db.close();
    return bytes;
  }

  close(): void {
    this.db.close();
  }

  get platform(): Platform {
    return this.#platform;
  }
}
