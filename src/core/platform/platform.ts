/** Incremental SHA-256 over a file's bytes as stored. */
export interface Sha256 {
  update(chunk: Uint8Array): void;
  /** Lowercase hex. */
  digestHex(): string;
}

/**
 * How a block of original records is compressed, as `raw_blocks.codec` names it. Each host writes
 * the one it compresses fastest natively; every host reads both, so a case moves between them.
 */
export type RecordCodec = 'deflate-raw' | 'brotli';

/** What every platform answers for a block in a codec it does not know (a newer or foreign case). */
export const unknownCodec = (codec: string): Promise<never> => Promise.reject(new Error(`raw block in an unknown codec: ${codec}`));

/**
 * What the engine needs from its host that plain TypeScript cannot do fast. The portable
 * implementation runs everywhere (worker, Node); the CLI passes Node's zlib and crypto, which are
 * several times faster, and the worker passes the browser's native CompressionStream.
 */
export interface Platform {
  /** The codec `compressRecords` writes. */
  readonly recordCodec: RecordCodec;
  compressRecords(data: Uint8Array): Promise<Uint8Array>;
  /**
   * The same, on the calling thread, where the host can (Node's zlib): the case's thread then
   * compresses a parse worker's blocks itself, the worker hands them over as they are.
   */
  compressRecordsNow?(data: Uint8Array): Uint8Array;
  /** Decompresses a block written in `codec` (either RecordCodec; anything else is an error). */
  decompressRecords(codec: string, data: Uint8Array): Promise<Uint8Array>;
  /** Gunzips a stream of every gzip member in turn (rotated logs are often concatenated members). */
  gunzip(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array>;
  createSha256(): Promise<Sha256>;
  /** The text of bytes that are all ASCII (null for any other), where the host decodes that faster than TextDecoder. */
  decodeAscii?(bytes: Uint8Array): string | null;
}
