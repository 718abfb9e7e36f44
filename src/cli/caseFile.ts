import { copyFile, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { CaseFileError, CaseStore } from '../core/store/caseStore';
import { caseSizeProblem } from '../core/store/caseLimits';
import { beginReplacement, writeFileAtomic, type Replacement } from '../node/atomicWrite';
import { attachHostFile, canAttachHostFile } from '../node/hostFile';
import { nodePlatform } from '../node/nodePlatform';
import { CliError } from './cliIo';

let engine: Promise<SqlJsStatic> | null = null;

/** sql.js finds its wasm next to its own file, which is why the bundle keeps it external. */
export function loadSqlEngine(): Promise<SqlJsStatic> {
  engine ??= initSqlJs();
  return engine;
}

function fileError(path: string, err: unknown): CliError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new CliError(`no such case file: ${path}`);
  if (code === 'EISDIR') return new CliError(`${path} is a folder, not a case file`);
  if (code === 'EACCES' || code === 'EPERM') return new CliError(`permission denied: ${path}`);
  return new CliError(`cannot read case file ${path}: ${(err as Error).message}`);
}

/** Opens an existing case; a missing, unreadable, damaged, foreign or newer file is a usage error. */
export async function openCaseFile(path: string): Promise<CaseStore> {
  let bytes: Uint8Array;
  try {
    // Refused before reading: a case beyond the supported size would not fit in memory anyway.
    await checkCaseSize(path);
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw fileError(path, err);
  }
  try {
    return CaseStore.open(await loadSqlEngine(), nodePlatform, bytes);
  } catch (err) {
    if (err instanceof CaseFileError) throw new CliError(`cannot open case ${path}: ${err.message}`);
    throw err;
  }
}

/** Whether a case exists at `path` (a folder there, or an unreadable path, is an error). */
async function caseExists(path: string): Promise<boolean> {
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw new CliError(`${path} is a folder, not a case file`);
    return true;
  } catch (err) {
    if (err instanceof CliError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(path, err);
    return false;
  }
}

async function checkFolderFor(path: string): Promise<void> {
  const folder = dirname(resolve(path));
  try {
    if (!(await stat(folder)).isDirectory()) throw new CliError(`cannot create case ${path}: ${folder} is not a folder`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot create case ${path}: no such folder ${folder}`);
  }
}

/** A case opened for an import: `save` writes it back atomically, `discard` leaves the file as it was. */
export interface ImportCase {
  readonly store: CaseStore;
  readonly created: boolean;
  save(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * The case to import into, written as the import goes into a temp file beside it (a copy of the
 * case, when it exists) that replaces it on `save`: SQLite reads and writes that file instead of
 * memory (see hostFile.ts). Where sql.js cannot do that (unpatched, as when run from sources), the
 * case is held in memory and written at the end.
 */
export async function openCaseForImport(path: string): Promise<ImportCase> {
  const exists = await caseExists(path);
  if (!exists) await checkFolderFor(path);
  const SQL = await loadSqlEngine();
  if (!canAttachHostFile(SQL)) {
    const store = exists ? await openCaseFile(path) : CaseStore.create(SQL, nodePlatform);
    return {
      store, created: !exists,
      save: () => writeFileAtomic(path, store.closeIntoBytes()),
      discard: async () => store.close(),
    };
  }
  let replacement: Replacement | undefined;
  try {
    if (exists) await checkCaseSize(path);
    replacement = await beginReplacement(path);
    // Into the temp file (the same file our handle has open): a clone or an in-kernel copy.
    if (exists) await copyFile(path, replacement.temp);
  } catch (err) {
    await replacement?.abort();
    if (err instanceof CliError) throw err;
    throw exists ? fileError(path, err) : new CliError(`cannot create case ${path}: ${(err as Error).message}`);
  }
  const pending = replacement;
  const db = new SQL.Database();
  let store: CaseStore;
  let file: { flushed(): Promise<void> };
  try {
    file = attachHostFile(db, pending.handle);
    store = exists ? CaseStore.openDatabase(SQL, nodePlatform, db) : CaseStore.create(SQL, nodePlatform, db);
  } catch (err) {
    await pending.abort();
    if (err instanceof CaseFileError) throw new CliError(`cannot open case ${path}: ${err.message}`);
    throw err;
  }
  return {
    store, created: !exists,
    async save() {
      store.close();
      await file.flushed();
      await pending.commit();
    },
    async discard() {
      store.close();
      await file.flushed();
      await pending.abort();
    },
  };
}

/** A case beyond the supported size is refused before it is read; an empty file is no case. */
async function checkCaseSize(path: string): Promise<void> {
  const { size } = await stat(path);
  const problem = caseSizeProblem(size);
  if (problem) throw new CliError(`cannot open case ${path}: ${problem}`);
  if (size === 0) throw new CliError(`cannot open case ${path}: the file is empty`);
}
