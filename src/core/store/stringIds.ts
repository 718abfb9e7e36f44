import { EVENT_COLUMNS } from './columns';
import { wellFormed } from './wellFormed';

/** Columns a StringIds caches values for: `idIn`'s column numbers index EVENT_COLUMNS (or a part of it). */
const CACHED_COLUMNS = EVENT_COLUMNS.length;
/** Cache slots per column (a power of two): room for a column's hundred-odd authorization reasons or actions. */
const SLOTS = 1024;

/**
 * Ids for repeated strings (users, verbs, namespaces...), numbered in first-seen order; new ones
 * wait for `takeNew` (the case stores them with its rows, a parse worker sends them along with its
 * batch). Not a callback: one made per file (a worker's packer) was a new call target at every
 * file, and V8 threw the hot loop's optimized code away each time. The case and a parse worker
 * number their strings this way, each its own.
 */
export class StringIds {
  readonly #ids = new Map<string, number>();
  #new: string[] = [];
  #nextId: number;
  /**
   * Per column, recent values and their ids in slots picked by the value's length and seven of its
   * characters, both ends among them (verbs such as watch and patch differ in their first letter
   * only, addresses and their JSON lists in their last digits): a hit compares two strings (a length
   * check and a memcmp) where the Map would hash the whole string, which V8 does afresh for every
   * string JSON.parse makes (a hundred characters of authorization reason, of user agent, per
   * event), some 170 ns a miss. On the bench's audit logs, 146,000 misses per 192,000 events, most
   * of them object names (thousands); three characters in 256 slots missed 417,000 times.
   */
  readonly #cachedValues: unknown[] = new Array<unknown>(CACHED_COLUMNS * SLOTS).fill(null);
  readonly #cachedIds = new Int32Array(CACHED_COLUMNS * SLOTS);

  constructor(nextId = 1) {
    this.#nextId = nextId;
  }

  /** The strings numbered since the last call, in order (their ids end just before `nextId`). */
  takeNew(): string[] {
    const out = this.#new;
    this.#new = [];
    return out;
  }

  /** A string already numbered elsewhere (the case's own, when it is opened). */
  know(text: string, id: number): void {
    this.#ids.set(text, id);
  }

  get nextId(): number {
    return this.#nextId;
  }

  /** The id of `text` as the case stores it (well-formed: strings that differ only in lone surrogates share one). */
  id(text: string): number {
    let id = this.#ids.get(text);
    if (id === undefined) {
      const stored = wellFormed(text);
      id = stored === text ? undefined : this.#ids.get(stored);
      if (id === undefined) {
        id = this.#nextId++;
        this.#ids.set(stored, id);
        this.#new.push(stored);
      }
    }
    return id;
  }

  /** The id of a column's value (a number is numbered as its text); `column` indexes EVENT_COLUMNS or a part of it. */
  idIn(column: number, value: string | number): number {
    let slot = column * SLOTS;
    if (typeof value === 'string') {
      const n = value.length;
      if (n > 2) {
        const ends = value.charCodeAt(0) * 11 + value.charCodeAt(n - 1) * 13 + value.charCodeAt(n - 2) * 3 + value.charCodeAt(n - 3) * 19;
        const inside = value.charCodeAt(n >> 2) + value.charCodeAt(n >> 1) * 5 + value.charCodeAt((n * 3) >> 2) * 23;
        slot += (n * 7 + ends + inside) & (SLOTS - 1);
      } else if (n > 0) {
        slot += (n * 7 + value.charCodeAt(0) * 11 + value.charCodeAt(n - 1) * 13) & (SLOTS - 1);
      }
    } else {
      slot += value & (SLOTS - 1);
    }
    if (this.#cachedValues[slot] === value) return this.#cachedIds[slot];
    const id = this.id(String(value));
    this.#cachedValues[slot] = value;
    this.#cachedIds[slot] = id;
    return id;
  }
}
