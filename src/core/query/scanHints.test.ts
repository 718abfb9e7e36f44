import type { SqlValue } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { analysedInvestigationCase, HOP_IP, PLAIN_HAS_IP } from '../testing/investigationCase';
import { clustersOverview } from './clusters';
import type { EventFilter } from './filter';
import { busySourceIps } from './scanHints';
import { queryNumber, queryRows } from './sqlRows';
import { countBefore, eventPageAfter, eventPageAt } from './tablePaging';
import { countEvents, histogram, timeBounds } from './timeline';
import { usersList } from './users';

/** The filter in plain SQL over the public events view: the reference every answer is held to. */
function plainWhere(filter: EventFilter): { where: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const hasIp = PLAIN_HAS_IP;
  for (const ip of filter.include?.src_ip ?? []) {
    parts.push(hasIp);
    params.push(ip, ip);
  }
  for (const ip of filter.exclude?.src_ip ?? []) {
    parts.push(`NOT ${hasIp}`);
    params.push(ip, ip);
  }
  if (filter.include?.status_class) parts.push('v.status_code >= 200 AND v.status_code < 300');
  if (filter.from !== undefined) parts.push(`v.ts >= ${filter.from}`);
  if (filter.to !== undefined) parts.push(`v.ts < ${filter.to}`);
  return { where: parts.join(' AND ') || '1', params };
}

describe('source-IP filters answered by scanning (a busy address) or through the indexes (a rare one)', async () => {
  const { store, half } = await analysedInvestigationCase();
  const db = store.db;
  const busy = '10.0.1.12';
  const filters: [string, EventFilter][] = [];
  for (const ip of [busy, HOP_IP]) {
    filters.push(
      [`+${ip}`, { include: { src_ip: [ip] } }],
      [`+${ip} +2xx`, { include: { src_ip: [ip], status_class: ['2xx'] } }],
      [`+${ip} half`, { ...half, include: { src_ip: [ip] } }],
      [`-${ip}`, { exclude: { src_ip: [ip] } }],
      [`-${ip} +2xx half`, { ...half, include: { status_class: ['2xx'] }, exclude: { src_ip: [ip] } }],
    );
  }

  it('tells a busy address (a fifth of the events or more) from a rare one', () => {
    const total = queryNumber(db, 'SELECT count(*) FROM events');
    for (const ip of [busy, HOP_IP, '198.51.100.20']) {
      const { where, params } = plainWhere({ include: { src_ip: [ip] } });
      const n = queryNumber(db, `SELECT count(*) FROM events v WHERE ${where}`, params);
      expect(busySourceIps(db, [ip]), ip).toBe(n >= total * 0.2);
    }
    expect(busySourceIps(db, [busy])).toBe(true);
    expect(busySourceIps(db, [HOP_IP])).toBe(false);
  });

  it.each(filters)('counts, bounds, buckets and classes as plain SQL does: %s', (_, filter) => {
    const { where, params } = plainWhere(filter);
    const rows = queryRows(db, `SELECT v.ts, v.status_code FROM events v WHERE ${where}`, params).rows.map(([ts, code]) => [Number(ts), code] as const);
    expect(rows.length).toBeGreaterThan(0);
    expect(countEvents(db, filter)).toBe(rows.length);
    const bounds = { min: Math.min(...rows.map((r) => r[0])), max: Math.max(...rows.map((r) => r[0])) };
    expect(timeBounds(db, filter)).toEqual(bounds);
    const h = histogram(db, filter, 'status', undefined, bounds);
    expect(h.total).toBe(rows.length);
    const expected = new Map<string, number[]>();
    for (const [ts, code] of rows) {
      const c = code === null ? 'none' : Number(code) === 401 || Number(code) === 403 ? 'denied' : Number(code) < 300 ? '2xx' : Number(code) < 400 ? '3xx' : Number(code) < 500 ? '4xx' : '5xx';
      const counts = expected.get(c) ?? new Array<number>(h.buckets).fill(0);
      counts[Math.min(h.buckets - 1, Math.floor((ts - h.start) / h.bucketMs))]++;
      expected.set(c, counts);
    }
    expect(Object.fromEntries(h.series.map((s) => [s.key, s.counts]))).toEqual(Object.fromEntries(expected));
  });

  it.each(filters)('pages the table in time order as plain SQL does: %s', (_, filter) => {
    const { where, params } = plainWhere(filter);
    const ids = queryRows(db, `SELECT v.id FROM events v WHERE ${where} ORDER BY v.ts, v.file_id, v.line`, params).rows.map((r) => Number(r[0]));
    expect(eventPageAt(db, filter, 0, 50).map((r) => Number(r.id))).toEqual(ids.slice(0, 50));
    expect(eventPageAt(db, filter, 100, 20).map((r) => Number(r.id))).toEqual(ids.slice(100, 120));
    const first = eventPageAfter(db, filter, null, 30);
    const last = first[first.length - 1];
    const next = eventPageAfter(db, filter, { ts: Number(last.ts), file_id: Number(last.file_id), line: Number(last.line) }, 30);
    expect(next.map((r) => Number(r.id))).toEqual(ids.slice(30, 60));
    const middle = queryRows(db, `SELECT v.ts FROM events v WHERE v.id = ?`, [ids[Math.floor(ids.length / 2)]]).rows[0][0] as number;
    const before = queryNumber(db, `SELECT count(*) FROM events v WHERE ${where} AND v.ts < ?`, [...params, middle]);
    expect(countBefore(db, filter, middle)).toBe(before);
  });

  it.each(filters)('groups users and clusters as plain SQL does: %s', (_, filter) => {
    const { where, params } = plainWhere(filter);
    const users = queryRows(db, `SELECT v.user, count(*), min(v.ts), max(v.ts) FROM events v WHERE ${where} AND v.user IS NOT NULL GROUP BY v.user`, params).rows;
    const live = usersList(db, filter);
    expect(Object.fromEntries(live.map((u) => [u.user, [u.events, u.first, u.last]]))).toEqual(Object.fromEntries(users.map(([u, ...rest]) => [u, rest])));
    const clusters = queryRows(db, `SELECT v.cluster, count(*) FROM events v WHERE ${where} GROUP BY v.cluster`, params).rows;
    const overview = clustersOverview(db, filter);
    expect(Object.fromEntries(overview.clusters.map((c) => [c.cluster, c.events]))).toEqual(Object.fromEntries(clusters));
    const drawn = Object.fromEntries((overview.series?.series ?? []).map((s) => [s.cluster, s.counts.reduce((a, b) => a + b, 0)]));
    expect(drawn).toEqual(Object.fromEntries(clusters));
  });
});
