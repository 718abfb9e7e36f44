import type { ByteReader } from './byteReader';
import { randomAccessFromBytes, type RandomAccess } from './containers/randomAccess';
import { readTarEntries, type TarEntry } from './containers/tar';
import { readZipDirectory, ZipDamage, type ZipDirectory, type ZipEntry } from './containers/zip';
import { zipEntryContent } from './containers/zipEntry';
import { recoverZipEntries } from './containers/zipRecovery';
import { Cancelled, CANCELLED_REASON, outcome, skippedRow, type ImportRun, type Outcome, type Source } from './importRun';
import { importSource } from './importSource';
import { LimitExceeded } from './limits';
import { checkMemberName, memberPath } from './memberPath';
import { collect } from './sourceBytes';

type MemberBytes = Pick<Source, 'size' | 'mtime' | 'open' | 'reopenable'>;

/**
 * Imports each member of a tar as it streams past: a member's bytes go to its own import (a log,
 * or an archive nested inside) while the tar is read, and are never held whole in memory.
 */
export async function importTar(run: ImportRun, container: Source, stream: ByteReader, depth: number): Promise<Outcome> {
  let index = 0;
  try {
    for await (const entry of readTarEntries(stream, run.limits.maxTarMetadataBytes)) {
      index++;
      if (entry.kind === 'directory' || entry.kind === 'label') continue;
      if (index > run.limits.maxArchiveEntries) return outcome('tar', 'partial', `more than ${run.limits.maxArchiveEntries} entries: the rest were not read`);
      await run.report(container.path);
      const bytes: MemberBytes = { size: entry.size, mtime: entry.mtime, open: () => entry.body, reopenable: false };
      await importMember(run, container, depth, index, entry.name, tarEntryNote(entry), bytes);
    }
    return outcome('tar', 'complete', null);
  } catch (err) {
    return failure('tar', err);
  }
}

/**
 * Imports each entry of a zip, found through its central directory: read in place where the input
 * offers random access, else held in memory within the buffer bound (its directory is at its end).
 */
export async function importZip(run: ImportRun, container: Source, stream: ByteReader, depth: number, asStored: boolean): Promise<Outcome> {
  const max = run.limits.maxBufferedBytes;
  const tooLarge = `zip larger than ${max / 2 ** 20} MiB inside another archive (or from an input read only as a stream): its directory is at its end, and no more is held in memory`;
  const damage: string[] = [];
  let index = 0;
  try {
    let file: RandomAccess | undefined = asStored ? (container.random ?? (container.bytes && randomAccessFromBytes(container.bytes))) : undefined;
    if (!file) {
      if (asStored && container.size > max) return outcome('zip', 'skipped', tooLarge);
      const held = await collect(stream.rest(), max);
      if (!held) return outcome('zip', 'skipped', tooLarge);
      if (held.error) throw held.error.cause;
      file = randomAccessFromBytes(held.bytes);
    }
    const zip = file;
    let directory: ZipDirectory;
    try {
      directory = await readZipDirectory(zip, run.limits.maxArchiveEntries);
    } catch (err) {
      // No readable directory (a download cut short): walk the entries from the start instead.
      if (!(err instanceof ZipDamage)) throw err;
      if (!err.recoverable) return outcome('zip', 'skipped', err.message);
      const recovered = await recoverZipEntries(zip, run.limits.maxArchiveEntries);
      const stopped = recovered.stoppedBecause ? `; ${recovered.stoppedBecause}` : '';
      if (recovered.entries.length === 0) return outcome('zip', 'skipped', `${err.message}${stopped}`);
      directory = { entries: recovered.entries, entriesLeftOut: 0 };
      damage.push(`${err.message}; ${recovered.entries.length} entries found from their local headers${stopped}`);
    }
    for (const entry of directory.entries) {
      index++;
      if (entry.kind === 'directory') continue;
      await run.report(container.path);
      const content = (): AsyncIterable<Uint8Array> => {
        const inflated = zipEntryContent(zip, entry, run.store.platform.gunzip);
        return noteDamage(entry.method === 0 ? inflated : run.budget.track(inflated), damage);
      };
      const bytes: MemberBytes = { size: entry.size, mtime: entry.mtime, open: content, reopenable: true };
      await importMember(run, container, depth, index, entry.name.replaceAll('\\', '/'), zipEntryNote(entry), bytes);
    }
    if (directory.entriesLeftOut > 0) {
      return outcome('zip', 'partial', `more than ${run.limits.maxArchiveEntries} entries: ${directory.entriesLeftOut} were not read`);
    }
  } catch (err) {
    return failure('zip', err);
  }
  if (damage.length > 0) return outcome('zip', 'partial', damage.length === 1 ? damage[0] : `${damage[0]}; and ${damage.length - 1} more damaged`);
  return outcome('zip', 'complete', null);
}

/** A member with an unsafe name or nothing to read gets a skipped row; a file is imported. */
async function importMember(run: ImportRun, container: Source, depth: number, index: number, name: string, note: string | null, bytes: MemberBytes): Promise<void> {
  const checked = checkMemberName(name);
  if (!checked.ok) {
    // The name is shown in the reason only: it is never used as a path, nor for attribution.
    return skippedRow(run, memberPath(container.path, `(entry ${index}: unsafe name)`), bytes.size, checked.reason);
  }
  const path = memberPath(container.path, checked.name);
  if (note) return skippedRow(run, path, bytes.size, note);
  await importSource(run, { ...bytes, path, depth });
}

function tarEntryNote(entry: TarEntry): string | null {
  switch (entry.kind) {
    case 'symlink': return `symbolic link to ${JSON.stringify(entry.linkName)}: not followed`;
    case 'hardlink': return `hard link to ${JSON.stringify(entry.linkName)}: its content is read under that name`;
    case 'device': return 'device file: no content to read';
    case 'fifo': return 'FIFO (named pipe): no content to read';
    case 'unsupported': return `tar entry of type ${JSON.stringify(entry.typeflag)} (not a regular file) is not read`;
    default: return null;
  }
}

function zipEntryNote(entry: ZipEntry): string | null {
  if (entry.kind === 'symlink') return 'symbolic link: not followed';
  if (entry.encrypted) return 'encrypted zip entry: not readable without its password';
  if (entry.method !== 0 && entry.method !== 8) return `zip compression method ${entry.method} is not read (only stored and deflated entries are)`;
  return null;
}

/** Passes a zip entry's bytes on, noting for the zip's row an entry that is damaged or too large to inflate. */
async function* noteDamage(chunks: AsyncIterable<Uint8Array>, damage: string[]): AsyncGenerator<Uint8Array> {
  try {
    yield* chunks;
  } catch (err) {
    if ((err instanceof ZipDamage || err instanceof LimitExceeded) && !damage.includes(err.message)) damage.push(err.message);
    throw err;
  }
}

function failure(format: string, err: unknown): Outcome {
  if (err instanceof Cancelled) return { ...outcome(format, 'partial', CANCELLED_REASON), cancelled: true };
  return outcome(format, 'partial', (err as Error).message);
}
