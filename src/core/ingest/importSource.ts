import { ByteReader, inPieces } from './byteReader';
import { CONTAINER_HEAD_BYTES, detectContainer, unsupportedCompression } from './containers/sniff';
import { importTar, importZip } from './importArchive';
import { importLogLines } from './importLogFile';
import { Cancelled, CANCELLED_REASON, closeRow, openRow, outcome, skippedRow, type ImportRun, type Outcome, type Source } from './importRun';
import { LimitExceeded } from './limits';
import { hashing, hashStream, holdInMemory } from './sourceBytes';

/** Compressed bytes handed to gunzip at a time: at most about 64 MiB of output each. */
export const GUNZIP_INPUT_PIECE = 64 * 1024;

/** A gzip stream that breaks: the message becomes the file's reason. */
export class GzipDamage extends Error {}

/**
 * Imports one file, whatever it holds: a log (gzipped or not) becomes one row with its lines; a
 * tar or zip becomes a row of its own and each member is imported in turn, recursively. Every
 * byte is hashed as stored. A file with the same bytes as one already in the case is skipped.
 */
export async function importSource(run: ImportRun, given: Source): Promise<void> {
  const { source, sha256: known } = await checkAhead(run, given);
  if (known) {
    const twin = run.duplicates.find(known);
    if (twin) return skippedRow(run, source.path, source.size, `same content as file #${twin.id} (${twin.path})`, known);
  }
  const couldBeTwin = run.duplicates.mayHave(source.size);
  const rowId = openRow(run, source.path, source.size);
  const hasher = known ? null : await run.store.platform.createSha256();
  const raw = new ByteReader(hashing(source.open(), hasher));
  let result: Outcome;
  try {
    result = await readContent(run, source, raw, rowId);
  } catch (err) {
    if (!(err instanceof Cancelled)) throw err;
    result = { ...outcome(null, 'partial', CANCELLED_REASON), cancelled: true };
  }
  let sha256 = known ?? '';
  if (hasher && !result.cancelled) {
    // Read on to the end, so that the SHA-256 covers the whole file as stored.
    try {
      await raw.drain();
    } catch {
      result.reason = `${result.reason ?? 'read error'}; the file could not be read to its end, so its SHA-256 covers only the ${raw.position} bytes read`;
      if (result.status === 'complete') result.status = 'partial';
    }
    sha256 = hasher.digestHex();
    const twin = couldBeTwin ? run.duplicates.find(sha256) : null;
    if (twin) result.reason = [result.reason, `same content as file #${twin.id} (${twin.path}), found only after reading it (too large to check first)`].filter(Boolean).join('; ');
  }
  closeRow(run, rowId, source.path, source.size, sha256, result);
  if (result.cancelled) throw new Cancelled();
}

/**
 * When a file of the same size is in the case, the bytes are hashed before anything is imported:
 * read twice when the source can be re-opened, else held in memory within the buffer bound.
 */
async function checkAhead(run: ImportRun, source: Source): Promise<{ source: Source; sha256: string | null }> {
  if (!run.duplicates.mayHave(source.size)) return { source, sha256: null };
  const hasher = await run.store.platform.createSha256();
  if (source.bytes) {
    hasher.update(source.bytes);
    return { source, sha256: hasher.digestHex() };
  }
  if (source.reopenable) return { source, sha256: await hashStream(source.open(), hasher) };
  if (source.size > run.limits.maxBufferedBytes) return { source, sha256: null };
  const held = await holdInMemory(source, run.limits.maxBufferedBytes);
  if (!held) return { source, sha256: null };
  if (held.complete) hasher.update(held.source.bytes as Uint8Array);
  return { source: held.source, sha256: held.complete ? hasher.digestHex() : null };
}

/** Peels compression layers by their magic bytes, then reads what is inside. */
async function readContent(run: ImportRun, source: Source, raw: ByteReader, rowId: number): Promise<Outcome> {
  let stream = raw;
  let depth = source.depth;
  for (;;) {
    const head = await stream.peek(CONTAINER_HEAD_BYTES);
    const kind = detectContainer(head);
    if (kind === null) {
      const unsupported = unsupportedCompression(head);
      if (unsupported) return outcome(null, 'skipped', unsupported);
      return importLogLines(run, source, stream, rowId);
    }
    if (depth >= run.limits.maxNestingDepth) {
      return outcome(null, 'skipped', `nested more than ${run.limits.maxNestingDepth} archive or compression layers deep (possible archive bomb)`);
    }
    depth++;
    if (kind === 'tar') return importTar(run, source, stream, depth);
    if (kind === 'zip') return importZip(run, source, stream, depth, stream === raw);
    stream = new ByteReader(run.budget.track(gunzipLayer(run, stream)));
  }
}

/**
 * When the compressed stream itself breaks (a tar cut short around a .gz member, a read error),
 * gunzip is first given a clean end, so that it delivers every byte it can decode, and the
 * stream's own error is thrown after them: a decompressor torn down by the error would drop them.
 */
async function* gunzipLayer(run: ImportRun, stream: ByteReader): AsyncGenerator<Uint8Array> {
  let sourceError: { cause: unknown } | null = null;
  async function* compressed(): AsyncGenerator<Uint8Array> {
    try {
      yield* stream.rest();
    } catch (cause) {
      sourceError = { cause };
    }
  }
  try {
    yield* run.store.platform.gunzip(inPieces(compressed(), GUNZIP_INPUT_PIECE));
  } catch (err) {
    if (sourceError) throw (sourceError as { cause: unknown }).cause;
    if (err instanceof LimitExceeded || err instanceof Cancelled) throw err;
    throw new GzipDamage(`gzip data truncated or corrupt after ${stream.position} compressed bytes: ${(err as Error).message}`);
  }
  if (sourceError) throw (sourceError as { cause: unknown }).cause;
}
