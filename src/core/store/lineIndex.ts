import { growSlotTable, murmurFinish, murmurMix } from './slotTable';
import { wellFormed } from './wellFormed';

/** A line as its stored row holds it: what tells a true repeat from a hash collision. */
export interface IndexedLine {
  ts: number;
  /** The node's id in `strings`, 0 for none. */
  nodeId: number;
  message: string;
  fileId: number;
}

/** Hashes a line (time, node id, message) to 32 bits; replaceable in tests, to force collisions. */
export type LineHash = (ts: number, nodeId: number, message: string) => number;

const FIRST_CAPACITY = 1 << 12;

/** A MurmurHash3-style hash of the line, under a seed of its own (see LineIndex). */
function seededLineHash(seed: number): LineHash {
  return (ts, nodeId, message) => {
    let h = murmurMix(murmurMix(murmurMix(seed, ts >>> 0), Math.floor(ts / 2 ** 32) | 0), nodeId);
    for (let i = 0; i < message.length; i++) h = murmurMix(h, message.charCodeAt(i));
    return murmurFinish(h);
  };
}

/**
 * The authlog lines of a case, for the duplicate check across files: the same line at the same
 * time on the same node, brought by a second file (overlapping rotated logs, or one node's log
 * from two collections), is the same event. Holds only each line's hash and the id of the row that
 * first stored it (8 bytes a slot); on a hash match the row itself, read through `lineOf`, says
 * whether it is the same line. A Map of the lines as strings held 390 to 480 bytes a line on the
 * case's thread: a few million lines of syslog would have filled the heap.
 *
 * Messages are compared as stored (well-formed, see wellFormed.ts): a line whose lone surrogate
 * was stored as U+FFFD is the same line when it comes again.
 */
export class LineIndex {
  readonly #lineOf: (eventId: number) => IndexedLine | null;
  readonly #hash: LineHash;
  #mask = FIRST_CAPACITY - 1;
  /** Two words per slot: the line's hash, and its row's id (0: an empty slot). */
  #slots = new Int32Array(FIRST_CAPACITY * 2);
  #entries = 0;

  /**
   * `lineOf` reads a row the index points at; null for a row not found, passed over (the case never
   * deletes rows, but a stale slot must not merge a line into nothing). Syslog lines come from files
   * an attacker may have written: the hash's seed is the index's own, so that no one can choose
   * lines that all land in one run of slots.
   */
  constructor(lineOf: (eventId: number) => IndexedLine | null, hash: LineHash = seededLineHash((Math.random() * 2 ** 32) | 0)) {
    this.#lineOf = lineOf;
    this.#hash = hash;
  }

  get size(): number {
    return this.#entries;
  }

  /**
   * The file that first brought this line; when no file did, records `eventId` (the row about to
   * be stored) as its first and answers `fileId`. Row ids must be below 2^31.
   */
  firstFile(ts: number, nodeId: number, message: string, fileId: number, eventId: number): number {
    const text = wellFormed(message);
    const hash = this.#hash(ts, nodeId, text);
    const slots = this.#slots;
    const mask = this.#mask;
    let slot = hash & mask;
    for (; slots[slot * 2 + 1] !== 0; slot = (slot + 1) & mask) {
      if (slots[slot * 2] !== hash) continue;
      const first = this.#lineOf(slots[slot * 2 + 1]);
      if (first && first.ts === ts && first.nodeId === nodeId && wellFormed(first.message) === text) return first.fileId;
    }
    slots[slot * 2] = hash;
    slots[slot * 2 + 1] = eventId;
    if (++this.#entries * 2 > mask + 1) this.#grow();
    return fileId;
  }

  #grow(): void {
    this.#mask = this.#mask * 2 + 1;
    this.#slots = growSlotTable(this.#slots, this.#mask);
  }
}
