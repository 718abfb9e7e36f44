import type { Database, SqlValue } from 'sql.js';
import { filterCondition, type EventFilter, type FilterField } from './filter';
import { aggregateInto } from './liveAggregate';
import { cachedTable } from './liveSummaryCache';
import { queryRows } from './sqlRows';

/**
 * Summary tables: the same GROUP BY over the events that a view runs live, stored once after an
 * import (store/analysisIndexes.ts) so that the Users, IPs and Clusters views read thousands of
 * rows instead of a million. A view asks `summarySource` for its rows: the stored table when it is
 * fresh and the filter only pins columns the table keeps, else the live query under the filter.
 * Both give the same rows; every aggregate can be summed, min-ed or max-ed again. Live rows are
 * grouped in JavaScript (twice as fast as SQLite's sorting GROUP BY in WebAssembly) and kept for
 * the next question under the same filter (liveAggregate.ts, liveSummaryCache.ts).
 */
export interface SummaryTable {
  table: string;
  /** Grouping columns as [name, expression over `event_rows e`]. */
  keys: readonly (readonly [string, string])[];
  /** Aggregates as [name, kind, expression per event over `event_rows e`]; ids of verbs and actions come from the case. */
  aggregates(db: Database): readonly Aggregate[];
  /** Filter fields the stored table can answer (its key columns carry them). */
  filterable: readonly FilterField[];
}

/** An aggregate column: `sum` counts the events where the expression, a condition, holds (a NULL does not); `count` counts events. */
export type Aggregate = readonly [name: string, kind: 'count' | 'sum' | 'min' | 'max', expression: string];

/** The aggregate in SQL, for the stored tables (the live path computes the same in liveAggregate.ts). */
export function aggregateSql([, kind, expr]: Aggregate): string {
  if (kind === 'count') return 'count(*)';
  return kind === 'sum' ? `coalesce(sum(${expr}), 0)` : `${kind}(${expr})`;
}

/** Ids of these strings in the case, as a SQL list (-1 when none is there, so the list is never empty). */
export function idList(db: Database, values: readonly string[]): string {
  const { rows } = queryRows(db, `SELECT id FROM strings WHERE value IN (${values.map(() => '?').join(',')})`, [...values]);
  return rows.map((r) => Number(r[0])).join(',') || '-1';
}

const WRITE_VERBS = ['create', 'update', 'patch'];
const DELETE_VERBS = ['delete', 'deletecollection'];
export const SSH_OK_ACTIONS = ['ssh_accepted'];
export const SSH_FAIL_ACTIONS = ['ssh_failed', 'ssh_invalid_user', 'ssh_max_auth'];

const COUNTED: readonly Aggregate[] = [
  ['n', 'count', '1'],
  ['first_ts', 'min', 'e.ts'],
  ['last_ts', 'max', 'e.ts'],
];

/** Who acted from where, on which cluster and node, through which source. */
export const ACTOR_SUMMARY: SummaryTable = {
  table: 'actor_summary',
  keys: [['user_id', 'e.user_id'], ['src_ip_id', 'e.src_ip_id'], ['src_ips_id', 'e.src_ips_id'], ['cluster_id', 'e.cluster_id'], ['node_id', 'e.node_id'], ['source_id', 'e.source_id']],
  aggregates: (db) => [
    ...COUNTED,
    ['writes', 'sum', `e.verb_id IN (${idList(db, WRITE_VERBS)})`],
    ['deletes', 'sum', `e.verb_id IN (${idList(db, DELETE_VERBS)})`],
    ['denied', 'sum', 'e.status_code IN (401, 403)'],
    ['failed', 'sum', 'e.status_code >= 400 AND e.status_code NOT IN (401, 403)'],
    ['ssh_ok', 'sum', `e.action_id IN (${idList(db, SSH_OK_ACTIONS)})`],
    ['ssh_fail', 'sum', `e.action_id IN (${idList(db, SSH_FAIL_ACTIONS)})`],
  ],
  filterable: ['user', 'src_ip', 'cluster', 'node', 'source'],
};

