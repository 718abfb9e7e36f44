import type { EventFilter } from '../../core/query/filter';

const LIMIT = 100;

/**
 * Back and forward through earlier filter states, like a browser's history. The session's filter
 * is the truth: every new filter seen is recorded, and going back hands out the very object
 * recorded, so that seeing it again is not a new entry.
 */
export class FilterHistory {
  #entries: EventFilter[] = [{}];
  #index = 0;

  /** Records a filter the window now shows, unless it is the current entry (back, forward). */
  observe(filter: EventFilter): void {
    if (filter === this.#entries[this.#index]) return;
    this.#entries = [...this.#entries.slice(0, this.#index + 1), filter].slice(-LIMIT);
    this.#index = this.#entries.length - 1;
  }

  get canBack(): boolean {
    return this.#index > 0;
  }

  get canForward(): boolean {
    return this.#index < this.#entries.length - 1;
  }

  back(): EventFilter | null {
    if (!this.canBack) return null;
    return this.#entries[--this.#index];
  }

  forward(): EventFilter | null {
    if (!this.canForward) return null;
    return this.#entries[++this.#index];
  }

  /** A new case starts a new history. */
  reset(filter: EventFilter): void {
    this.#entries = [filter];
    this.#index = 0;
  }
}
