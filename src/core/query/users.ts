import type { Database, SqlValue } from 'sql.js';
import { filterCondition, type EventFilter } from './filter';
import { identityKind, loginNames, type IdentityKind } from './identityKind';
import { pinned } from './pinned';
import { EXPAND_SOURCE_IPS } from './sourceIps';
import { queryObjects } from './sqlRows';
import { ACTIVITY_SUMMARY, ACTOR_SUMMARY, idList, SSH_FAIL_ACTIONS, SSH_OK_ACTIONS, summarySource, summaryStored, USER_FACTS, type SummaryTable } from './summaries';

/** One identity of the Users view under the current filter. */
export interface UserRow {
  user: string;
  kind: IdentityKind;
  first: number;
  last: number;
  events: number;
  writes: number;
  deletes: number;
  /** 401 and 403. */
  denied: number;
  /** Distinct source IPs, proxy hops included. */
  ips: number;
  clusters: number;
  sshOk: number;
  sshFail: number;
}

const USER_LIMIT = 5000;

/** Every user under the filter, busiest first. */
export function usersList(db: Database, filter: EventFilter, limit = USER_LIMIT): UserRow[] {
  return userRows(db, ACTOR_SUMMARY, filter, limit);
}

/** The users list from the rows of `def`: the actor summary, or any summary with its columns and more keys. */
function userRows(db: Database, def: SummaryTable, filter: EventFilter, limit: number): UserRow[] {
  const src = summarySource(db, def, filter);
  const authlog = idList(db, ['authlog']);
  const rows = queryObjects<Record<string, SqlValue>>(
    db,
    `WITH f AS (${src.sql}),
      ips AS (SELECT user_id, count(DISTINCT ip) AS ips FROM (${EXPAND_SOURCE_IPS}) GROUP BY user_id)
     SELECT s.value AS user, sum(f.n) AS events, min(f.first_ts) AS first, max(f.last_ts) AS last, sum(f.writes) AS writes,
       sum(f.deletes) AS deletes, sum(f.denied) AS denied, sum(f.ssh_ok) AS ssh_ok, sum(f.ssh_fail) AS ssh_fail,
       count(DISTINCT f.cluster_id) AS clusters, min(f.source_id IN (${authlog})) AS host_only, coalesce(ips.ips, 0) AS ips
     FROM f JOIN strings s ON s.id = f.user_id LEFT JOIN ips ON ips.user_id = f.user_id
     GROUP BY f.user_id ORDER BY events DESC, user LIMIT ?`,
    [...src.params, limit],
  );
  return rows.map((r) => ({
    user: String(r.user),
    kind: identityKind(String(r.user), r.host_only === 1),
    first: Number(r.first),
    last: Number(r.last),
    events: Number(r.events),
    writes: Number(r.writes),
    deletes: Number(r.deletes),
    denied: Number(r.denied),
    ips: Number(r.ips),
    clusters: Number(r.clusters),
    sshOk: Number(r.ssh_ok),
    sshFail: Number(r.ssh_fail),
  }));
}

export interface CountRow {
  value: string | null;
  events: number;
}

/** A source IP as one user used it. `isNew`: first used (ever, in the case) after the user's baseline. */
export interface UserIpRow {
  ip: string;
  events: number;
  first: number;
  last: number;
  firstEver: number;
  isNew: boolean;
}

export interface SshLogin {
  id: number;
  ts: number;
  user: string;
  node: string | null;
  cluster: string | null;
  srcIp: string | null;
  action: string;
}

export interface UserPage {
  user: UserRow | null;
  /** Events per day (epoch day in the zone shown) and hour of day. */
  heatmap: { day: number; hour: number; events: number }[];
  verbs: CountRow[];
  resources: CountRow[];
  clusters: CountRow[];
  ips: UserIpRow[];
  /** Up to 100 SSH logins (accepted or failed) under the same name, latest first. */
  sshLogins: SshLogin[];
  /** The end of the baseline an IP must be first seen after to count as new. */
  baselineEnd: number | null;
}

const DAY_MS = 86_400_000;

