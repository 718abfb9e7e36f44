import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { CaseFileError, CaseStore } from '../core/store/caseStore';
import { caseSizeProblem } from '../core/store/caseLimits';
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
    const problem = caseSizeProblem((await stat(path)).size);
    if (problem) throw new CliError(`cannot open case ${path}: ${problem}`);
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw fileError(path, err);
  }
  if (bytes.length === 0) throw new CliError(`cannot open case ${path}: the file is empty`);
  try {
    return CaseStore.open(await loadSqlEngine(), nodePlatform, bytes);
  } catch (err) {
    if (err instanceof CaseFileError) throw new CliError(`cannot open case ${path}: ${err.message}`);
    throw err;
  }
}

/** The case to import into: the existing file, or a new case when none exists yet. */
export async function openOrCreateCase(path: string): Promise<{ store: CaseStore; created: boolean }> {
  let exists = false;
  try {
    const stats = await stat(path);
    if (stats.isDirectory()) throw new CliError(`${path} is a folder, not a case file`);
    exists = true;
  } catch (err) {
    if (err instanceof CliError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(path, err);
  }
  if (exists) return { store: await openCaseFile(path), created: false };
  const folder = dirname(resolve(path));
  try {
    if (!(await stat(folder)).isDirectory()) throw new CliError(`cannot create case ${path}: ${folder} is not a folder`);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot create case ${path}: no such folder ${folder}`);
  }
  return { store: CaseStore.create(await loadSqlEngine(), nodePlatform), created: true };
}
