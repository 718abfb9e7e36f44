import { growSlotTable, murmurFinish, murmurMix } from './slotTable';

/** Slots a new table starts with; it doubles past half full. */
const FIRST_CAPACITY = 1 << 16;
const UUID_LENGTH = 36;

/** Hex digit values by char code (lowercase only), -1 for every other code below 128. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) HEX['0123456789abcdef'.charCodeAt(i)] = i;

/** The 16-bit value of the four hex digits at `at`, or -1. */
function hex4(id: string, at: number): number {
  let v = 0;
  for (let i = at; i < at + 4; i++) {
    const code = id.charCodeAt(i);
    const d = code < 128 ? HEX[code] : -1;
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  return v;
}

/**
 * auditID -> a positive number, for the stage merge of an import. kube-apiserver's audit IDs are
 * UUIDs: those in their canonical form (lowercase hex, dashes at 8, 13, 18 and 23; one string per
 * ID, so the key is exact) are kept as four 32-bit words in typed arrays, anything else in a Map.
 * A Map of a million 36-character strings cost the case's thread more than half a second of
 * hashing and 16,000 page faults as it grew, and kept every string alive in the heap.
 *
 * The slot table holds only each key's hash and its entry's number (8 bytes a slot), so that a
 * lookup, which mostly finds nothing (a new request), touches one cache line of a small table;
 * the keys and values themselves sit in entry order, appended one after the other.
 */
export class AuditIdIndex {
  readonly #others = new Map<string, number>();
  #mask = FIRST_CAPACITY - 1;
  /** Two words per slot: the key's hash, and its entry's number plus one (0: an empty slot). */
  #slots = new Int32Array(FIRST_CAPACITY * 2);
  /** Four words per entry. */
  #keys = new Int32Array(FIRST_CAPACITY * 2);
  #values = new Float64Array(FIRST_CAPACITY / 2);
  #entries = 0;
  /** The words of the UUID last parsed by #parse, and their hash. */
  readonly #words = new Int32Array(4);
  #hash = 0;
  /**
   * Audit IDs come from the logs, which an attacker may have written: a seed of its own per index
   * keeps anyone from choosing IDs that all land in one run of slots.
   */
  readonly #seed = (Math.random() * 2 ** 32) | 0;

  get size(): number {
    return this.#entries + this.#others.size;
  }

  get(auditId: string): number | undefined {
    if (!this.#parse(auditId)) return this.#others.get(auditId);
    const entry = this.#slots[this.#find() * 2 + 1] - 1;
    return entry < 0 ? undefined : this.#values[entry];
  }

  /** Sets the value of `auditId`; `value` must be positive. */
  set(auditId: string, value: number): void {
    this.#put(auditId, value, true);
  }

  /** The value of `auditId` if it has one (left as it is), else undefined, having given it `value` (positive). */
  getOrAdd(auditId: string, value: number): number | undefined {
    return this.#put(auditId, value, false);
  }

  /** The value `auditId` had, if any; gives it `value` if it had none, or if `replace`. */
  #put(auditId: string, value: number, replace: boolean): number | undefined {
    if (!(value > 0)) throw new RangeError(`audit ID index values are positive, not ${value}`);
    if (!this.#parse(auditId)) {
      const known = this.#others.get(auditId);
      if (known === undefined || replace) this.#others.set(auditId, value);
      return known;
    }
    const slot = this.#find();
    const entry = this.#slots[slot * 2 + 1] - 1;
    if (entry >= 0) {
      const known = this.#values[entry];
      if (replace) this.#values[entry] = value;
      return known;
    }
    if (this.#entries === this.#values.length) this.#growEntries();
    const e = this.#entries++;
    this.#keys.set(this.#words, e * 4);
    this.#values[e] = value;
    this.#slots[slot * 2] = this.#hash;
    this.#slots[slot * 2 + 1] = e + 1;
    if (this.#entries * 2 > this.#mask + 1) this.#growSlots();
    return undefined;
  }

  /** Reads a canonical UUID into #words and #hash; false for any other string. */
  #parse(id: string): boolean {
    if (id.length !== UUID_LENGTH || id.charCodeAt(8) !== 45 || id.charCodeAt(13) !== 45 || id.charCodeAt(18) !== 45 || id.charCodeAt(23) !== 45) return false;
    const a = hex4(id, 0), b = hex4(id, 4), c = hex4(id, 9), d = hex4(id, 14);
    const e = hex4(id, 19), f = hex4(id, 24), g = hex4(id, 28), h = hex4(id, 32);
    if ((a | b | c | d | e | f | g | h) < 0) return false;
    const w = this.#words;
    w[0] = (a << 16) | b;
    w[1] = (c << 16) | d;
    w[2] = (e << 16) | f;
    w[3] = (g << 16) | h;
    this.#hash = this.#mix(w);
    return true;
  }

  /** MurmurHash3's mixing of the four words, seeded. */
  #mix(w: Int32Array): number {
    return murmurFinish(murmurMix(murmurMix(murmurMix(murmurMix(this.#seed, w[0]), w[1]), w[2]), w[3]));
  }

  /** The slot of the key in #words, or the empty slot where it would go (linear probing). */
  #find(): number {
    const slots = this.#slots;
    const keys = this.#keys;
    const w = this.#words;
    const hash = this.#hash;
    const mask = this.#mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot * 2 + 1] - 1;
      if (entry < 0) return slot;
      if (slots[slot * 2] !== hash) continue;
      const at = entry * 4;
      if (keys[at] === w[0] && keys[at + 1] === w[1] && keys[at + 2] === w[2] && keys[at + 3] === w[3]) return slot;
    }
  }

  #growEntries(): void {
    const keys = new Int32Array(this.#keys.length * 2);
    keys.set(this.#keys);
    this.#keys = keys;
    const values = new Float64Array(this.#values.length * 2);
    values.set(this.#values);
    this.#values = values;
  }

  /** Doubles the slot table (the hash kept in each slot places its key anew). */
  #growSlots(): void {
    this.#mask = this.#mask * 2 + 1;
    this.#slots = growSlotTable(this.#slots, this.#mask);
  }
}
