import type { EventFilter } from '../../core/query/filter';
import type { TableRow } from '../../core/query/timeline';
import type { EngineClient } from './engineClient';

const PAGE_SIZE = 200;
/** Pages kept around the viewport; farther ones are dropped, so memory stays flat at a million rows. */
const MAX_PAGES = 30;

/**
 * The rows of the event table for one filter, fetched from the worker a page at a time as they
 * scroll into view. `onLoaded` tells the table to draw a page that arrived. Plain (not reactive)
 * state: a million rows' worth of pages must not become proxies.
 */
export class EventPages {
  readonly #engine: EngineClient;
  readonly #filter: EventFilter;
  readonly #pages = new Map<number, TableRow[]>();
  readonly #loading = new Set<number>();
  readonly #onLoaded: () => void;
  readonly #onError: (err: unknown) => void;

  constructor(engine: EngineClient, filter: EventFilter, onLoaded: () => void, onError: (err: unknown) => void) {
    this.#engine = engine;
    this.#filter = filter;
    this.#onLoaded = onLoaded;
    this.#onError = onError;
  }

  row(index: number): TableRow | undefined {
    return this.#pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Fetches the pages covering rows first..last that are not here yet. */
  ensure(first: number, last: number): void {
    if (last < first) return;
    const from = Math.floor(first / PAGE_SIZE);
    const to = Math.floor(last / PAGE_SIZE);
    for (let page = from; page <= to; page++) {
      if (this.#pages.has(page) || this.#loading.has(page)) continue;
      this.#loading.add(page);
      this.#engine.call('eventPage', { filter: this.#filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        ({ rows }) => {
          this.#loading.delete(page);
          this.#pages.set(page, rows);
          this.#evict(from, to);
          this.#onLoaded();
        },
        (err: unknown) => {
          this.#loading.delete(page);
          this.#onError(err);
        },
      );
    }
  }

  #evict(from: number, to: number): void {
    if (this.#pages.size <= MAX_PAGES) return;
    const centre = (from + to) / 2;
    const byDistance = [...this.#pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const page of byDistance.slice(0, this.#pages.size - MAX_PAGES)) this.#pages.delete(page);
  }
}
