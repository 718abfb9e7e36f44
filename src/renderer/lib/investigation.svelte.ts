import type { EventFilter, FilterField } from '../../core/query/filter';
import type { TableSort } from '../../core/query/tablePaging';
import type { PaletteIndex, SavedSearchRow } from '../../worker/investigationProtocol';
import type { EngineClient } from './engineClient';
import { withValue } from './filterChips';
import { FilterHistory } from './filterHistory';
import type { View } from './session.svelte';

/** What the investigation views need from the session. */
export interface InvestigationHost {
  readonly engine: EngineClient;
  filter: EventFilter;
  view: View;
  readonly revision: number;
  fail(err: unknown): void;
  caseChanged(): void;
}

/** An entity's page: a user, a source IP, or a cluster (the Clusters view, that cluster first). */
export type EntityPage = { kind: 'user'; value: string } | { kind: 'ip'; value: string } | null;

/** The pill's right-click menu, where it was opened. */
export interface PillMenuState {
  field: FilterField;
  value: string;
  x: number;
  y: number;
}

const COLUMNS_KEY = 'trailhound.columns';

function readColumns(): string[] | null {
  try {
    const list = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null') as unknown;
    return Array.isArray(list) ? list.map(String) : null;
  } catch {
    return null;
  }
}

/**
 * The investigation views' shared state (issue 4): filter history, saved searches, the case's
 * internal networks, the entity page open, the pill menu, the palette's index, the table's sort,
 * columns and "jump to time", and the background indexing shown in the status bar.
 */
export class InvestigationModel {
  readonly #host: InvestigationHost;
  readonly history = new FilterHistory();
  /** Bumped when history moves, so that back and forward buttons update. */
  historyRevision = $state(0);
  savedSearches = $state.raw<SavedSearchRow[]>([]);
  page = $state.raw<EntityPage>(null);
  menu = $state.raw<PillMenuState | null>(null);
  paletteOpen = $state(false);
  palette = $state.raw<PaletteIndex | null>(null);
  #paletteRevision = -1;
  sort = $state.raw<TableSort | null>(null);
  /** The timeline's chart drawn as lanes by source instead of one stack. */
  lanes = $state(false);
  /** Column keys the table shows, in order; null: the default set. */
  columns = $state.raw<string[] | null>(readColumns());
  /** A row index the table should scroll to and select (jump to time). */
  jumpTo = $state<{ index: number } | null>(null);
  /** What the worker is building in the background, if anything. */
  indexing = $state<string | null>(null);
  #polling = false;

  constructor(host: InvestigationHost) {
    this.#host = host;
  }

  /** Called whenever the session's filter changes (App's effect). */
  observeFilter(filter: EventFilter): void {
    this.history.observe(filter);
    this.historyRevision++;
  }

  back(): void {
    const f = this.history.back();
    if (f) this.#host.filter = f;
    this.historyRevision++;
  }

  forward(): void {
    const f = this.history.forward();
    if (f) this.#host.filter = f;
    this.historyRevision++;
  }

  setFilter(filter: EventFilter): void {
    this.#host.filter = filter;
  }

  /** "Only this" or "everything but this" on a value. */
  filterTo(field: FilterField, value: string, mode: 'include' | 'exclude' = 'include'): void {
    this.#host.filter = withValue(this.#host.filter, field, value, mode);
    this.menu = null;
  }

  /** Opens the value's page: a user's or an IP's page, the Clusters view for a cluster or node, else the timeline filtered to it. */
  openPage(field: FilterField, value: string): void {
    this.menu = null;
    if (field === 'user') {
      this.page = { kind: 'user', value };
      this.#host.view = 'users';
    } else if (field === 'src_ip') {
      this.page = { kind: 'ip', value };
      this.#host.view = 'ips';
    } else if (field === 'cluster' || field === 'node') {
      this.#host.view = 'clusters';
    } else {
      this.filterTo(field, value);
      this.#host.view = 'timeline';
    }
  }

  showView(view: View): void {
    this.page = null;
    this.#host.view = view;
  }

  setColumns(columns: string[] | null): void {
    this.columns = columns;
    try {
      if (columns) localStorage.setItem(COLUMNS_KEY, JSON.stringify(columns));
      else localStorage.removeItem(COLUMNS_KEY);
    } catch {
      // Not remembered on this machine; the choice holds for this window.
    }
  }

  async loadSavedSearches(): Promise<void> {
    try {
      this.savedSearches = (await this.#host.engine.call('savedSearches', {})).searches;
    } catch (err) {
      this.#host.fail(err);
    }
  }

  async saveSearch(name: string): Promise<void> {
    try {
      this.savedSearches = (await this.#host.engine.call('saveSearch', { name, filter: this.#host.filter })).searches;
      this.#host.caseChanged();
    } catch (err) {
      this.#host.fail(err);
    }
  }

  async deleteSearch(id: number): Promise<void> {
    try {
      this.savedSearches = (await this.#host.engine.call('deleteSavedSearch', { searchId: id })).searches;
      this.#host.caseChanged();
    } catch (err) {
      this.#host.fail(err);
    }
  }

  async openPalette(): Promise<void> {
    this.paletteOpen = true;
    if (this.#paletteRevision === this.#host.revision && this.palette) return;
    this.#paletteRevision = this.#host.revision;
    try {
      this.palette = await this.#host.engine.call('paletteIndex', {});
    } catch (err) {
      this.#host.fail(err);
    }
  }

  /** Polls the worker's background work until none is left (after an import or an open). */
  async watchIndexing(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      for (;;) {
        const { pending } = await this.#host.engine.call('analysisStatus', {});
        this.indexing = pending;
        if (pending === null) break;
        await new Promise((resolve) => setTimeout(resolve, 700));
      }
    } catch {
      this.indexing = null;
    } finally {
      this.#polling = false;
    }
  }

  /** A new case: a fresh history and no page open. */
  reset(): void {
    this.history.reset(this.#host.filter);
    this.historyRevision++;
    this.page = null;
    this.sort = null;
    this.palette = null;
  }
}
