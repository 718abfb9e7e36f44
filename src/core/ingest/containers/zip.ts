import type { RandomAccess } from './randomAccess';

export interface ZipEntry {
  /** Name as written (UTF-8, or read as UTF-8 when the zip did not say). */
  name: string;
  kind: 'file' | 'directory' | 'symlink';
  /** 0 stored, 8 deflated; others are listed as unsupported. */
  method: number;
  encrypted: boolean;
  crc32: number;
  compressedSize: number;
  /** Uncompressed size. */
  size: number;
  /** Epoch ms: the extended timestamp where present, else the DOS time read as UTC. */
  mtime: number;
  /** Where the entry's local header starts in the file, corrected for bytes prepended to the zip. */
  localHeaderOffset: number;
}

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Entries past the limit, left unread. */
  entriesLeftOut: number;
}

/** A zip whose directory or entry cannot be read; the message says what is wrong. */
export class ZipDamage extends Error {
  /** False when walking the local headers instead would not help (the directory is hostile, not lost). */
  readonly recoverable: boolean;

  constructor(message: string, recoverable = true) {
    super(message);
    this.recoverable = recoverable;
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const MAX_COMMENT = 0xffff;
const MAX_DIRECTORY_BYTES = 256 * 2 ** 20;
const decoder = new TextDecoder();

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

/**
 * Reads a zip's central directory, which sits at its end: the entries' names, sizes and where
 * their data starts. Zip64 and entries written with data descriptors are read from it too.
 */
export async function readZipDirectory(file: RandomAccess, maxEntries: number): Promise<ZipDirectory> {
  const tailStart = Math.max(0, file.size - (22 + MAX_COMMENT));
  const tail = await file.read(tailStart, file.size - tailStart);
  const at = findEndRecord(tail);
  if (at < 0) throw new ZipDamage('zip has no end-of-central-directory record (truncated, or not a zip)');
  const end = view(tail.subarray(at));
  const disks = [end.getUint16(4, true), end.getUint16(6, true)];
  if (disks.some((d) => d !== 0 && d !== 0xffff)) throw new ZipDamage('multi-part (spanned) zip: not supported');
  let count = end.getUint16(10, true);
  let dirSize = end.getUint32(12, true);
  let dirOffset = end.getUint32(16, true);
  let dirEnd = tailStart + at;
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
    const zip64 = await readZip64End(file, tailStart + at);
    if (zip64) ({ count, dirSize, dirOffset, dirEnd } = zip64);
  }
  // Bytes before the zip (a self-extractor stub) shift every offset by the same amount.
  const shift = dirEnd - dirSize - dirOffset;
  if (shift < 0 || dirSize > MAX_DIRECTORY_BYTES) throw new ZipDamage('zip central directory is corrupt (its size or offset does not fit the file)');
  const directory = await file.read(dirOffset + shift, dirSize);
  if (directory.length < dirSize) throw new ZipDamage('zip central directory is cut short');
  const entries = readEntries(directory, shift, maxEntries);
  refuseOverlaps(entries);
  return { entries, entriesLeftOut: Math.max(0, count - entries.length) };
}

/**
 * Entries whose data overlap are how a small zip can expand to terabytes without nesting (every
 * entry inflating the same kernel); no zip writer produces them, so such a zip is refused.
 */
function refuseOverlaps(entries: readonly ZipEntry[]): void {
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1];
    if (byOffset[i].localHeaderOffset < previous.localHeaderOffset + 30 + previous.compressedSize) {
      throw new ZipDamage(`zip entries overlap (${JSON.stringify(byOffset[i].name)} lies inside ${JSON.stringify(previous.name)}): a zip bomb technique, so the zip is not read`, false);
    }
  }
}

/** The last end record whose comment length fits; a record left inside a trailing comment is passed over. */
function findEndRecord(tail: Uint8Array): number {
  const v = view(tail);
  let fallback = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (v.getUint32(i, true) !== EOCD) continue;
    if (i + 22 + v.getUint16(i + 20, true) === tail.length) return i;
    if (fallback < 0) fallback = i;
  }
  return fallback;
}

