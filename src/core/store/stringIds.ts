/**
 * Ids for repeated strings (users, verbs, namespaces...), numbered in first-seen order; `onNew`
 * hears of each new one (the case stores it, a parse worker sends it along). The case and a parse
 * worker number their strings this way, each its own.
 */
export class StringIds {
  readonly #ids = new Map<string, number>();
  readonly #onNew: (text: string, id: number) => void;
  #nextId: number;
  /** Per column, the last value seen and its id: consecutive events repeat most values, and a match skips the hash lookup. */
  readonly #lastValues: unknown[] = [];
  readonly #lastIds: number[] = [];

  constructor(onNew: (text: string, id: number) => void, nextId = 1) {
    this.#onNew = onNew;
    this.#nextId = nextId;
  }

  /** A string already numbered elsewhere (the case's own, when it is opened). */
  know(text: string, id: number): void {
    this.#ids.set(text, id);
  }

  get nextId(): number {
    return this.#nextId;
  }

  id(text: string): number {
    let id = this.#ids.get(text);
    if (id === undefined) {
      id = this.#nextId++;
      this.#ids.set(text, id);
      this.#onNew(text, id);
    }
    return id;
  }

  /** The id of a column's value (a number is numbered as its text). */
  idIn(column: number, value: string | number): number {
    if (value === this.#lastValues[column]) return this.#lastIds[column];
    const id = this.id(String(value));
    this.#lastValues[column] = value;
    this.#lastIds[column] = id;
    return id;
  }
}
