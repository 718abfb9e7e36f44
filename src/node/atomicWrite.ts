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
  const { target, mode } = await resolveTarget(path);
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx', mode ?? 0o666);
    if (mode !== undefined) await handle.chmod(mode);
    // writeFile on a handle continues at the current position and loops over partial writes.
    for await (const chunk of chunks) await handle.writeFile(chunk);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await syncDirectory(dir);
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
