import type { Database, Statement } from 'sql.js';
import type { Platform } from '../platform/platform';

/** Uncompressed characters gathered before a block is sealed and compressed. */
const BLOCK_CHARS = 256 * 1024;
const CACHED_BLOCKS = 4;

/**
 * Keeps the original records compact and off the hot path: records are gathered into blocks of
 * about 256 KiB, each block compressed once (raw DEFLATE) into `raw_blocks`; an event points at
 * its block and its index inside it. A million audit events (about 1 GB of JSON) take a tenth.
 * Compression runs while parsing goes on: a block sealed at one flush is written at the next
 * (Node's zlib and the browser's CompressionStream both compress off the main thread).
 */
export class RawBlockWriter {
  readonly #db: Database;
  readonly #platform: Platform;
  #blockId = 1;
  #lines: string[] = [];
  #chars = 0;
  #compressing: { id: number; data: Promise<Uint8Array> }[] = [];
  #insert: Statement | null = null;
  #cache = new Map<number, string[]>();
  readonly #encoder = new TextEncoder();

  constructor(db: Database, platform: Platform) {
    this.#db = db;
    this.#platform = platform;
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

  #seal(): void {
    if (this.#lines.length === 0) return;
    const data = this.#platform.deflateRaw(this.#encoder.encode(this.#lines.join('\n')));
    // A rejected compression must not go unhandled before its flush awaits it.
    data.catch(() => undefined);
    this.#compressing.push({ id: this.#blockId++, data });
    this.#lines = [];
    this.#chars = 0;
  }

  /** Stores the blocks whose compression was started by earlier flushes; with `all`, every block, the one being filled too. */
  async flush(all: boolean): Promise<void> {
    if (all) this.#seal();
    const ready = all ? this.#compressing.splice(0) : this.#compressing.splice(0, Math.max(0, this.#compressing.length - 2));
    for (const block of ready) {
      const data = await block.data;
      this.#insert ??= this.#db.prepare("INSERT INTO raw_blocks (id, codec, data) VALUES (?, 'deflate-raw', ?)");
      this.#insert.run([block.id, data]);
    }
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
