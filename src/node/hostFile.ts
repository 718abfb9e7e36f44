import { ftruncateSync, fstatSync, readSync, writeSync } from 'node:fs';
import type { Database } from 'sql.js';

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

type HostFileDatabase = Database & { attachHostFile?: (file: HostFile) => void };

/** Whether this sql.js can put a real file behind its databases (the CLI's patched copy can). */
export function canAttachHostFile(db: Database): boolean {
  return typeof (db as HostFileDatabase).attachHostFile === 'function';
}

/**
 * Puts the open file `fd` behind `db`, which must not have run a statement yet. Synchronous
 * calls, as SQLite's own are: a read or write is one pread or pwrite of a page from the page cache.
 */
export function attachHostFile(db: Database, fd: number): void {
  const attach = (db as HostFileDatabase).attachHostFile;
  if (typeof attach !== 'function') throw new Error('this sql.js cannot put a file behind a database');
  const file: HostFile = {
    size: fstatSync(fd).size,
    read: (buffer, offset, length, position) => readSync(fd, buffer, offset, length, position),
    write(buffer, offset, length, position) {
      let done = 0;
      while (done < length) done += writeSync(fd, buffer, offset + done, length - done, position + done);
    },
    resize: (size) => ftruncateSync(fd, size),
  };
  attach.call(db, file);
}