function topCounts(db: Database, def: SummaryTable, filter: EventFilter, column: 'verb_id' | 'resource_id' | 'cluster_id', limit = 12): CountRow[] {
  const src = summarySource(db, def, filter);
  return queryObjects<{ value: string | null; events: number }>(
    db,
    `WITH f AS (${src.sql}) SELECT s.value AS value, sum(f.n) AS events FROM f LEFT JOIN strings s ON s.id = f.${column}
     GROUP BY f.${column} ORDER BY events DESC, value LIMIT ?`,
    [...src.params, limit],
  );
}

function userIps(db: Database, def: SummaryTable, filter: EventFilter): { ip: string; events: number; first: number; last: number }[] {
  const src = summarySource(db, def, filter);
  return queryObjects(
    db,
    `WITH f AS (${src.sql}) SELECT ip, sum(n) AS events, min(first_ts) AS first, max(last_ts) AS last
     FROM (${EXPAND_SOURCE_IPS}) WHERE ip IS NOT NULL GROUP BY ip ORDER BY first, ip`,
    src.params,
  );
}

function sshLogins(db: Database, filter: EventFilter, user: string): SshLogin[] {
  const names = loginNames(user);
  const actions = [...SSH_OK_ACTIONS, ...SSH_FAIL_ACTIONS];
  const time: SqlValue[] = [filter.from ?? -Number.MAX_SAFE_INTEGER, filter.to ?? Number.MAX_SAFE_INTEGER];
  return queryObjects<SshLogin>(
    db,
    `SELECT v.id, v.ts, v.user, v.node, v.cluster, v.src_ip AS srcIp, v.action FROM events v WHERE v.id IN (
       SELECT e.id FROM event_rows e WHERE e.user_id IN (${idList(db, names)}) AND e.source_id IN (${idList(db, ['authlog'])})
         AND e.action_id IN (${idList(db, actions)}) AND e.ts >= ? AND e.ts < ? ORDER BY e.ts DESC LIMIT 100
     ) ORDER BY v.ts DESC, v.id DESC`,
    time,
  );
}

/**
 * Everything the user's page shows, under the filter (the user pinned). An IP counts as new when
 * the user first used it after the baseline: the start of the filter's time range, or else the
 * end of the user's first day (UTC) in the case.
 */
export function userPage(db: Database, filter: EventFilter, user: string, zoneOffsetMs = 0): UserPage {
  const mine = pinned(filter, 'user', user);
  // The stored summaries when they answer the filter; else one live grouping for all of the page.
  const stored = [ACTOR_SUMMARY, ACTIVITY_SUMMARY].every((def) => summaryStored(db, def, mine));
  const [actor, activity] = stored ? [ACTOR_SUMMARY, ACTIVITY_SUMMARY] : [USER_FACTS, USER_FACTS];
  const row = userRows(db, actor, mine, 1)[0] ?? null;
  if (!row) return { user: null, heatmap: [], verbs: [], resources: [], clusters: [], ips: [], sshLogins: [], baselineEnd: null };
  const everFilter = pinned({}, 'user', user);
  const ever = new Map(userIps(db, ACTOR_SUMMARY, everFilter).map((r) => [r.ip, r.first]));
  const firstEver = Math.min(...ever.values());
  const baselineEnd = filter.from ?? (Number.isFinite(firstEver) ? (Math.floor(firstEver / DAY_MS) + 1) * DAY_MS : null);
  // The (user_id, ts) index alone answers this: no event row is read.
  const { where, params } = filterCondition(mine);
  const heatmap = queryObjects<{ day: number; hour: number; events: number }>(
    db,
    `SELECT (e.ts + ?) / ${DAY_MS} AS day, ((e.ts + ?) / 3600000) % 24 AS hour, count(*) AS events FROM event_rows e WHERE ${where} GROUP BY day, hour`,
    [zoneOffsetMs, zoneOffsetMs, ...params],
  );
  return {
    user: row,
    heatmap,
    verbs: topCounts(db, activity, mine, 'verb_id'),
    resources: topCounts(db, activity, mine, 'resource_id'),
    clusters: topCounts(db, activity, mine, 'cluster_id'),
    ips: userIps(db, actor, mine).map((r) => {
      const first = ever.get(r.ip) ?? r.first;
      return { ...r, firstEver: first, isNew: baselineEnd !== null && first >= baselineEnd };
    }),
    sshLogins: sshLogins(db, filter, user),
    baselineEnd,
  };
}
