/**
 * The worker's answers to the investigation calls (./investigationProtocol.ts), and the background
 * work after an import: indexes, summary tables and the text index, a step at a time between the
 * UI's requests, so that the views are answered while it runs (from the events, until it is done).
 */
import { toCsv } from '../core/export/csv';
import { clustersOverview } from '../core/query/clusters';
import type { EventFilter } from '../core/query/filter';
import { ipPage, ipsList } from '../core/query/ips';
import { runReadOnlySql } from '../core/query/readOnlySql';
import { queryRows } from '../core/query/sqlRows';
import { summariesFresh } from '../core/query/summaries';
import { countBefore, eventPageAfter, eventPageAt, MAX_SORTED_ROWS, sortedEventPage } from '../core/query/tablePaging';
import { countEvents } from '../core/query/timeline';
import { userPage, usersList } from '../core/query/users';
import { ensureTextIndex, nextAnalysisStep } from '../core/store/analysisIndexes';
import { internalCidrs, setInternalCidrs } from '../core/store/caseSettings';
import type { CaseStore } from '../core/store/caseStore';
import { deleteSavedSearch, listSavedSearches, saveSearch } from '../core/store/savedSearches';
import type { InvestigationCalls } from './investigationProtocol';

type Handlers = { [K in keyof InvestigationCalls]: (req: { id: number } & InvestigationCalls[K]['args']) => InvestigationCalls[K]['result'] };

export interface InvestigationHost {
  store(): CaseStore;
  /** Runs a job in the worker's request queue, after the requests already waiting. */
  enqueue(job: () => void): void;
}

/** The free-text filter needs the whole text index: finish it before such a query. */
export function prepareFilter(store: CaseStore, filter: EventFilter | undefined): void {
  if (filter?.text) ensureTextIndex(store.db);
}

/** Distinct values of a column, from a fresh summary table when there is one (a few rows instead of every event). */
function distinct(store: CaseStore, column: string, limit: number, summary: string | null): string[] {
  const table = summary && summariesFresh(store.db) ? summary : 'event_rows';
  return queryRows(store.db, `SELECT value FROM strings WHERE id IN (SELECT DISTINCT ${column} FROM ${table}) ORDER BY value LIMIT ${limit}`).rows.map((r) => String(r[0]));
}

export function investigationHandlers(host: InvestigationHost): Handlers & { kickAnalysis(): void } {
  const db = () => host.store().db;
  let running: string | null = null;
  let scheduled = false;

  /** One step of background work in the queue; the next one after a pause in which requests get in line. */
  function kickAnalysis(): void {
    if (scheduled) return;
    scheduled = true;
    host.enqueue(() => {
      scheduled = false;
      const step = nextAnalysisStep(db());
      running = step?.label ?? null;
      if (!step) return;
      try {
        step.run();
      } catch (err) {
        // The views still answer from the events; the work is tried again after the next import.
        running = null;
        console.warn(`background indexing stopped: ${(err as Error).message}`);
        return;
      }
      setTimeout(kickAnalysis, 0);
    });
  }

  return {
    kickAnalysis,
    usersList: ({ filter }) => ({ users: usersList(db(), filter) }),
    userPage: ({ filter, user, zoneOffsetMs }) => userPage(db(), filter, user, zoneOffsetMs),
    ipsList: ({ filter }) => {
      const cidrs = internalCidrs(db());
      return { ips: ipsList(db(), filter, cidrs), cidrs };
    },
    ipPage: ({ filter, ip }) => ipPage(db(), filter, ip, internalCidrs(db())),
    clustersOverview: ({ filter }) => clustersOverview(db(), filter),

    tablePage({ filter, offset, limit, after, sort }) {
      if (sort && (sort.column !== 'ts' || sort.desc)) {
        if (sort.column !== 'ts' && countEvents(db(), filter) > MAX_SORTED_ROWS) {
          throw new Error(`Sorting by ${sort.column} sorts every matching event: narrow the filter below ${MAX_SORTED_ROWS.toLocaleString('en-US')} events, or sort by time.`);
        }
        return { rows: sortedEventPage(db(), filter, sort, offset, limit) };
      }
      return { rows: after ? eventPageAfter(db(), filter, after, limit) : eventPageAt(db(), filter, offset, limit) };
    },
    rowsBefore: ({ filter, ts }) => ({ index: countBefore(db(), filter, ts) }),

    runSql({ sql, limit }) {
      const started = performance.now();
      const result = runReadOnlySql(db(), sql);
      const truncated = result.rows.length > limit;
      return { columns: result.columns, rows: truncated ? result.rows.slice(0, limit) : result.rows, truncated, elapsedMs: performance.now() - started };
    },
    sqlCsv({ sql }) {
      const result = runReadOnlySql(db(), sql);
      return { csv: toCsv(result.columns, result.rows), rows: result.rows.length };
    },

    paletteIndex() {
      const store = host.store();
      return {
        users: distinct(store, 'user_id', 20_000, 'actor_summary'),
        ips: distinct(store, 'src_ip_id', 20_000, 'actor_summary'),
        namespaces: distinct(store, 'namespace_id', 5_000, 'activity_summary'),
        resources: distinct(store, 'resource_id', 5_000, 'activity_summary'),
        names: distinct(store, 'name_id', 20_000, null),
        clusters: distinct(store, 'cluster_id', 1_000, 'actor_summary'),
        nodes: distinct(store, 'node_id', 5_000, 'actor_summary'),
      };
    },

    savedSearches: () => ({ searches: listSavedSearches(db()) }),
    saveSearch: ({ name, filter }) => (saveSearch(db(), name, filter), { searches: listSavedSearches(db()) }),
    deleteSavedSearch: ({ searchId }) => (deleteSavedSearch(db(), searchId), { searches: listSavedSearches(db()) }),
    caseSettings: () => ({ internalCidrs: internalCidrs(db()) }),
    setInternalCidrs: ({ cidrs }) => ({ internalCidrs: setInternalCidrs(db(), cidrs) }),
    analysisStatus: () => ({ pending: running ?? nextAnalysisStep(db())?.label ?? null }),
  };
}
