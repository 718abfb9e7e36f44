import { isTarHeader } from './tar';

export type ContainerKind = 'gzip' | 'zip' | 'tar';

/** Bytes to peek at to recognize a container: a tar's magic sits at offset 257 of its first block. */
export const CONTAINER_HEAD_BYTES = 512;

/** Recognizes a container by its first bytes, never by its name. */
export function detectContainer(head: Uint8Array): ContainerKind | null {
  if (head.length >= 3 && head[0] === 0x1f && head[1] === 0x8b && head[2] === 8) return 'gzip';
  if (startsWith(head, [0x50, 0x4b, 3, 4]) || startsWith(head, [0x50, 0x4b, 5, 6])) return 'zip';
  if (isTarHeader(head)) return 'tar';
  return null;
}

const UNSUPPORTED: readonly { name: string; magic: readonly number[] }[] = [
  { name: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'bzip2', magic: [0x42, 0x5a, 0x68] },
  { name: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: '7-Zip', magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'RAR', magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
];

/** The reason to skip a file compressed in a format Trailhound does not read, else null. */
export function unsupportedCompression(head: Uint8Array): string | null {
  // bzip2's `BZh` is followed by its block size digit, which keeps a text line starting `BZh` apart.
  const found = UNSUPPORTED.find((u) => startsWith(head, u.magic) && (u.name !== 'bzip2' || (head[3] >= 0x31 && head[3] <= 0x39)));
  return found ? `compressed as ${found.name}, which is not read: decompress it (or repack as .tar.gz or .zip) first` : null;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}
