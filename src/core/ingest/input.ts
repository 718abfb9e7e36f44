/** A file to import, wherever its bytes come from (disk, a dropped File, bytes in memory). */
export interface InputFile {
  /** Path as shown and stored (archive members get `!` and their path inside, appended by the importer). */
  path: string;
  /** Size in bytes as stored (compressed size for a .gz). */
  size: number;
  /** Modification time, epoch ms, where known. */
  mtime: number | null;
  /**
   * The bytes as stored, in chunks, from the start. May be called more than once: a file is read
   * twice when a file of the same size is already in the case (hashed first, to skip a duplicate).
   */
  open(): AsyncIterable<Uint8Array>;
  /**
   * Up to `length` bytes from `offset` (fewer only past the end), where the bytes can be read at
   * any offset (a file on disk, a browser File). With it a zip is read through its central
   * directory in place; without it a zip is held in memory, up to IMPORT_LIMITS.maxBufferedBytes.
   */
  readRange?(offset: number, length: number): Promise<Uint8Array>;
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
    readRange: (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
  };
}