async function readZip64End(file: RandomAccess, endAt: number): Promise<{ count: number; dirSize: number; dirOffset: number; dirEnd: number } | null> {
  if (endAt < 20) return null;
  const locator = view(await file.read(endAt - 20, 20));
  if (locator.getUint32(0, true) !== ZIP64_LOCATOR) return null;
  // The zip64 end record sits right before its locator; its recorded offset is not trusted (prepended bytes).
  const recordAt = Number(locator.getBigUint64(8, true));
  const candidates = [recordAt, endAt - 20 - 56];
  for (const offset of candidates) {
    if (offset < 0) continue;
    const record = await file.read(offset, 56);
    if (record.length < 56 || view(record).getUint32(0, true) !== ZIP64_EOCD) continue;
    const r = view(record);
    return { count: Number(r.getBigUint64(32, true)), dirSize: Number(r.getBigUint64(40, true)), dirOffset: Number(r.getBigUint64(48, true)), dirEnd: offset };
  }
  throw new ZipDamage('zip64 end-of-central-directory record not found');
}

function readEntries(directory: Uint8Array, shift: number, maxEntries: number): ZipEntry[] {
  const v = view(directory);
  const entries: ZipEntry[] = [];
  let pos = 0;
  while (pos + 46 <= directory.length && entries.length < maxEntries) {
    if (v.getUint32(pos, true) !== CENTRAL_ENTRY) throw new ZipDamage(`zip central directory is corrupt at entry ${entries.length + 1}`);
    const madeBy = v.getUint16(pos + 4, true) >> 8;
    const flags = v.getUint16(pos + 8, true);
    const nameLength = v.getUint16(pos + 28, true);
    const extraLength = v.getUint16(pos + 30, true);
    const commentLength = v.getUint16(pos + 32, true);
    const external = v.getUint32(pos + 38, true);
    const next = pos + 46 + nameLength + extraLength + commentLength;
    if (next > directory.length) throw new ZipDamage(`zip central directory is cut short at entry ${entries.length + 1}`);
    const name = decoder.decode(directory.subarray(pos + 46, pos + 46 + nameLength));
    const sizes = {
      size: v.getUint32(pos + 24, true),
      compressedSize: v.getUint32(pos + 20, true),
      offset: v.getUint32(pos + 42, true),
      mtime: dosTime(v.getUint16(pos + 14, true), v.getUint16(pos + 12, true)),
    };
    readExtraFields(directory.subarray(pos + 46 + nameLength, pos + 46 + nameLength + extraLength), sizes);
    const unixMode = madeBy === 3 ? external >>> 16 : 0;
    const kind = (unixMode & 0o170000) === 0o120000 ? 'symlink' : name.endsWith('/') || name.endsWith('\\') || (external & 0x10) !== 0 ? 'directory' : 'file';
    entries.push({
      name, kind, method: v.getUint16(pos + 10, true), encrypted: (flags & 1) !== 0, crc32: v.getUint32(pos + 16, true),
      compressedSize: sizes.compressedSize, size: sizes.size, mtime: sizes.mtime, localHeaderOffset: sizes.offset + shift,
    });
    pos = next;
  }
  return entries;
}

/** Zip64 sizes (0x0001: only the fields saturated in the fixed part, in order) and the Unix extended timestamp (0x5455). */
function readExtraFields(extra: Uint8Array, sizes: { size: number; compressedSize: number; offset: number; mtime: number }): void {
  const v = view(extra);
  for (let pos = 0; pos + 4 <= extra.length; ) {
    const id = v.getUint16(pos, true);
    const length = v.getUint16(pos + 2, true);
    const data = pos + 4;
    if (data + length > extra.length) break;
    if (id === 0x0001) {
      let p = data;
      for (const key of ['size', 'compressedSize', 'offset'] as const) {
        if (sizes[key] !== 0xffffffff || p + 8 > data + length) continue;
        sizes[key] = Number(v.getBigUint64(p, true));
        p += 8;
      }
    } else if (id === 0x5455 && length >= 5 && (extra[data] & 1) !== 0) {
      sizes.mtime = v.getUint32(data + 1, true) * 1000;
    }
    pos = data + length;
  }
}

/** DOS date and time carry no zone; the zipping machine's is unknown, so they are read as UTC. */
export function dosTime(date: number, time: number): number {
  return Date.UTC(((date >> 9) & 0x7f) + 1980, ((date >> 5) & 0xf) - 1, date & 0x1f, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2);
}
