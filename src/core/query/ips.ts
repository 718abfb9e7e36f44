import type { Database, SqlValue } from 'sql.js';
import { cidrMatcher } from '../net/cidr';
import type { EventFilter } from './filter';
import { pinned } from './pinned';
import { EXPAND_SOURCE_IPS } from './sourceIps';
import { queryObjects, queryRows } from './sqlRows';
import { ACTOR_SUMMARY, idList, summarySource } from './summaries';

/** One source address of the IPs view under the current filter. */
export interface IpRow {
  ip: string;
  internal: boolean;
  first: number;
  last: number;
  events: number;
  users: number;
  /** Up to three users seen from it, busiest first. */
  topUsers: string[];
  /** Kubernetes API calls, and those refused (401/403). */
  apiCalls: number;
  denied: number;
  sshOk: number;
  sshFail: number;
  /** External and with API calls that were not refused: the sign of a stolen credential. */
  externalAuthorized: boolean;
}

const IP_LIMIT = 5000;

function ipRows(db: Database, filter: EventFilter, internalCidrs: readonly string[], limit: number): IpRow[] {
  const src = summarySource(db, ACTOR_SUMMARY, filter);
  const kube = idList(db, ['kube-audit']);
  // Every CTE is used once or materialized: a correlated subquery over them would expand the
  // source IPs again for each address (seconds, with a thousand SSH clients).
  const rows = queryObjects<Record<string, SqlValue>>(
    db,
    `WITH f AS (${src.sql}), x AS MATERIALIZED (${EXPAND_SOURCE_IPS}),
       per_user AS (SELECT x.ip, s.value AS user, sum(x.n) AS n FROM x JOIN strings s ON s.id = x.user_id WHERE x.ip IS NOT NULL GROUP BY x.ip, x.user_id),
       ranked AS (SELECT ip, user, row_number() OVER (PARTITION BY ip ORDER BY n DESC, user) AS r FROM per_user),
       tops AS (SELECT ip, json_group_array(user) AS top_users FROM (SELECT ip, user FROM ranked WHERE r <= 3 ORDER BY ip, r) GROUP BY ip)
     SELECT x.ip, sum(x.n) AS events, min(x.first_ts) AS first, max(x.last_ts) AS last,
       sum(CASE WHEN x.source_id IN (${kube}) THEN x.n ELSE 0 END) AS api_calls,
       sum(CASE WHEN x.source_id IN (${kube}) THEN x.denied ELSE 0 END) AS denied,
       sum(x.ssh_ok) AS ssh_ok, sum(x.ssh_fail) AS ssh_fail, count(DISTINCT x.user_id) AS users, coalesce(t.top_users, '[]') AS top_users
     FROM x LEFT JOIN tops t ON t.ip = x.ip WHERE x.ip IS NOT NULL GROUP BY x.ip ORDER BY events DESC, x.ip LIMIT ?`,
    [...src.params, limit],
  );
  const internal = cidrMatcher(internalCidrs);
  return rows.map((r) => {
    const ip = String(r.ip);
    const isInternal = internal(ip);
    const apiCalls = Number(r.api_calls);
    const denied = Number(r.denied);
    return {
      ip,
      internal: isInternal,
      first: Number(r.first),
      last: Number(r.last),
      events: Number(r.events),
      users: Number(r.users),
      topUsers: JSON.parse(String(r.top_users)) as string[],
      apiCalls,
      denied,
      sshOk: Number(r.ssh_ok),
      sshFail: Number(r.ssh_fail),
      externalAuthorized: !isInternal && apiCalls > denied,
    };
  });
}

/** Every source IP under the filter (proxy hops included), busiest first. */
export function ipsList(db: Database, filter: EventFilter, internalCidrs: readonly string[], limit = IP_LIMIT): IpRow[] {
  return ipRows(db, filter, internalCidrs, limit);
}

export interface IpUserRow {
  user: string;
  events: number;
  first: number;
  last: number;
  denied: number;
  sshOk: number;
  sshFail: number;
}

export interface IpPage {
  ip: IpRow | null;
  users: IpUserRow[];
  /** Clusters and nodes the address reached. */
  places: { cluster: string | null; node: string | null; events: number }[];
  /** The lists of source IPs it appeared in (more than one entry: proxy hops). */
  chains: { chain: string[]; events: number }[];
}

/** Everything the IP's page shows, under the filter (the address pinned). */
export function ipPage(db: Database, filter: EventFilter, ip: string, internalCidrs: readonly string[]): IpPage {
  const mine = pinned(filter, 'src_ip', ip);
  const row = ipRows(db, mine, internalCidrs, 50_000).find((r) => r.ip === ip) ?? null;
  if (!row) return { ip: null, users: [], places: [], chains: [] };
  const src = summarySource(db, ACTOR_SUMMARY, mine);
  const users = queryObjects<IpUserRow>(
    db,
    `WITH f AS (${src.sql}) SELECT s.value AS user, sum(f.n) AS events, min(f.first_ts) AS first, max(f.last_ts) AS last,
       sum(f.denied) AS denied, sum(f.ssh_ok) AS sshOk, sum(f.ssh_fail) AS sshFail
     FROM f JOIN strings s ON s.id = f.user_id GROUP BY f.user_id ORDER BY events DESC, user LIMIT 500`,
    src.params,
  );
  const places = queryObjects<{ cluster: string | null; node: string | null; events: number }>(
    db,
    `WITH f AS (${src.sql}) SELECT c.value AS cluster, nd.value AS node, sum(f.n) AS events FROM f
     LEFT JOIN strings c ON c.id = f.cluster_id LEFT JOIN strings nd ON nd.id = f.node_id
     GROUP BY f.cluster_id, f.node_id ORDER BY events DESC LIMIT 100`,
    src.params,
  );
  const chains = queryRows(
    db,
    `WITH f AS (${src.sql}) SELECT s.value, sum(f.n) FROM f JOIN strings s ON s.id = f.src_ips_id
     WHERE json_valid(s.value) AND json_array_length(s.value) > 1 GROUP BY f.src_ips_id ORDER BY 2 DESC LIMIT 50`,
    src.params,
  ).rows.map(([chain, n]) => ({ chain: JSON.parse(String(chain)) as string[], events: Number(n) }));
  return { ip: row, users, places, chains };
}
