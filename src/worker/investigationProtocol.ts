/**
 * The worker calls of issue 4 (investigation views: users, IPs, clusters, table paging, SQL
 * console, palette, saved searches, case settings), merged into EngineCalls in ./protocol.ts.
 */
import type { ClustersOverview } from '../core/query/clusters';
import type { EventFilter } from '../core/query/filter';
import type { IpPage, IpRow } from '../core/query/ips';
import type { ResultSet } from '../core/query/sqlRows';
import type { TableCursor, TableSort } from '../core/query/tablePaging';
import type { TableRow } from '../core/query/timeline';
import type { UserPage, UserRow } from '../core/query/users';

export interface SavedSearchRow {
  id: number;
  name: string;
  filter: EventFilter;
  createdAt: number;
}

/** Values the command palette searches, per kind. */
export interface PaletteIndex {
  users: string[];
  ips: string[];
  namespaces: string[];
  resources: string[];
  names: string[];
  clusters: string[];
  nodes: string[];
}

/** Background work after an import (indexes, summaries, text index); null when none is left. */
export interface AnalysisStatus {
  pending: string | null;
}

/** The SQL console's answer: at most `limit` rows; `truncated` when there were more. */
export interface SqlAnswer extends ResultSet {
  truncated: boolean;
  elapsedMs: number;
}

export interface InvestigationCalls {
  usersList: { args: { filter: EventFilter }; result: { users: UserRow[] } };
  userPage: { args: { filter: EventFilter; user: string; zoneOffsetMs: number }; result: UserPage };
  ipsList: { args: { filter: EventFilter }; result: { ips: IpRow[]; cidrs: string[] } };
  ipPage: { args: { filter: EventFilter; ip: string }; result: IpPage };
  clustersOverview: { args: { filter: EventFilter }; result: ClustersOverview };
  /** A page of the event table: after a known row (keyset) or at an offset, in time order or sorted. */
  tablePage: { args: { filter: EventFilter; offset: number; limit: number; after: TableCursor | null; sort: TableSort | null }; result: { rows: TableRow[] } };
  /** Where "jump to time" lands: the number of matching rows before `ts`. */
  rowsBefore: { args: { filter: EventFilter; ts: number }; result: { index: number } };
  runSql: { args: { sql: string; limit: number }; result: SqlAnswer };
  sqlCsv: { args: { sql: string }; result: { csv: string; rows: number } };
  paletteIndex: { args: Record<string, never>; result: PaletteIndex };
  savedSearches: { args: Record<string, never>; result: { searches: SavedSearchRow[] } };
  saveSearch: { args: { name: string; filter: EventFilter }; result: { searches: SavedSearchRow[] } };
  deleteSavedSearch: { args: { searchId: number }; result: { searches: SavedSearchRow[] } };
  caseSettings: { args: Record<string, never>; result: { internalCidrs: string[] } };
  setInternalCidrs: { args: { cidrs: string[] }; result: { internalCidrs: string[] } };
  analysisStatus: { args: Record<string, never>; result: AnalysisStatus };
}
