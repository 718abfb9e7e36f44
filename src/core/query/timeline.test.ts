import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../ingest/importFiles';
import { inputFromBytes } from '../ingest/input';
import { generateAuditLines } from '../synth/auditGenerator';
import { encode, newTestCase } from '../testing/helpers';
import { queryNumber, queryRows } from './sqlRows';
import { analysedInvestigationCase, HOP_IP, PLAIN_HAS_IP } from '../testing/investigationCase';
import type { EventFilter } from './filter';
import { eventPage, histogram, pickBucketMs, countEvents, timeBounds, timelineOverview } from './timeline';

async function caseWith(lines: string[]) {
  const store = await newTestCase();
  await importFiles(store, [inputFromBytes('prod-eu-1/kube-apiserver/audit.log', encode(lines.join('\n')))]);
  return store;
}

/** Expected counts computed straight from the generated JSON, independently of the store. */
function expectedEvents(lines: string[]) {
  const byId = new Map<string, { ts: number; verb: string; code: number | null; user: string }>();
  for (const line of lines) {
    const e = JSON.parse(line);
    byId.set(e.auditID, { ts: Math.floor(Date.parse(e.requestReceivedTimestamp)), verb: e.verb, code: e.responseStatus?.code ?? null, user: e.user.username });
  }
  return [...byId.values()];
}

describe('histogram', () => {
  const lines = [...generateAuditLines({ seed: 5, lines: 3000, meanGapMs: 2000 })];

  it('counts every event once, in the right class, over the whole span', async () => {
    const store = await caseWith(lines);
    const events = expectedEvents(lines);
    const h = histogram(store.db, {}, 'activity');
    expect(h.total).toBe(events.length);
    const reads = events.filter((e) => ['get', 'list', 'watch'].includes(e.verb)).length;
    expect(h.series.find((s) => s.key === 'read')?.counts.reduce((a, b) => a + b, 0)).toBe(reads);
    const denied = events.filter((e) => e.code === 403).length;
    const byStatus = histogram(store.db, {}, 'status');
    expect(byStatus.series.find((s) => s.key === 'denied')?.counts.reduce((a, b) => a + b, 0)).toBe(denied);
  });

  it('gives the same buckets from the minute rollup as from counting events, for any time range', async () => {
    const store = await caseWith(lines);
    const events = expectedEvents(lines);
    const min = Math.min(...events.map((e) => e.ts));
    const max = Math.max(...events.map((e) => e.ts));
    fc.assert(
      fc.property(fc.integer({ min: min - 60_000, max: max + 60_000 }), fc.integer({ min: 1, max: max - min + 120_000 }), fc.boolean(), (from, span, dense) => {
        const to = from + span;
        // `dense` forces whole-minute buckets from the rollup, as on a million events.
        const h = histogram(store.db, { from, to }, 'activity', dense ? 0 : undefined);
        if (dense && h.total > 0) expect(h.bucketMs % 60_000).toBe(0);
        const inRange = events.filter((e) => e.ts >= from && e.ts < to);
        expect(h.total).toBe(inRange.length);
        const counts = new Array<number>(h.buckets).fill(0);
        for (const e of inRange) counts[Math.floor((e.ts - h.start) / h.bucketMs)]++;
        const drawn = new Array<number>(h.buckets).fill(0);
        for (const s of h.series) s.counts.forEach((n, i) => (drawn[i] += n));
        expect(drawn).toEqual(counts);
      }),
      { numRuns: 40 },
    );
  });

  it('narrows to one user and agrees with the event count under the same filter', async () => {
    const store = await caseWith(lines);
    const events = expectedEvents(lines);
    const user = events[0].user;
    const h = histogram(store.db, { include: { user: [user] } });
    expect(h.total).toBe(events.filter((e) => e.user === user).length);
    expect(countEvents(store.db, { include: { user: [user] } })).toBe(h.total);
    expect(countEvents(store.db, { exclude: { user: [user] } })).toBe(events.length - h.total);
  });

  it('buckets and classes events scanned one by one as plain SQL over the events view does', async () => {
    const store = await caseWith(lines);
    const user = expectedEvents(lines)[0].user;
    const activity = `CASE WHEN source = 'authlog' THEN 'ssh' WHEN source = 'db-audit' THEN 'database' WHEN source = 'platform-audit' THEN 'platform'
      WHEN verb IN ('get', 'list', 'watch') THEN 'read' WHEN verb IN ('create', 'update', 'patch') THEN 'write'
      WHEN verb IN ('delete', 'deletecollection') THEN 'delete' ELSE 'other' END`;
    const status = `CASE WHEN status_code IS NULL THEN 'none' WHEN status_code IN (401, 403) THEN 'denied' WHEN status_code < 300 THEN '2xx'
      WHEN status_code < 400 THEN '3xx' WHEN status_code < 500 THEN '4xx' ELSE '5xx' END`;
    // Filters the minute rollup cannot express, so every event is read and classed in JavaScript.
    const cases = [
      { filter: { include: { user: [user] } }, where: 'user = ?', params: [user] },
      { filter: { exclude: { user: [user] } }, where: 'user IS NOT ?', params: [user] },
    ];
    for (const { filter, where, params } of cases) {
      for (const [stackBy, expr] of [['activity', activity], ['status', status]] as const) {
        const h = histogram(store.db, filter, stackBy);
        const expected = new Map<string, number>();
        for (const [b, k, n] of queryRows(store.db, `SELECT CAST((ts - ?) / ? AS INTEGER), ${expr}, count(*) FROM events WHERE ${where} GROUP BY 1, 2`, [h.start, h.bucketMs, ...params]).rows) {
          expected.set(`${String(b)}:${String(k)}`, Number(n));
        }
        const drawn = new Map<string, number>();
        for (const s of h.series) s.counts.forEach((n, b) => n && drawn.set(`${b}:${s.key}`, n));
        expect(drawn).toEqual(expected);
        expect(h.total).toBe(queryNumber(store.db, `SELECT count(*) FROM events WHERE ${where}`, params));
      }
    }
  });

  it('picks buckets so that no span draws more than 150 bars', () => {
    for (const span of [1, 999, 60_000, 3_600_000, 86_400_000 * 3, 86_400_000 * 400]) expect(span / pickBucketMs(span)).toBeLessThanOrEqual(150);
  });
});