/** What was done to what: verbs, resources and namespaces per cluster and user. */
export const ACTIVITY_SUMMARY: SummaryTable = {
  table: 'activity_summary',
  keys: [['cluster_id', 'e.cluster_id'], ['user_id', 'e.user_id'], ['namespace_id', 'e.namespace_id'], ['verb_id', 'e.verb_id'], ['resource_id', 'e.resource_id']],
  aggregates: () => [['n', 'count', '1'], ['denied', 'sum', 'e.status_code IN (401, 403)']],
  filterable: ['cluster', 'user', 'namespace', 'verb', 'resource'],
};

export const HOUR_MS = 3_600_000;

/** Events per hour, cluster, node, source and file: coverage and its gaps. */
export const HOUR_SUMMARY: SummaryTable = {
  table: 'hour_summary',
  keys: [['hour', `e.ts / ${HOUR_MS}`], ['cluster_id', 'e.cluster_id'], ['node_id', 'e.node_id'], ['source_id', 'e.source_id'], ['file_id', 'e.file_id']],
  aggregates: () => COUNTED,
  filterable: ['cluster', 'node', 'source'],
};

/**
 * Every column a filter pins but the name and action, with the actor summary's aggregates: about
 * a tenth of the events' rows. It answers, grouped again, the actor and activity summaries (and the
 * Clusters view's grouping) under any filter on those columns, where their own tables cannot.
 */
export const FACT_SUMMARY: SummaryTable = {
  table: 'fact_summary',
  keys: [...ACTOR_SUMMARY.keys, ['namespace_id', 'e.namespace_id'], ['verb_id', 'e.verb_id'], ['resource_id', 'e.resource_id'], ['status_code', 'e.status_code']],
  aggregates: (db) => ACTOR_SUMMARY.aggregates(db),
  filterable: ['user', 'src_ip', 'cluster', 'node', 'source', 'namespace', 'verb', 'resource', 'status_class'],
};

export const SUMMARY_TABLES: readonly SummaryTable[] = [ACTOR_SUMMARY, ACTIVITY_SUMMARY, HOUR_SUMMARY, FACT_SUMMARY];

/**
 * Never stored: under a filter the actor and activity tables cannot answer, the Clusters view
 * groups the events once by the keys it needs of both (their columns, by the same names).
 */
export const CLUSTER_FACTS: SummaryTable = {
  table: 'cluster_facts',
  keys: [['cluster_id', 'e.cluster_id'], ['node_id', 'e.node_id'], ['source_id', 'e.source_id'], ['user_id', 'e.user_id'], ['namespace_id', 'e.namespace_id']],
  aggregates: (db) => ACTOR_SUMMARY.aggregates(db).filter(([name]) => !['writes', 'deletes'].includes(name)),
  filterable: [],
};

/**
 * Never stored: under a filter the actor and activity tables cannot answer, a user's page groups
 * the events once by the keys of both (their columns, by the same names), not once for each.
 */
export const USER_FACTS: SummaryTable = {
  table: 'user_facts',
  keys: [...ACTOR_SUMMARY.keys, ['namespace_id', 'e.namespace_id'], ['verb_id', 'e.verb_id'], ['resource_id', 'e.resource_id']],
  aggregates: (db) => ACTOR_SUMMARY.aggregates(db),
  filterable: [],
};

/** Whether the stored table of `def` answers this filter now (else the events are grouped live). */
export function summaryStored(db: Database, def: SummaryTable, filter: EventFilter): boolean {
  return storedServes(def, filter) && summariesFresh(db, def);
}

/** The live GROUP BY of a summary under a filter: also what the stored table is built from. */
export function liveSummarySql(db: Database, def: SummaryTable, filter: EventFilter): { sql: string; params: SqlValue[] } {
  const cond = filterCondition(filter);
  const select = [...def.keys.map(([name, expr]) => `${expr} AS ${name}`), ...def.aggregates(db).map((a) => `${aggregateSql(a)} AS ${a[0]}`)].join(', ');
  return { sql: `SELECT ${select} FROM event_rows e WHERE ${cond.where} GROUP BY ${def.keys.map(([name]) => name).join(', ')}`, params: cond.params };
}

