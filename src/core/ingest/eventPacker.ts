import type { NormalizedEvent } from '../model';
import type { Platform } from '../platform/platform';
import type { FileCounts } from '../store/caseStore';
import { INTERNED_COLUMNS, NUMBER_COLUMNS, readInterned, readNumbers, readTexts, TEXT_COLUMNS, type PackedBatch } from '../store/packedRows';
import { RawBlockGatherer, type CompressedBlock, type RawCompression } from '../store/rawBlocks';
import { StringIds } from '../store/stringIds';
import type { RecordSink } from './logFileReader';

/**
 * Events gathered before a batch is handed over. Small enough that a batch's joined text (about
 * 100 characters an event) and its typed arrays stay under 128 KiB: V8 makes larger strings in
 * fresh pages of their own and the C library maps larger buffers afresh, a page fault per 4 KiB
 * on both threads, which at 2000 events cost some 50,000 faults per million audit lines.
 */
const BATCH_EVENTS = 500;

/** Typed arrays that double when full. */
class Growing<T extends Int32Array | Float64Array> {
  array: T;
  length = 0;
  constructor(readonly make: (n: number) => T) {
    this.array = make(BATCH_EVENTS * 4);
  }

  push(v: number): void {
    if (this.length === this.array.length) {
      const bigger = this.make(this.array.length * 2);
      bigger.set(this.array);
      this.array = bigger;
    }
    this.array[this.length++] = v;
  }

  /** The filled part, handed over; a fresh array takes its place. */
  take(): T {
    const out = this.array.slice(0, this.length) as T;
    this.length = 0;
    return out;
  }
}

/**
 * The record sink of a parse worker: packs events into PackedBatch for the thread that owns the
 * case, which decides merges. Every event is `stored` here; the case counts the merges.
 */
export class EventPacker implements RecordSink {
  readonly #emit: (batch: PackedBatch) => void;
  readonly #counts: FileCounts;
  readonly #raw: RawBlockGatherer;
  /** The worker's own string ids; the strings first seen since the last batch go with the next. */
  readonly #strings = new StringIds();
  #firstNewId = 1;
  /** One event's values, column kind by column kind (reused: no array per event). */
  readonly #eventInterned: unknown[] = INTERNED_COLUMNS.map(() => null);
  readonly #eventNumbers: (number | null)[] = NUMBER_COLUMNS.map(() => null);
  readonly #eventTexts: (string | null)[] = TEXT_COLUMNS.map(() => null);
  #count = 0;
  #lines = new Growing((n) => new Int32Array(n));
  #ids = new Growing((n) => new Int32Array(n));
  #numbers = new Growing((n) => new Float64Array(n));
  #textLengths = new Growing((n) => new Int32Array(n));
  #texts: string[] = [];
  #auditIds: (string | null)[] = [];
  #rawRefs = new Growing((n) => new Int32Array(n));
  #rejects: PackedBatch['rejects'] = [];

  constructor(platform: Platform, counts: FileCounts, emit: (batch: PackedBatch) => void, compression: RawCompression = { kind: 'async' }) {
    this.#raw = new RawBlockGatherer(platform, 1, compression);
    this.#counts = counts;
    this.#emit = emit;
  }

  addEvent(_fileId: number, line: number, ev: NormalizedEvent, raw: string): 'stored' {
    this.#count++;
    this.#lines.push(line);
    const interned = this.#eventInterned;
    readInterned(ev, interned);
    for (let k = 0; k < interned.length; k++) {
      const v = interned[k];
      this.#ids.push(v === null ? 0 : this.#strings.idIn(k, v as string | number));
    }
    const numbers = this.#eventNumbers;
    readNumbers(ev, numbers);
    for (let k = 0; k < numbers.length; k++) this.#numbers.push(numbers[k] ?? NaN);
    const texts = this.#eventTexts;
    readTexts(ev, texts);
    for (let k = 0; k < texts.length; k++) {
      const v = texts[k];
      if (v === null) {
        this.#textLengths.push(-1);
      } else {
        this.#textLengths.push(v.length);
        this.#texts.push(v);
      }
    }
    this.#auditIds.push(ev.auditId);
    const ref = this.#raw.add(raw);
    this.#rawRefs.push(ref.block);
    this.#rawRefs.push(ref.index);
    return 'stored';
  }

  addReject(_fileId: number, line: number, reason: string, excerpt: string): void {
    this.#rejects.push({ line, reason, excerpt: excerpt.slice(0, 200) });
  }

  async flush(): Promise<void> {
    if (this.#count >= BATCH_EVENTS) this.#send(await this.#raw.take(false));
  }

  /** Hands over everything gathered, the last raw block included: call at the end of the file. */
  async flushAll(): Promise<void> {
    this.#send(await this.#raw.take(true));
  }

  #send(blocks: CompressedBlock[]): void {
    const batch: PackedBatch = {
      strings: this.#strings.takeNew(),
      firstStringId: this.#firstNewId,
      count: this.#count,
      lines: this.#lines.take(),
      ids: this.#ids.take(),
      numbers: this.#numbers.take(),
      text: this.#texts.join(''),
      textLengths: this.#textLengths.take(),
      auditIds: this.#auditIds,
      raw: this.#rawRefs.take(),
      // A compressed block may sit in a shared pool buffer: only a block owning its buffer is transferred.
      blocks: blocks.map((b) => (b.data.byteLength === b.data.buffer.byteLength ? b : { ...b, data: b.data.slice() })),
      rejects: this.#rejects,
      counts: { ...this.#counts },
    };
    this.#firstNewId = this.#strings.nextId;
    this.#count = 0;
    this.#texts = [];
    this.#auditIds = [];
    this.#rejects = [];
    this.#emit(batch);
  }
}
