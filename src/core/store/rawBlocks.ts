import type { Database, Statement } from 'sql.js';
import type { Platform, RecordCodec } from '../platform/platform';

/** Uncompressed bytes gathered before a block is sealed and compressed. */
const BLOCK_BYTES = 256 * 1024;
/** A block's buffer: room for the longest usual record past the limit without growing. */
const BLOCK_CAPACITY = BLOCK_BYTES + 64 * 1024;
const SPARE_BUFFERS = 4;
const CACHED_BLOCKS = 4;
/** Blocks compressing at once before a `take` waits for the oldest: a bound on the memory they hold. */
const MAX_COMPRESSING = 8;

export interface CompressedBlock {
  id: number;
  /** Null for a block handed over as it is, to be compressed where it is stored (RawBlockWriter.insert). */
  codec: RecordCodec | null;
  data: Uint8Array;
}

/** A sealed block: its bytes in `done` (compressed, or as they are when `codec` is null), or still `compressing`. */
interface SealedBlock {
  id: number;
  codec: RecordCodec | null;
  done: Uint8Array | null;
  compressing: Promise<Uint8Array> | null;
}

/**
 * How a gatherer's blocks get compressed: off its thread, as they are sealed (`async`); or by the
 * thread that stores them (`byCase`, handed out as they are), except those sealed while `spare()`
 * says this thread has time, which it compresses itself on the spot (Platform.compressRecordsNow).
 */
export type RawCompression = { kind: 'async' } | { kind: 'byCase'; spare: () => boolean };

/**
 * Gathers original records into blocks of about 256 KiB and compresses each block once (in the
 * platform's codec): a record is found again by its block and its index inside it. Compression
 * runs while parsing goes on (Node's zlib and the browser's CompressionStream both compress off the
 * calling thread): a block is handed out by the first `take` after its compression finished, so
 * that records may reach the case before their block does (the case reserves the block's id).
 */
export class RawBlockGatherer {
  readonly #platform: Platform;
  #blockId: number;
  /** The block being filled, as UTF-8: encoding line by line spares a 256 KiB string per block. */
  #bytes = new Uint8Array(BLOCK_CAPACITY);
  #used = 0;
  /** Buffers of blocks already compressed, filled again: fresh ones of this size cost page faults. */
  #spare: Uint8Array<ArrayBuffer>[] = [];
  #records = 0;
  /** Blocks not yet handed out, in sealing order. */
  #sealed: SealedBlock[] = [];
  readonly #encoder = new TextEncoder();
  readonly #compression: RawCompression;

  constructor(platform: Platform, firstId = 1, compression: RawCompression = { kind: 'async' }) {
    this.#platform = platform;
    this.#blockId = firstId;
    this.#compression = compression;
  }

  resume(nextBlockId: number): void {
    this.#blockId = nextBlockId;
  }

