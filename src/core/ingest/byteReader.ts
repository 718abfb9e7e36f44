const EMPTY = new Uint8Array(0);

/**
 * Pulls bytes from a chunk stream on demand: peek at a head, read exact lengths (a tar header),
 * stream a given length on (a tar member), or the rest. Chunks are passed on without copying
 * wherever a read does not straddle them.
 *
 * The reader outlives the views it hands out: a consumer that stops a view early (a decompressor
 * given up on) leaves the reader usable, so the bytes after can still be read or drained. An error
 * from the source is delivered after the bytes that came before it, and again on every later read.
 */
export class ByteReader {
  readonly #source: AsyncIterator<Uint8Array>;
  #chunk: Uint8Array = EMPTY;
  #ended = false;
  #error: { cause: unknown } | null = null;
  /** Bytes handed out so far. */
  position = 0;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.#source = chunks[Symbol.asyncIterator]();
  }

  /** Whether the next chunk could be pulled; false at the end. Throws a source error once its bytes are used up. */
  async #fill(): Promise<boolean> {
    while (this.#chunk.length === 0) {
      if (this.#error) throw this.#error.cause;
      if (this.#ended) return false;
      try {
        const next = await this.#source.next();
        if (next.done) this.#ended = true;
        else this.#chunk = next.value;
      } catch (cause) {
        this.#error = { cause };
      }
    }
    return true;
  }

  /** Up to `n` bytes from the current position, not consumed; fewer only at the end or before an error. */
  async peek(n: number): Promise<Uint8Array> {
    try {
      if (!(await this.#fill())) return EMPTY;
    } catch {
      return EMPTY;
    }
    while (this.#chunk.length < n && !this.#ended && !this.#error) {
      const held = this.#chunk;
      this.#chunk = EMPTY;
      let more: Uint8Array = EMPTY;
      try {
        if (await this.#fill()) more = this.#chunk;
      } catch {
        // Kept for the next read to throw; the bytes before it are still returned.
      }
      this.#chunk = concat(held, more);
    }
    return this.#chunk.subarray(0, n);
  }

  /** Exactly `n` bytes, or fewer at the end of the stream. */
  async read(n: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let got = 0;
    while (got < n && (await this.#fill())) {
      const piece = this.#take(n - got);
      parts.push(piece);
      got += piece.length;
    }
    return parts.length === 1 ? parts[0] : concat(...parts);
  }

  /**
   * The next `n` bytes as a stream of pieces; `onShort` makes the error thrown when the stream
   * ends first (with how many bytes came).
   */
  async *stream(n: number, onShort: (got: number) => Error): AsyncGenerator<Uint8Array> {
    let got = 0;
    while (got < n) {
      if (!(await this.#fill())) throw onShort(got);
      const piece = this.#take(n - got);
      got += piece.length;
      yield piece;
    }
  }

  /** Skips `n` bytes; returns how many were there. */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    while (skipped < n && (await this.#fill())) skipped += this.#take(n - skipped).length;
    return skipped;
  }

  /** Everything left, as it comes. */
  async *rest(): AsyncGenerator<Uint8Array> {
    while (await this.#fill()) yield this.#take(Infinity);
  }

  /** Reads everything left, for its side effects (the hash over a file's bytes as stored). */
  async drain(): Promise<void> {
    while (await this.#fill()) this.#take(Infinity);
  }

  #take(max: number): Uint8Array {
    const chunk = this.#chunk;
    if (chunk.length <= max) {
      this.#chunk = EMPTY;
      this.position += chunk.length;
      return chunk;
    }
    this.#chunk = chunk.subarray(max);
    this.position += max;
    return chunk.subarray(0, max);
  }
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Cuts chunks into pieces of at most `max` bytes. A decompressor given a small piece can only
 * expand it so far (deflate: about 1032 times), which keeps each output chunk, and the memory
 * it takes before a bound is checked, small; fflate would inflate a whole 1 MiB chunk at once.
 */
export async function* inPieces(chunks: AsyncIterable<Uint8Array>, max: number): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    if (chunk.length <= max) yield chunk;
    else for (let i = 0; i < chunk.length; i += max) yield chunk.subarray(i, i + max);
  }
}
