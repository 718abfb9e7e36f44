import type { ByteReader } from '../byteReader';

/**
 * What a tar entry is. `file` has bytes; `directory` and `label` carry nothing to import; the
 * others are listed as skipped rows (a link's target is imported under its own name).
 */
export type TarEntryKind = 'file' | 'directory' | 'label' | 'symlink' | 'hardlink' | 'device' | 'fifo' | 'unsupported';

export interface TarEntry {
  /** Full name as written: pax `path`, else the GNU long name, else ustar prefix/name. */
  name: string;
  kind: TarEntryKind;
  typeflag: string;
  size: number;
  /** Epoch ms. */
  mtime: number;
  linkName: string;
  /** The member's bytes. Read them before asking for the next entry: what is left is skipped. */
  body: AsyncIterable<Uint8Array>;
}

/** A tar that is cut short or not readable past some point; the message says where. */
export class TarDamage extends Error {}

const BLOCK = 512;
const decoder = new TextDecoder();

const KINDS: Record<string, TarEntryKind> = {
  '0': 'file', '7': 'file', '5': 'directory', D: 'directory', V: 'label',
  '1': 'hardlink', '2': 'symlink', '3': 'device', '4': 'device', '6': 'fifo',
};

/** Whether a block is a tar header: ustar magic (POSIX `ustar\0` or GNU `ustar  `) and a valid checksum. */
export function isTarHeader(block: Uint8Array): boolean {
  if (block.length < BLOCK) return false;
  const magic = String.fromCharCode(...block.subarray(257, 263));
  if (magic !== 'ustar\0' && magic !== 'ustar ') return false;
  return checksumMatches(block);
}

/**
 * Reads a tar (ustar, GNU and pax) as a stream of entries, each body streamed from the archive as
 * it is read: nothing is buffered but headers. Throws TarDamage where the archive breaks.
 */
export async function* readTarEntries(reader: ByteReader, maxMetadataBytes: number): AsyncGenerator<TarEntry> {
  let pax: Record<string, string> = {};
  let longName: string | null = null;
  let longLink: string | null = null;
  let entries = 0;
  for (;;) {
    const offset = reader.position;
    const header = await reader.read(BLOCK);
    if (header.length === 0) throw new TarDamage(`tar ends without its end-of-archive marker after ${entries} entries (truncated?)`);
    if (header.length < BLOCK) throw new TarDamage(`tar truncated in the header at offset ${offset}`);
    // End of archive: a zero block (a second one and record padding follow; nothing to read there).
    if (header.every((b) => b === 0)) return;
    if (!checksumMatches(header)) throw new TarDamage(`tar header at offset ${offset} is corrupt (checksum mismatch)`);
    const typeflag = header[156] === 0 ? '0' : String.fromCharCode(header[156]);
    const headerSize = readNumber(header, 124, 12, offset);

    if (typeflag === 'x' || typeflag === 'g' || typeflag === 'L' || typeflag === 'K') {
      if (headerSize > maxMetadataBytes) throw new TarDamage(`tar metadata entry of ${headerSize} bytes at offset ${offset}, more than the ${maxMetadataBytes} allowed`);
      const data = await reader.read(headerSize);
      if (data.length < headerSize) throw new TarDamage(`tar truncated in the metadata entry at offset ${offset}`);
      await reader.skip(padding(headerSize));
      // A global pax header ('g') sets defaults for later entries; none of its keys matter here.
      if (typeflag === 'x') pax = { ...pax, ...parsePax(data, offset) };
      else if (typeflag === 'L') longName = cString(data, 0, data.length);
      else if (typeflag === 'K') longLink = cString(data, 0, data.length);
      continue;
    }

    const posix = header[262] === 0;
    const prefix = posix ? cString(header, 345, 155) : '';
    const shortName = cString(header, 0, 100);
    const name = pax.path ?? longName ?? (prefix ? `${prefix}/${shortName}` : shortName);
    let kind: TarEntryKind = KINDS[typeflag] ?? 'unsupported';
    if (kind === 'file' && name.endsWith('/')) kind = 'directory'; // pre-POSIX tars mark folders so
    const size = pax.size !== undefined ? paxNumber(pax.size, 'size', offset) : headerSize;
    const mtime = pax.mtime !== undefined ? paxNumber(pax.mtime, 'mtime', offset) * 1000 : readNumber(header, 136, 12, offset) * 1000;
    const linkName = pax.linkpath ?? longLink ?? cString(header, 157, 100);
    pax = {};
    longName = longLink = null;
    entries++;

    // Links, devices, folders and FIFOs have no data whatever their size field says (as GNU tar and Go read them).
    const dataSize = kind === 'file' || kind === 'unsupported' ? size : 0;
    let consumed = 0;
    const short = (got: number): TarDamage => new TarDamage(`tar truncated: ${JSON.stringify(name)} ends after ${got} of ${dataSize} bytes`);
    async function* body(): AsyncGenerator<Uint8Array> {
      for await (const piece of reader.stream(dataSize, short)) {
        consumed += piece.length;
        yield piece;
      }
    }
    yield { name, kind, typeflag, size: dataSize, mtime, linkName, body: body() };
    const left = dataSize - consumed;
    if ((await reader.skip(left)) < left) throw short(dataSize - left);
    await reader.skip(padding(dataSize));
  }
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** The checksum counts its own field as spaces; old tars summed signed bytes, so both are accepted. */
function checksumMatches(header: Uint8Array): boolean {
  const stored = parseOctal(header.subarray(148, 156));
  if (stored === null) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : header[i];
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return stored === unsigned || stored === signed;
}

/** A numeric field: octal text, or GNU base-256 when the high bit of its first byte is set (sizes past 8 GiB). */
function readNumber(header: Uint8Array, at: number, length: number, offset: number): number {
  const field = header.subarray(at, at + length);
  if (field[0] & 0x80) {
    if (field[0] === 0xff) throw new TarDamage(`tar header at offset ${offset} has a negative number`);
    let value = field[0] & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + field[i];
    return value;
  }
  const value = parseOctal(field);
  if (value === null) throw new TarDamage(`tar header at offset ${offset} has an unreadable number`);
  return value;
}

function parseOctal(field: Uint8Array): number | null {
  const text = String.fromCharCode(...field).replace(/[\0 ]+$/, '').replace(/^ +/, '');
  if (text === '') return 0;
  return /^[0-7]+$/.test(text) ? parseInt(text, 8) : null;
}

function cString(bytes: Uint8Array, at: number, length: number): string {
  const field = bytes.subarray(at, at + length);
  const end = field.indexOf(0);
  return decoder.decode(end < 0 ? field : field.subarray(0, end));
}

/** pax records: `<length> <key>=<value>\n`, the length counting the whole record. */
function parsePax(data: Uint8Array, offset: number): Record<string, string> {
  const records: Record<string, string> = {};
  let pos = 0;
  while (pos < data.length && data[pos] !== 0) {
    const space = data.indexOf(0x20, pos);
    const length = space > pos ? Number(decoder.decode(data.subarray(pos, space))) : NaN;
    if (!Number.isInteger(length) || length <= space - pos || pos + length > data.length) {
      throw new TarDamage(`tar pax header at offset ${offset} is corrupt`);
    }
    const record = decoder.decode(data.subarray(space + 1, pos + length - 1));
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    pos += length;
  }
  return records;
}

function paxNumber(text: string, key: string, offset: number): number {
  const value = Number(text);
  if (!Number.isFinite(value) || (key === 'size' && value < 0)) throw new TarDamage(`tar pax header at offset ${offset} has an unreadable ${key}`);
  return key === 'size' ? Math.floor(value) : value;
}