describe('timelineOverview', async () => {
  const { store, half } = await analysedInvestigationCase();
  const db = store.db;
  const user = 'carol@example.com';
  const hasIp = PLAIN_HAS_IP;
  // [name, filter, the same in plain SQL over the events view, its parameters]
  const cases: [string, EventFilter, string, (string | number)[]][] = [
    ['every event (rollup)', {}, '1', []],
    ['+2xx (rollup)', { include: { status_class: ['2xx'] } }, 'status_code >= 200 AND status_code < 300', []],
    ['+user', { include: { user: [user] } }, 'user = ?', [user]],
    ['-user', { exclude: { user: [user] } }, 'user IS NOT ?', [user]],
    ['+busy ip +2xx', { include: { src_ip: ['10.0.1.12'], status_class: ['2xx'] } }, `${hasIp} AND status_code >= 200 AND status_code < 300`, ['10.0.1.12', '10.0.1.12']],
    ['+hop ip', { include: { src_ip: [HOP_IP] } }, hasIp, [HOP_IP, HOP_IP]],
    ['-busy ip', { exclude: { src_ip: ['10.0.1.12'] } }, `NOT ${hasIp}`, ['10.0.1.12', '10.0.1.12']],
    ['half -user', { ...half, exclude: { user: [user] } }, `ts >= ${half.from} AND ts < ${half.to} AND user IS NOT ?`, [user]],
    ['text', { text: 'carol' }, 'user = ?', [user]],
    ['nothing', { include: { user: ['nobody'] } }, '0', []],
  ];

  it.each(cases)('gives the histogram and bounds that asking for each apart gives, and plain SQL counts: %s', (_, filter, where, params) => {
    for (const stackBy of ['activity', 'status'] as const) {
      const bounds = timeBounds(db, filter);
      const overview = timelineOverview(db, filter, stackBy);
      expect(overview).toEqual({ histogram: histogram(db, filter, stackBy, undefined, bounds), bounds });
      const [n, low, high] = queryRows(db, `SELECT count(*), min(ts), max(ts) FROM events WHERE ${where}`, params).rows[0];
      expect(overview.histogram.total).toBe(n);
      expect(overview.bounds).toEqual(n ? { min: low, max: high } : null);
      if (!n) continue;
      const buckets = new Array<number>(overview.histogram.buckets).fill(0);
      for (const [ts] of queryRows(db, `SELECT ts FROM events WHERE ${where}`, params).rows) buckets[Math.floor((Number(ts) - overview.histogram.start) / overview.histogram.bucketMs)]++;
      const drawn = new Array<number>(overview.histogram.buckets).fill(0);
      for (const s of overview.histogram.series) s.counts.forEach((c, i) => (drawn[i] += c));
      expect(drawn).toEqual(buckets);
    }
  });
});

describe('eventPage', () => {
  it('pages through events in time order with ties broken by file and line', async () => {
    const lines = [...generateAuditLines({ seed: 9, lines: 500 })];
    const store = await caseWith(lines);
    const all = eventPage(store.db, {}, 0, 10_000);
    const pages = [0, 1, 2].flatMap((p) => eventPage(store.db, {}, p * 100, 100));
    expect(pages).toEqual(all.slice(0, 300));
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1], all[i]];
      expect(Number(a.ts) < Number(b.ts) || (a.ts === b.ts && Number(a.line) < Number(b.line))).toBe(true);
    }
    expect(all[0].cluster).toBe('prod-eu-1');
  });
});
