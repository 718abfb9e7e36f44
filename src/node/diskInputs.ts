import { createReadStream, type Stats } from 'node:fs';
import { open as openFile, readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import type { InputFile } from '../core/ingest/input';
import { isAtomicTempName } from './atomicWrite';

/** A path given by the user that cannot be read: the message names it and says why. */
export class InputPathError extends Error {}

/** A file on disk to import; `absolutePath` is where it is read from, `path` what the case records. */
export interface DiskInput extends InputFile {
  absolutePath: string;
}

/** Something a folder walk passed over (a symlinked folder, a socket...), reported, never silent. */
export interface PassedOver {
  path: string;
  reason: string;
}

export interface CollectedInputs {
  inputs: DiskInput[];
  passedOver: PassedOver[];
}

const READ_CHUNK = 1 << 20;

function diskInput(absolutePath: string, storedPath: string, stats: Stats): DiskInput {
  return {
    absolutePath,
    path: storedPath,
    size: stats.size,
    mtime: stats.mtimeMs,
    open: () => createReadStream(absolutePath, { highWaterMark: READ_CHUNK }),
    readRange: (offset, length) => readRange(absolutePath, offset, length),
  };
}

/** Bytes at an offset, so that a zip is read through its directory in place rather than held in memory. */
async function readRange(absolutePath: string, offset: number, length: number): Promise<Uint8Array> {
  const handle = await openFile(absolutePath, 'r');
  try {
    const bytes = new Uint8Array(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await handle.read(bytes, got, length - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return bytes.subarray(0, got);
  } finally {
    await handle.close();
  }
}

function describeError(path: string, err: unknown): InputPathError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new InputPathError(`no such file or folder: ${path}`);
  if (code === 'EACCES' || code === 'EPERM') return new InputPathError(`permission denied: ${path}`);
  return new InputPathError(`cannot read ${path}: ${(err as Error).message}`);
}

/**
 * The name a file given directly is recorded under: the path as typed when it is relative and
 * stays below the current folder (so `prod-eu-1/kube-apiserver/audit.log` keeps its cluster),
 * else only the file name (an absolute path would record the analyst's own folders).
 */
export function storedNameForFile(typed: string): string {
  const clean = normalize(typed).split(sep).join('/');
  if (isAbsolute(typed) || clean === '..' || clean.startsWith('../')) return basename(typed);
  return clean.replace(/^(\.\/)+/, '');
}

/**
 * Expands the paths given on the command line into files to import, in a stable order: files as
 * given, folders walked recursively in name order. A folder's files are recorded under the
 * folder's own name followed by their path inside it (`logs/prod-eu-1/kube-apiserver/audit.log`),
 * as when the folder is dropped on the app, so that cluster attribution sees the same path.
 * Symlinked files are followed; symlinked folders are not (they can loop) and are reported.
 */
export async function collectDiskInputs(paths: readonly string[], skip: ReadonlySet<string> = new Set()): Promise<CollectedInputs> {
  const inputs: DiskInput[] = [];
  const passedOver: PassedOver[] = [];
  // A file named twice (directly and inside a folder) is read once: its events would double.
  const seen = new Set(skip);
  for (const typed of paths) {
    const absolute = resolve(typed);
    let stats: Stats;
    try {
      stats = await stat(absolute);
    } catch (err) {
      throw describeError(typed, err);
    }
    if (stats.isDirectory()) {
      await walkFolder(absolute, basename(absolute) || absolute, inputs, passedOver, seen);
    } else if (stats.isFile()) {
      if (!seen.has(absolute)) inputs.push(diskInput(absolute, storedNameForFile(typed), stats));
      seen.add(absolute);
    } else {
      throw new InputPathError(`not a regular file or folder: ${typed}`);
    }
  }
  return { inputs, passedOver };
}

async function walkFolder(dir: string, stored: string, inputs: DiskInput[], passedOver: PassedOver[], seen: Set<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw describeError(stored, err);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = join(dir, entry.name);
    const storedPath = `${stored}/${entry.name}`;
    if (seen.has(absolute) || isAtomicTempName(entry.name)) continue;
    if (entry.isDirectory()) {
      await walkFolder(absolute, storedPath, inputs, passedOver, seen);
      continue;
    }
    let stats: Stats;
    try {
      stats = await stat(absolute);
    } catch (err) {
      passedOver.push({ path: storedPath, reason: describeError(storedPath, err).message });
      continue;
    }
    if (stats.isFile()) {
      inputs.push(diskInput(absolute, storedPath, stats));
      seen.add(absolute);
    }
    else if (stats.isDirectory()) passedOver.push({ path: storedPath, reason: 'symlinked folder not followed' });
    else passedOver.push({ path: storedPath, reason: 'not a regular file' });
  }
}
