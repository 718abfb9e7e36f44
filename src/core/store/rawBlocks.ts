import type { Database, Statement } from 'sql.js';
import type { Platform } from '../platform/platform';

/** Uncompressed characters gathered before a block is sealed and compressed. */
const BLOCK_CHARS = 256 * 1024;
const CACHED_BLOCKS = 4;

export interface CompressedBlock {
  id: number;
  data: Uint8Array;
}

/** A block's records, one a line, not yet compressed. */
export interface SealedBlock {
  id: number;
  text: string;
}

/**
 * Gathers original records into blocks of about 256 KiB of text: a record is found again by its
 * block and its index inside it. A parse worker gathers, and the case's thread compresses.
 */
export class RawBlockGatherer {
  #blockId: number;
  #lines: string[] = [];
  #chars = 0;
  #sealed: SealedBlock[] = [];

  constructor(firstId = 1) {
    this.#blockId = firstId;
  }

  resume(nextBlockId: number): void {
    this.#blockId = nextBlockId;
  }

  add(record: string): { block: number; index: number } {
    // Records are single lines; a stray newline would shift every later index in the block.
    const line = record.includes('\n') ? record.replace(/\r?\n/g, ' ') : record;
    const ref = { block: this.#blockId, index: this.#lines.length };
    this.#lines.push(line);
    this.#chars += line.length + 1;
    if (this.#chars >= BLOCK_CHARS) this.#seal();
    return ref;
  }

  /** A block id no record of this gatherer will use (for blocks gathered elsewhere). */
  reserveId(): number {
    this.#seal();
    return this.#blockId++;
  }

  #seal(): void {
    if (this.#lines.length === 0) return;
    this.#sealed.push({ id: this.#blockId++, text: this.#lines.join('\n') });
    this.#lines = [];
    this.#chars = 0;
  }

  /** The blocks sealed since the last call; with `all`, the one being filled too. */
  takeSealed(all: boolean): SealedBlock[] {
    if (all) this.#seal();
    const out = this.#sealed;
    this.#sealed = [];
    return out;
  }
}

/**
 * Keeps the original records compact and off the hot path, in `raw_blocks` (raw DEFLATE); reads
 * them back on demand. Compression runs while parsing goes on (Node's zlib and the browser's
 * CompressionStream both compress off the calling thread): a block sealed before one flush is
 * stored at a later one.
 */
export class RawBlockWriter {
  readonly #db: Database;
  readonly #platform: Platform;
  readonly #gatherer = new RawBlockGatherer();
  readonly #encoder = new TextEncoder();
  #compressing: { id: number; data: Promise<Uint8Array> }[] = [];
  #insert: Statement | null = null;
  #cache = new Map<number, string[]>();

  constructor(db: Database, platform: Platform) {
    this.#db = db;
    this.#platform = platform;
  }

  resume(nextBlockId: number): void {
    this.#gatherer.resume(nextBlockId);
  }

  add(record: string): { block: number; index: number } {
    const ref = this.#gatherer.add(record);
    for (const block of this.#gatherer.takeSealed(false)) this.addSealed(block);
    return ref;
  }

  /** A block id for a block gathered elsewhere (by a parse worker). */
  reserveId(): number {
    const id = this.#gatherer.reserveId();
    for (const block of this.#gatherer.takeSealed(false)) this.addSealed(block);
    return id;
  }

  /** Starts compressing a sealed block; it is stored by a later flush. */
  addSealed(block: SealedBlock): void {
    const data = this.#platform.deflateRaw(this.#encoder.encode(block.text));
    // A rejected compression must not go unhandled before its flush awaits it.
    data.catch(() => undefined);
    this.#compressing.push({ id: block.id, data });
  }

  /** Stores the blocks whose compression began two flushes ago or earlier; with `all`, every block, the one being filled too. */
  async flush(all: boolean): Promise<void> {
    if (all) for (const block of this.#gatherer.takeSealed(true)) this.addSealed(block);
    const ready = all ? this.#compressing.splice(0) : this.#compressing.splice(0, Math.max(0, this.#compressing.length - 2));
    for (const block of ready) this.#store({ id: block.id, data: await block.data });
  }

  #store(block: CompressedBlock): void {
    this.#insert ??= this.#db.prepare("INSERT INTO raw_blocks (id, codec, data) VALUES (?, 'deflate-raw', ?)");
    this.#insert.run([block.id, block.data]);
  }

  async read(blockId: number, index: number): Promise<string | null> {
    let lines = this.#cache.get(blockId);
    if (!lines) {
      const res = this.#db.exec('SELECT data FROM raw_blocks WHERE id = ?', [blockId]);
      const data = res[0]?.values[0]?.[0];
      if (!(data instanceof Uint8Array)) return null;
      lines = new TextDecoder().decode(await this.#platform.inflateRaw(data)).split('\n');
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
