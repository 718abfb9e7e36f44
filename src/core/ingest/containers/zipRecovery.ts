import type { RandomAccess } from './randomAccess';
import { dosTime, type ZipEntry } from './zip';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const decoder = new TextDecoder();

export interface RecoveredEntries {
  entries: ZipEntry[];
  /** Why the walk stopped before the end of the file, if it did. */
  stoppedBecause: string | null;
}

/**
 * Walks a zip from its start through its local headers, for a zip whose central directory is lost
 * (a download cut short). Each header gives its entry's sizes unless the entry was written as a
 * stream (sizes in a data descriptor after the data): there the walk must stop, as the next
 * header cannot be found without inflating. The last entry may run past the end of the file.
 */
export async function recoverZipEntries(file: RandomAccess, maxEntries: number): Promise<RecoveredEntries> {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 30 <= file.size && entries.length < maxEntries) {
    const header = await file.read(at, 30);
    const h = new DataView(header.buffer, header.byteOffset, header.byteLength);
    if (h.getUint32(0, true) !== LOCAL_HEADER) break;
    const flags = h.getUint16(6, true);
    const nameLength = h.getUint16(26, true);
    const extraLength = h.getUint16(28, true);
    const name = decoder.decode(await file.read(at + 30, nameLength));
    let compressedSize = h.getUint32(18, true);
    let size = h.getUint32(22, true);
    if (compressedSize === 0xffffffff || size === 0xffffffff) {
      // A local zip64 extra field holds both sizes, uncompressed first.
      const sizes = zip64Sizes(await file.read(at + 30 + nameLength, extraLength));
      if (sizes) ({ size, compressedSize } = sizes);
    }
    if ((flags & 8) !== 0 && compressedSize === 0) {
      return { entries, stoppedBecause: `entry ${JSON.stringify(name)} was written with its sizes after its data, so the entries after it cannot be found` };
    }
    entries.push({
      name, kind: name.endsWith('/') ? 'directory' : 'file', method: h.getUint16(8, true), encrypted: (flags & 1) !== 0,
      crc32: h.getUint32(14, true), compressedSize, size, localHeaderOffset: at, mtime: dosTime(h.getUint16(12, true), h.getUint16(10, true)),
    });
    at += 30 + nameLength + extraLength + compressedSize;
    // A descriptor may follow even when the header has the sizes; its signature is optional.
    if ((flags & 8) !== 0 && at + 4 <= file.size) {
      const next = await file.read(at, 4);
      at += new DataView(next.buffer, next.byteOffset, 4).getUint32(0, true) === DATA_DESCRIPTOR ? 16 : 12;
    }
  }
  return { entries, stoppedBecause: null };
}

function zip64Sizes(extra: Uint8Array): { size: number; compressedSize: number } | null {
  const v = new DataView(extra.buffer, extra.byteOffset, extra.byteLength);
  for (let pos = 0; pos + 4 <= extra.length; pos += 4 + v.getUint16(pos + 2, true)) {
    if (v.getUint16(pos, true) === 0x0001 && pos + 20 <= extra.length) {
      return { size: Number(v.getBigUint64(pos + 4, true)), compressedSize: Number(v.getBigUint64(pos + 12, true)) };
    }
  }
  return null;
}
