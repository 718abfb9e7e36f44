import type { EventFilter } from '../../core/query/filter';
import type { TableSort } from '../../core/query/tablePaging';
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
  readonly #sort: TableSort | null;

  constructor(engine: EngineClient, filter: EventFilter, onLoaded: () => void, onError: (err: unknown) => void, sort: TableSort | null = null) {
    this.#engine = engine;
    this.#filter = filter;
    this.#onLoaded = onLoaded;
    this.#onError = onError;
    this.#sort = sort;
  }

  /**
   * In time order, a page that follows a page already here starts after its last row (keyset: no
   * OFFSET over a million rows); a page reached by a jump of the scrollbar is sought by offset.
   */
  #cursorBefore(page: number): { ts: number; file_id: number; line: number } | null {
    if (this.#sort && (this.#sort.column !== 'ts' || this.#sort.desc)) return null;
    const previous = this.#pages.get(page - 1);
    const last = previous?.length === PAGE_SIZE ? previous[PAGE_SIZE - 1] : undefined;
    return last ? { ts: Number(last.ts), file_id: Number(last.file_id), line: Number(last.line) } : null;
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
      const args = { filter: this.#filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE, after: this.#cursorBefore(page), sort: this.#sort };
      this.#engine.call('tablePage', args).then(
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
