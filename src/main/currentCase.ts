import { isAbsolute } from 'node:path';
import type { Result } from '../shared/desktopApi';
import { MAX_CASE_BYTES } from './saveCaseArgs';

/** The first bytes of every SQLite database file. */
const SQLITE_HEADER = 'SQLite format 3\0';
const MAX_PATH_LENGTH = 4096;

/**
 * Each window's current case file: the path chosen in its last Save as, or the case it opened.
 * Autosave writes only there, so the renderer (which shows attacker-controlled text) never
 * chooses where bytes land.
 */
export class CurrentCases {
  readonly #paths = new Map<number, string>();

  get(windowId: number): string | undefined {
    return this.#paths.get(windowId);
  }

  set(windowId: number, path: string): void {
    this.#paths.set(windowId, path);
  }

  forget(windowId: number): void {
    this.#paths.delete(windowId);
  }
}

/** The main-process side of DesktopApi.saveCase: checks the bytes, writes atomically to the current case, if any. */
export async function saveToCurrentCase(bytes: unknown, path: string | undefined, write: (path: string, bytes: Uint8Array) => Promise<void>): Promise<Result<string | null>> {
  if (!(bytes instanceof Uint8Array)) return { ok: false, error: 'the case must be sent as bytes (Uint8Array)' };
  if (bytes.byteLength === 0) return { ok: false, error: 'the case is empty' };
  if (bytes.byteLength > MAX_CASE_BYTES) return { ok: false, error: `the case is larger than ${MAX_CASE_BYTES / 1024 ** 3} GiB` };
  if (!path) return { ok: true, value: null };
  try {
    await write(path, bytes);
    return { ok: true, value: path };
  } catch (err) {
    return { ok: false, error: `could not save the case: ${(err as Error).message}` };
  }
}

/**
 * Checks a path the preload read from a File the user opened before it becomes the current case:
 * an absolute path to an existing file that starts as a SQLite database does.
 */
export async function validateOpenedCasePath(path: unknown, readHead: (path: string, length: number) => Promise<Uint8Array>): Promise<Result<string>> {
  if (typeof path !== 'string' || path === '' || path.length > MAX_PATH_LENGTH || path.includes('\0') || !isAbsolute(path)) {
    return { ok: false, error: 'not the path of an opened case file' };
  }
  let head: Uint8Array;
  try {
    head = await readHead(path, SQLITE_HEADER.length);
  } catch (err) {
    return { ok: false, error: `cannot read ${path}: ${(err as Error).message}` };
  }
  if (new TextDecoder('latin1').decode(head) !== SQLITE_HEADER) return { ok: false, error: 'the opened file is not a SQLite case file' };
  return { ok: true, value: path };
}