/** Meta key holding the stamp of the events a stored summary was built from. */
export const summaryStampKey = (def: SummaryTable): string => `analysis_${def.table}`;
const SUMMARY_VERSION = 1;

/** Changes whenever events are added or replaced: each import adds a `files` row, and ids only grow. */
export function eventsStamp(db: Database): string {
  const row = queryRows(db, 'SELECT (SELECT coalesce(max(id), 0) FROM files), (SELECT coalesce(max(id), 0) FROM event_rows)').rows[0];
  return `${SUMMARY_VERSION}:${row[0]}:${row[1]}`;
}

/** Whether the stored table of a summary (all of them, without `def`) holds the events as they are now. */
export function summariesFresh(db: Database, def?: SummaryTable): boolean {
  const stamp = eventsStamp(db);
  return (def ? [def] : SUMMARY_TABLES).every((d) => queryRows(db, 'SELECT value FROM meta WHERE key = ?', [summaryStampKey(d)]).rows[0]?.[0] === stamp);
}

function storedServes(def: SummaryTable, filter: EventFilter): boolean {
  if (filter.from !== undefined || filter.to !== undefined || filter.text || filter.findings) return false;
  const fields = [...Object.keys(filter.include ?? {}), ...Object.keys(filter.exclude ?? {})] as FilterField[];
  return fields.every((f) => def.filterable.includes(f));
}

/**
 * The rows of a summary under a filter, as a SELECT to put in a WITH clause. The stored table
 * answers when it is fresh and can express the filter; otherwise the events are grouped live.
 */
export function summarySource(db: Database, def: SummaryTable, filter: EventFilter): { sql: string; params: SqlValue[]; stored: boolean } {
  if (summaryStored(db, def, filter)) {
    const cond = filterCondition(filter);
    return { sql: `SELECT * FROM ${def.table} e WHERE ${cond.where}`, params: cond.params, stored: true };
  }
  const fromFacts = factsServe(db, def, filter);
  const build = fromFacts ? (name: string) => regroupFacts(db, def, filter, name) : (name: string) => aggregateInto(db, def, filter, name);
  const table = cachedTable(db, JSON.stringify([def.table, filter]), eventsStamp(db), build);
  return { sql: `SELECT * FROM temp.${table}`, params: [], stored: fromFacts };
}

/** Whether the stored fact summary can stand in for `def` under this filter: it has its keys and aggregates. */
function factsServe(db: Database, def: SummaryTable, filter: EventFilter): boolean {
  const columns = new Set([...FACT_SUMMARY.keys.map(([name]) => name), ...FACT_SUMMARY.aggregates(db).map(([name]) => name)]);
  const needed = [...def.keys.map(([name]) => name), ...def.aggregates(db).filter(([, kind]) => kind !== 'count').map(([name]) => name)];
  return needed.every((c) => columns.has(c)) && summaryStored(db, FACT_SUMMARY, filter);
}

/** The rows of `def` under a filter, grouped again from the fact summary into a TEMP table: counts and sums add up, extremes take theirs. */
function regroupFacts(db: Database, def: SummaryTable, filter: EventFilter, table: string): void {
  const cond = filterCondition(filter);
  const aggregates = def.aggregates(db).map(([name, kind]) => `${kind === 'count' ? 'sum(e.n)' : kind === 'sum' ? `sum(e.${name})` : `${kind}(e.${name})`} AS ${name}`);
  const keys = def.keys.map(([name]) => `e.${name}`);
  db.run(`CREATE TEMP TABLE ${table} AS SELECT ${[...keys, ...aggregates].join(', ')} FROM ${FACT_SUMMARY.table} e WHERE ${cond.where} GROUP BY ${keys.join(', ')}`, cond.params);
}
