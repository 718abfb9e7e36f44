import type { SqlValue } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { analysedInvestigationCase, HOP_IP, PLAIN_HAS_IP } from '../testing/investigationCase';
import { clustersOverview } from './clusters';
import type { EventFilter, FilterField } from './filter';
import { busyValues } from './scanHints';
import { queryNumber, queryRows } from './sqlRows';
import { countBefore, eventPageAfter, eventPageAt } from './tablePaging';
import { countEvents, histogram, timeBounds } from './timeline';
import { usersList } from './users';

/** The filter in plain SQL over the public events view: the reference every answer is held to. */
function plainWhere(filter: EventFilter): { where: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const [negate, fields] of [[false, filter.include], [true, filter.exclude]] as const) {
    for (const [field, values] of Object.entries(fields ?? {})) {
      for (const value of values ?? []) {
        const not = negate ? 'NOT ' : '';
        if (field === 'status_class') {
          // The tests filter on 2xx only.
          parts.push(`${not}coalesce(v.status_code >= 200 AND v.status_code < 300, 0)`);
        } else if (field === 'src_ip') {
          parts.push(`${not}${PLAIN_HAS_IP}`);
          params.push(value, value);
        } else {
          parts.push(negate ? `v.${field} IS NOT ?` : `v.${field} = ?`);
          params.push(value);
        }
      }
    }
  }
  if (filter.from !== undefined) parts.push(`v.ts >= ${filter.from}`);
  if (filter.to !== undefined) parts.push(`v.ts < ${filter.to}`);
  return { where: parts.join(' AND ') || '1', params };
}

describe('filters answered by scanning (a busy value) or through their index (a rare one)', async () => {
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
  // The API's source holds nearly every event, carol a few; the SSH log's source a handful.
  filters.push(
    ['+kube-audit', { include: { source: ['kube-audit'] } }],
    ['+kube-audit +carol', { include: { source: ['kube-audit'], user: ['carol@example.com'] } }],
    ['+kube-audit -carol half', { ...half, include: { source: ['kube-audit'] }, exclude: { user: ['carol@example.com'] } }],
    ['+kube-audit +busy ip +2xx', { include: { source: ['kube-audit'], src_ip: [busy], status_class: ['2xx'] } }],
    ['-kube-audit', { exclude: { source: ['kube-audit'] } }],
  );

  it('tells a busy value (a fifth of the events or more) from a rare one', () => {
    const total = queryNumber(db, 'SELECT count(*) FROM events');
    const values: [FilterField, string][] = [['src_ip', busy], ['src_ip', HOP_IP], ['src_ip', '198.51.100.20'], ['source', 'kube-audit'], ['source', 'authlog'], ['user', 'carol@example.com']];
    for (const [field, value] of values) {
      const { where, params } = plainWhere({ include: { [field]: [value] } });
      const n = queryNumber(db, `SELECT count(*) FROM events v WHERE ${where}`, params);
      expect(busyValues(db, field, [value]), value).toBe(n >= total * 0.2);
    }
    expect(busyValues(db, 'src_ip', [busy])).toBe(true);
    expect(busyValues(db, 'src_ip', [HOP_IP])).toBe(false);
    expect(busyValues(db, 'source', ['kube-audit'])).toBe(true);
    // A field without an index of its own is never fetched through one.
    expect(busyValues(db, 'cluster', ['prod-eu-1'])).toBe(false);
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
