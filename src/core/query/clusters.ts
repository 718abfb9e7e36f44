import type { Database } from 'sql.js';
import type { EventFilter } from './filter';
import { coverage, type CoverageLane } from './coverage';
import { queryObjects } from './sqlRows';
import { ACTIVITY_SUMMARY, ACTOR_SUMMARY, CLUSTER_FACTS, idList, summarySource, summaryStored, type SummaryTable } from './summaries';
import { clusterSeries, type ClusterSeries } from './clusterSeries';

export interface ClusterRow {
  /** NULL: events no cluster was attributed to. */
  cluster: string | null;
  events: number;
  first: number;
  last: number;
  denied: number;
  /** Other 4xx and 5xx. */
  failed: number;
  users: number;
  topUsers: { value: string; events: number }[];
  topNamespaces: { value: string; events: number }[];
}

export interface SshNode {
  cluster: string | null;
  node: string | null;
  events: number;
  sshOk: number;
  sshFail: number;
  users: number;
  first: number;
  last: number;
}

export interface ClustersOverview {
  clusters: ClusterRow[];
  /** Events per cluster over time, on the same buckets (null when nothing matches). */
  series: ClusterSeries | null;
  sshNodes: SshNode[];
  coverage: CoverageLane[];
}

const TOP = 5;

function tops(db: Database, filter: EventFilter, def: SummaryTable, column: 'user_id' | 'namespace_id'): Map<number | null, { value: string; events: number }[]> {
  const src = summarySource(db, def, filter);
  const rows = queryObjects<{ cluster_id: number | null; value: string; events: number }>(
    db,
    `WITH f AS (${src.sql}), g AS (SELECT f.cluster_id, f.${column} AS k, sum(f.n) AS events FROM f WHERE f.${column} IS NOT NULL GROUP BY f.cluster_id, f.${column}),
       r AS (SELECT g.*, row_number() OVER (PARTITION BY g.cluster_id ORDER BY g.events DESC, g.k) AS rank FROM g)
     SELECT r.cluster_id, s.value, r.events FROM r JOIN strings s ON s.id = r.k WHERE r.rank <= ${TOP} ORDER BY r.cluster_id, r.rank`,
    src.params,
  );
  const byCluster = new Map<number | null, { value: string; events: number }[]>();
  for (const r of rows) {
    const list = byCluster.get(r.cluster_id) ?? [];
    list.push({ value: r.value, events: r.events });
    byCluster.set(r.cluster_id, list);
  }
  return byCluster;
}

/**
 * Coverage is about the logs, not about who is in them: it keeps the filter's time range and its
 * clusters, nodes and sources, and ignores the rest (a user filtered out leaves no "gap").
 */
function coverageFilter(filter: EventFilter): EventFilter {
  const keep = (values: EventFilter['include']): EventFilter['include'] =>
    Object.fromEntries(Object.entries(values ?? {}).filter(([field]) => ['cluster', 'node', 'source'].includes(field)));
  return { from: filter.from, to: filter.to, include: keep(filter.include), exclude: keep(filter.exclude) };
}

/** Per cluster: events over time, error and denial counts, top users and namespaces; nodes with SSH; coverage. */
export function clustersOverview(db: Database, filter: EventFilter): ClustersOverview {
  // The stored summaries when they answer the filter; else one live grouping (a scan) for both.
  const stored = [ACTOR_SUMMARY, ACTIVITY_SUMMARY].every((def) => summaryStored(db, def, filter));
  const [actor, activity] = stored ? [ACTOR_SUMMARY, ACTIVITY_SUMMARY] : [CLUSTER_FACTS, CLUSTER_FACTS];
  const src = summarySource(db, actor, filter);
  const rows = queryObjects<{ cluster_id: number | null; cluster: string | null; events: number; first: number; last: number; denied: number; failed: number; users: number }>(
    db,
    `WITH f AS (${src.sql}) SELECT f.cluster_id, c.value AS cluster, sum(f.n) AS events, min(f.first_ts) AS first, max(f.last_ts) AS last,
       sum(f.denied) AS denied, sum(f.failed) AS failed, count(DISTINCT f.user_id) AS users
     FROM f LEFT JOIN strings c ON c.id = f.cluster_id GROUP BY f.cluster_id ORDER BY events DESC, cluster`,
    src.params,
  );
  const users = tops(db, filter, actor, 'user_id');
  const namespaces = tops(db, filter, activity, 'namespace_id');
  const clusters = rows.map((r): ClusterRow => ({
    cluster: r.cluster,
    events: r.events,
    first: r.first,
    last: r.last,
    denied: r.denied,
    failed: r.failed,
    users: r.users,
    topUsers: users.get(r.cluster_id) ?? [],
    topNamespaces: namespaces.get(r.cluster_id) ?? [],
  }));
  // The summary already knows the first and last event: no scan for the chart's span.
  const span = rows.length ? { from: filter.from ?? Math.min(...rows.map((r) => r.first)), to: filter.to ?? Math.max(...rows.map((r) => r.last)) + 1 } : null;
  const sshNodes = queryObjects<SshNode>(
    db,
    `WITH f AS (${src.sql}) SELECT c.value AS cluster, nd.value AS node, sum(f.n) AS events, sum(f.ssh_ok) AS sshOk, sum(f.ssh_fail) AS sshFail,
       count(DISTINCT f.user_id) AS users, min(f.first_ts) AS first, max(f.last_ts) AS last
     FROM f LEFT JOIN strings c ON c.id = f.cluster_id LEFT JOIN strings nd ON nd.id = f.node_id
     WHERE f.source_id IN (${idList(db, ['authlog'])}) GROUP BY f.cluster_id, f.node_id ORDER BY sshFail DESC, events DESC LIMIT 200`,
    src.params,
  );
  return { clusters, series: span ? clusterSeries(db, filter, span) : null, sshNodes, coverage: coverage(db, coverageFilter(filter)) };
}
