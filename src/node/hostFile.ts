import { ftruncateSync, fstatSync, readSync, writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Database, SqlJsStatic } from 'sql.js';

/**
 * A real file behind a database's in-memory file: what the CLI's patched sql.js calls for
 * SQLite's reads, writes and truncations once `attachHostFile` was called (scripts/sqljs-patch.mjs).
 */
export interface HostFile {
  /** The file's size when attached. */
  readonly size: number;
  read(buffer: NodeJS.TypedArray, offset: number, length: number, position: number): number;
  write(buffer: NodeJS.TypedArray, offset: number, length: number, position: number): void;
  resize(size: number): void;
}

/**
 * Written bytes after which the file is flushed to disk in the background (fdatasync on libuv's
 * pool, one at a time), so that the fsync that ends an import finds little left to write: on the
 * bench corpus the last fsync took 0.19 s, and 0.03 s this way. Durability is still the final
 * fsync's: until the rename the file is only a temp file.
 */
const SYNC_EVERY_BYTES = 64 * 2 ** 20;

/** The file behind a database could not be read or written (a full disk, an I/O error). */
export class HostFileError extends Error {}

/** Runs a file operation; its failure becomes a HostFileError, which the database's caller can tell apart. */
function onFile<T>(operation: () => T): T {
  try {
    return operation();
  } catch (err) {
    throw new HostFileError((err as Error).message);
  }
}

type HostFileDatabase = Database & { attachHostFile?: (file: HostFile) => void };

/** Whether this sql.js can put a real file behind its databases (the CLI's patched copy can). */
export function canAttachHostFile(SQL: SqlJsStatic): boolean {
  return typeof (SQL.Database.prototype as HostFileDatabase).attachHostFile === 'function';
}

/**
 * Puts the open file `handle` behind `db`, which must not have run a statement yet. Synchronous
 * calls, as SQLite's own are: a read or write is one pread or pwrite of a page from the page cache.
 * `flushed()`, once the database is closed, resolves when no background flush is left running:
 * close `handle` only then.
 */
export function attachHostFile(db: Database, handle: FileHandle, syncEveryBytes = SYNC_EVERY_BYTES): { flushed(): Promise<void> } {
  const attach = (db as HostFileDatabase).attachHostFile;
  if (typeof attach !== 'function') throw new Error('this sql.js cannot put a file behind a database');
  const fd = handle.fd;
  let unsynced = 0;
  let syncing: Promise<void> | null = null;
  const file: HostFile = {
    size: fstatSync(fd).size,
    read: (buffer, offset, length, position) => onFile(() => readSync(fd, buffer, offset, length, position)),
    write(buffer, offset, length, position) {
      let done = 0;
      while (done < length) done += onFile(() => writeSync(fd, buffer, offset + done, length - done, position + done));
      unsynced += length;
      if (unsynced >= syncEveryBytes && !syncing) {
        unsynced = 0;
        // A failure here is the final fsync's to report.
        syncing = handle.datasync().catch(() => undefined).finally(() => (syncing = null));
      }
    },
    resize: (size) => onFile(() => ftruncateSync(fd, size)),
  };
  attach.call(db, file);
  return { flushed: async () => void (await syncing) };
}
