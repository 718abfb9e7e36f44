import { inPieces } from '../byteReader';
import type { RandomAccess } from './randomAccess';
import { ZipDamage, type ZipEntry } from './zip';

const LOCAL_HEADER = 0x04034b50;
const READ_BYTES = 1 << 20;
/** Deflated bytes handed to gunzip at a time: each can inflate to at most about 64 MiB (see inPieces). */
const DEFLATED_PIECE = 64 * 1024;
/** A gzip member header: magic, deflate, no flags, no time, no extra flags, unknown OS. */
const GZIP_HEADER = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

export type Gunzip = (chunks: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

/**
 * An entry's content, read from the file as it is consumed. A deflated entry is handed to the
 * platform's gunzip dressed as a gzip member (a 10-byte header, the raw deflate data, then the
 * CRC-32 and size from the directory, which is exactly a gzip trailer): the CLI then inflates with
 * Node's native zlib, and a corrupt entry fails its CRC check. A stored entry is not checked.
 * An entry cut short by the end of the file yields what is there, then throws ZipDamage.
 */
export async function* zipEntryContent(file: RandomAccess, entry: ZipEntry, gunzip: Gunzip): AsyncGenerator<Uint8Array> {
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new ZipDamage(`zip entry ${JSON.stringify(entry.name)} is corrupt (stored, but its two sizes differ)`);
    yield* storedBytes(file, entry);
    return;
  }
  const trailer = new Uint8Array(8);
  const t = new DataView(trailer.buffer);
  t.setUint32(0, entry.crc32, true);
  t.setUint32(4, entry.size % 2 ** 32, true);
  // A cut-short entry ends the gzip stream early, so that gunzip delivers all it can decode first.
  let cutShort: ZipDamage | null = null;
  async function* asGzip(): AsyncGenerator<Uint8Array> {
    yield GZIP_HEADER;
    try {
      yield* inPieces(storedBytes(file, entry), DEFLATED_PIECE);
    } catch (err) {
      if (!(err instanceof ZipDamage)) throw err;
      cutShort = err;
      return;
    }
    yield trailer;
  }
  try {
    yield* gunzip(asGzip());
  } catch (err) {
    if (cutShort || err instanceof ZipDamage) throw cutShort ?? err;
    throw new ZipDamage(`zip entry ${JSON.stringify(entry.name)} is corrupt: ${(err as Error).message}`);
  }
  if (cutShort) throw cutShort;
}

/** The entry's bytes as stored in the zip (compressed, for a deflated entry). */
async function* storedBytes(file: RandomAccess, entry: ZipEntry): AsyncGenerator<Uint8Array> {
  const header = await file.read(entry.localHeaderOffset, 30);
  const h = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (header.length < 30 || h.getUint32(0, true) !== LOCAL_HEADER) {
    throw new ZipDamage(`zip entry ${JSON.stringify(entry.name)} is corrupt (no local header at offset ${entry.localHeaderOffset})`);
  }
  // The local header's name and extra field may differ in length from the directory's.
  const start = entry.localHeaderOffset + 30 + h.getUint16(26, true) + h.getUint16(28, true);
  const end = start + entry.compressedSize;
  let at = start;
  while (at < end) {
    const piece = await file.read(at, Math.min(READ_BYTES, end - at));
    if (piece.length === 0) throw new ZipDamage(`zip truncated: entry ${JSON.stringify(entry.name)} runs past the end of the file`);
    at += piece.length;
    yield piece;
  }
}
