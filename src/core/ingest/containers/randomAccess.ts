/** Bytes that can be read at any offset: a file on disk, a browser File, a buffer in memory. */
export interface RandomAccess {
  readonly size: number;
  /** Up to `length` bytes from `offset`; fewer only past the end. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

export function randomAccessFromBytes(bytes: Uint8Array): RandomAccess {
  return {
    size: bytes.length,
    read: (offset, length) => Promise.resolve(bytes.subarray(offset, Math.min(bytes.length, offset + length))),
  };
}
