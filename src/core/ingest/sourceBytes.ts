import type { Sha256 } from '../platform/platform';
import { concat } from './byteReader';
import type { Source } from './importRun';

/** Passes chunks on, hashing each (when a hasher is given). */
export async function* hashing(chunks: AsyncIterable<Uint8Array>, hasher: Sha256 | null): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    hasher?.update(chunk);
    yield chunk;
  }
}

/** SHA-256 of a stream, or null when it cannot be read to its end. */
export async function hashStream(chunks: AsyncIterable<Uint8Array>, hasher: Sha256): Promise<string | null> {
  try {
    for await (const chunk of chunks) hasher.update(chunk);
    return hasher.digestHex();
  } catch {
    return null;
  }
}

/**
 * Reads a stream into memory, up to `max` bytes: null when it is longer. An error after some
 * bytes is kept, with those bytes, for `replay` to deliver at the same point.
 */
export async function collect(chunks: AsyncIterable<Uint8Array>, max: number): Promise<{ bytes: Uint8Array; error: { cause: unknown } | null } | null> {
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of chunks) {
      total += chunk.length;
      if (total > max) return null;
      parts.push(chunk);
    }
  } catch (cause) {
    return { bytes: concat(...parts), error: { cause } };
  }
  return { bytes: parts.length === 1 ? parts[0] : concat(...parts), error: null };
}

const PIECE = 1 << 20;

/** Yields bytes in pieces, then throws the error that cut them short, if any. */
export async function* replay(bytes: Uint8Array, error: { cause: unknown } | null = null): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += PIECE) yield bytes.subarray(i, i + PIECE);
  if (error) throw error.cause;
}

/** A source read once into memory (within `max`), so that it can be hashed and then read again; null when larger. */
export async function holdInMemory(source: Source, max: number): Promise<{ source: Source; complete: boolean } | null> {
  const held = await collect(source.open(), max);
  if (!held) return null;
  const { bytes, error } = held;
  return { source: { ...source, bytes, open: () => replay(bytes, error), reopenable: true }, complete: error === null };
}
