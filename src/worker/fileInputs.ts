import type { InputFile } from '../core/ingest/input';

/** Read size per chunk: large enough that awaiting each read costs nothing, small enough to report progress. */
const CHUNK_BYTES = 1 << 20;

/** A browser File (picked, dropped or fetched) as the engine's input, read in slices on demand. */
export function inputFromFile(path: string, file: Blob & { lastModified?: number }): InputFile {
  return {
    path,
    size: file.size,
    mtime: file.lastModified ? file.lastModified : null,
    async *open() {
      for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
        const slice = file.slice(offset, Math.min(file.size, offset + CHUNK_BYTES));
        yield new Uint8Array(await slice.arrayBuffer());
      }
    },
    // A zip's directory sits at its end: random access reads it in place instead of holding the zip in memory.
    readRange: async (offset, length) => new Uint8Array(await file.slice(offset, Math.min(file.size, offset + length)).arrayBuffer()),
  };
}
