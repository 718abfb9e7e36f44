/** A file to import, wherever its bytes come from (disk, a dropped File, an archive member). */
export interface InputFile {
  /** Path as shown and stored: inside its archive where it has one (`bundle.tar.gz!prod/audit.log`). */
  path: string;
  /** Size in bytes as stored (compressed size for a .gz). */
  size: number;
  /** Modification time, epoch ms, where known. */
  mtime: number | null;
  /** The bytes as stored, in chunks. */
  open(): AsyncIterable<Uint8Array>;
}

/** An in-memory input, for tests and for samples fetched by the app. */
export function inputFromBytes(path: string, bytes: Uint8Array, mtime: number | null = null): InputFile {
  return {
    path,
    size: bytes.length,
    mtime,
    async *open() {
      const step = 1 << 20;
      for (let i = 0; i < bytes.length; i += step) yield bytes.subarray(i, i + step);
    },
  };
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}