  add(record: string): { block: number; index: number } {
    // Records are single lines; a stray newline would shift every later index in the block.
    const line = record.includes('\n') ? record.replace(/\r?\n/g, ' ') : record;
    const ref = { block: this.#blockId, index: this.#records++ };
    // UTF-8 takes at most 3 bytes per UTF-16 unit, plus the newline before the record.
    const room = this.#used + line.length * 3 + 1;
    if (room > this.#bytes.length) {
      const bigger = new Uint8Array(Math.max(room, this.#bytes.length * 2));
      bigger.set(this.#bytes.subarray(0, this.#used));
      this.#bytes = bigger;
    }
    if (ref.index > 0) this.#bytes[this.#used++] = 10;
    this.#used += this.#encoder.encodeInto(line, this.#bytes.subarray(this.#used)).written;
    if (this.#used >= BLOCK_BYTES) this.#seal();
    return ref;
  }

  /** A block id no record of this gatherer will use (for blocks compressed elsewhere). */
  reserveId(): number {
    this.#seal();
    return this.#blockId++;
  }

  #seal(): void {
    if (this.#records === 0) return;
    const compression = this.#compression;
    this.#sealed.push(compression.kind === 'byCase' ? this.#sealHere(compression.spare()) : this.#sealCompressing());
    this.#used = 0;
    this.#records = 0;
  }

  /** The block compressed on this thread at once when it has time, else as it is (codec null). */
  #sealHere(spare: boolean): SealedBlock {
    const compressNow = spare ? this.#platform.compressRecordsNow : undefined;
    const bytes = this.#bytes.subarray(0, this.#used);
    const data = compressNow ? compressNow(bytes) : bytes.slice();
    return { id: this.#blockId++, codec: compressNow ? this.#platform.recordCodec : null, done: data, compressing: null };
  }

  /** The block on its way to compression off this thread; its buffer is filled again once compressed. */
  #sealCompressing(): SealedBlock {
    const buffer = this.#bytes;
    this.#bytes = this.#spare.pop() ?? new Uint8Array(BLOCK_CAPACITY);
    const data = this.#platform.compressRecords(buffer.subarray(0, this.#used));
    const block: SealedBlock = { id: this.#blockId++, codec: this.#platform.recordCodec, done: null, compressing: data };
    // A rejected compression must not go unhandled before it is taken.
    data.then((compressed) => {
      block.done = compressed;
      if (buffer.length === BLOCK_CAPACITY && this.#spare.length < SPARE_BUFFERS) this.#spare.push(buffer);
    }, () => undefined);
    return block;
  }
  /**
   * The blocks compressed by now, in order, without waiting for the others (when parsing outruns the
   * compressing threads, waiting left the parse worker idle for 8 % of an import); past
   * MAX_COMPRESSING it waits for the oldest. With `all`, every block, the one being filled too.
   */
  async take(all: boolean): Promise<CompressedBlock[]> {
    if (all) this.#seal();
    const out: CompressedBlock[] = [];
    const queue = this.#sealed;
    while (queue.length > 0 && (all || queue[0].done !== null || queue.length > MAX_COMPRESSING)) {
      const block = queue[0];
      const data = block.done ?? (await (block.compressing as Promise<Uint8Array>));
      queue.shift();
      out.push({ id: block.id, codec: block.codec, data });
    }
    return out;
  }
}

/** Keeps the original records compact and off the hot path, in `raw_blocks`; reads them back on demand. */
export class RawBlockWriter {
  readonly #db: Database;
  readonly #platform: Platform;
  readonly #gatherer: RawBlockGatherer;
  #insert: Statement | null = null;
  #cache = new Map<number, string[]>();

  constructor(db: Database, platform: Platform) {
    this.#db = db;
    this.#platform = platform;
    this.#gatherer = new RawBlockGatherer(platform);
  }

  resume(nextBlockId: number): void {
    this.#gatherer.resume(nextBlockId);
  }

  add(record: string): { block: number; index: number } {
    return this.#gatherer.add(record);
  }

  reserveId(): number {
    return this.#gatherer.reserveId();
  }

  /** Stores the blocks whose compression has had time to finish; with `all`, every block. */
  async flush(all: boolean): Promise<void> {
    for (const block of await this.#gatherer.take(all)) this.insert(block);
  }

  /** Stores a block gathered elsewhere (by a parse worker), under an id from `reserveId`; compresses it first if it came as it is. */
  insert(block: CompressedBlock): void {
    let { codec, data } = block;
    if (codec === null) {
      const compress = this.#platform.compressRecordsNow;
      if (!compress) throw new Error('a raw block came uncompressed to a case that compresses only asynchronously');
      codec = this.#platform.recordCodec;
      data = compress(data);
    }
    this.#insert ??= this.#db.prepare('INSERT INTO raw_blocks (id, codec, data) VALUES (?, ?, ?)');
    this.#insert.run([block.id, codec, data]);
  }

  async read(blockId: number, index: number): Promise<string | null> {
    let lines = this.#cache.get(blockId);
    if (!lines) {
      const res = this.#db.exec('SELECT codec, data FROM raw_blocks WHERE id = ?', [blockId]);
      const [codec, data] = res[0]?.values[0] ?? [];
      if (!(data instanceof Uint8Array)) return null;
      lines = new TextDecoder().decode(await this.#platform.decompressRecords(String(codec), data)).split('\n');
      this.#cache.set(blockId, lines);
      if (this.#cache.size > CACHED_BLOCKS) this.#cache.delete(this.#cache.keys().next().value as number);
    }
    return lines[index] ?? null;
  }

  freeStatements(): void {
    this.#insert?.free();
    this.#insert = null;
  }
}
