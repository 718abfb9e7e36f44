import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Where writes land before the rename; exported so that folder walks can skip stray temp files. */
export function isAtomicTempName(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.tmp$/.test(name);
}

async function resolveTarget(path: string): Promise<{ target: string; mode: number | undefined }> {
  try {
    // Writing through a symlink replaces what it points to, not the link itself.
    const target = await realpath(path);
    return { target, mode: (await stat(target)).mode & 0o7777 };
  } catch {
    return { target: path, mode: undefined };
  }
}

/**
 * Replaces `path` with `bytes` so that a reader sees either the old file or the whole new one,
 * never a torn write: a temp file in the same directory (same file system, so rename is atomic),
 * fsync, rename over the target, then fsync of the directory. On any failure the temp file is
 * removed and the old file is left untouched. An existing file keeps its permissions.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await writeFileAtomicChunks(path, [bytes]);
}

/**
 * As writeFileAtomic, for output produced piece by piece (an export of a million events): each
 * chunk is written as it comes, and the target appears, whole, only after the last one.
 */
export async function writeFileAtomicChunks(path: string, chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>): Promise<void> {
  const replacement = await beginReplacement(path);
  try {
    // writeFile on a handle continues at the current position and loops over partial writes.
    for await (const chunk of chunks) await replacement.handle.writeFile(chunk);
  } catch (err) {
    await replacement.abort();
    throw err;
  }
  await replacement.commit();
}

/** A file being written in place of another: `commit` makes it the target, `abort` removes it. */
export interface Replacement {
  /** The temp file, in the target's folder; open for reading and writing. */
  readonly temp: string;
  readonly handle: FileHandle;
  /** fsync, rename over the target, fsync of the folder; on failure the temp file is removed. */
  commit(): Promise<void>;
  /** Closes and removes the temp file; the target stays as it was. */
  abort(): Promise<void>;
}

/**
 * Starts replacing `path` (writeFileAtomic's way): an empty temp file beside the target (through
 * a symlink, beside what it points to), given the target's permissions when it exists on commit:
 * until then the temp file stays writable by its owner, by path too (a case read-only to its
 * owner is copied into it by path).
 */
export async function beginReplacement(path: string): Promise<Replacement> {
  const { target, mode } = await resolveTarget(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx+', mode === undefined ? 0o666 : 0o600);
  let stillOpen = true;
  const abort = async (): Promise<void> => {
    if (stillOpen) await handle.close().catch(() => undefined);
    stillOpen = false;
    await rm(temp, { force: true }).catch(() => undefined);
  };
  return {
    temp,
    handle,
    abort,
    async commit() {
      try {
        if (mode !== undefined) await handle.chmod(mode);
        await handle.sync();
        await handle.close();
        stillOpen = false;
        await rename(temp, target);
      } catch (err) {
        await abort();
        throw err;
      }
      await syncDirectory(dir);
    },
  };
}

/** Makes the rename itself durable; some file systems refuse to open a directory, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
