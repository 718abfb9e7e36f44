import { describe, expect, it } from 'vitest';
import { ensureAnalysisIndexes } from '../store/analysisIndexes';
import { countBy, GAP_HOUR, investigationCase } from '../testing/investigationCase';
import { clustersOverview } from './clusters';
import { hourGaps } from './coverage';
import type { EventFilter } from './filter';
import { queryRows } from './sqlRows';

const H = 3_600_000;

describe('clustersOverview', () => {
  it('gives per-cluster counts, rates, charts that add up, SSH nodes, and the missing hour', async () => {
    const { store, events } = await investigationCase();
    ensureAnalysisIndexes(store.db);
    const o = clustersOverview(store.db, {});
    const perCluster = countBy(events, (e) => e.cluster);
    expect(Object.fromEntries(o.clusters.map((c) => [c.cluster, c.events]))).toEqual(perCluster);
    for (const c of o.clusters) {
      const mine = events.filter((e) => e.cluster === c.cluster);
      expect(c.denied).toBe(mine.filter((e) => e.code === 401 || e.code === 403).length);
      expect(c.failed).toBe(mine.filter((e) => (e.code ?? 0) >= 400 && e.code !== 401 && e.code !== 403).length);
      const users = Object.entries(countBy(mine, (e) => e.user)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      expect(c.topUsers.map((u) => [u.value, u.events])).toEqual(users.slice(0, 5));
      const series = o.series?.series.find((s) => s.cluster === c.cluster);
      expect(series?.counts.reduce((a, b) => a + b, 0)).toBe(c.events);
    }
    expect(o.sshNodes).toEqual([expect.objectContaining({ cluster: 'prod-eu-1', node: 'wk-1', events: 4, sshOk: 1, sshFail: 3, users: 3 })]);
    const prodAudit = o.coverage.find((l) => l.cluster === 'prod-eu-1' && l.source === 'kube-audit');
    expect(prodAudit?.gaps).toEqual([{ from: GAP_HOUR, to: GAP_HOUR + H }]);
    expect(prodAudit?.events).toBe(events.filter((e) => e.cluster === 'prod-eu-1' && e.source === 'kube-audit').length);
    expect(o.coverage.find((l) => l.cluster === 'staging-us-2')?.gaps).toEqual([]);
    expect(o.coverage.find((l) => l.source === 'authlog')).toMatchObject({ node: 'wk-1', hours: [Date.UTC(2026, 10, 20, 6)], gaps: [] });
  });

  it('gives the same overview from one live grouping as from the stored summaries', async () => {
    const { store } = await investigationCase();
    const live = clustersOverview(store.db, {});
    ensureAnalysisIndexes(store.db);
    expect(clustersOverview(store.db, {})).toEqual(live);
  });

  it('answers the same under a filter the summaries cannot express (live)', async () => {
    const { store, events } = await investigationCase();
    ensureAnalysisIndexes(store.db);
    const o = clustersOverview(store.db, { include: { status_class: ['denied'] } });
    const denied = events.filter((e) => e.code === 401 || e.code === 403);
    expect(Object.fromEntries(o.clusters.map((c) => [c.cluster, c.events]))).toEqual(countBy(denied, (e) => e.cluster));
  });

  it('draws each cluster\'s series from the events as plain SQL counts them, under filters the rollup cannot express', async () => {
    const { store, events } = await investigationCase();
    ensureAnalysisIndexes(store.db);
    const user = events[0].user;
    const cases: [EventFilter, string][] = [[{ exclude: { user: [user] } }, 'user IS NOT ?'], [{ include: { user: [user] } }, 'user = ?']];
    for (const [filter, where] of cases) {
      const series = clustersOverview(store.db, filter).series;
      if (!series) throw new Error('no series');
      const drawn = new Map<string, number>();
      for (const s of series.series) s.counts.forEach((n, b) => n && drawn.set(`${b}:${s.cluster}`, n));
      const expected = new Map<string, number>();
      const sql = `SELECT CAST((ts - ?) / ? AS INTEGER), cluster, count(*) FROM events WHERE ${where} GROUP BY 1, 2`;
      for (const [b, cluster, n] of queryRows(store.db, sql, [series.start, series.bucketMs, user]).rows) expected.set(`${String(b)}:${String(cluster)}`, Number(n));
      expect(drawn).toEqual(expected);
    }
  });

  it('finds runs of silent hours', () => {
    expect(hourGaps([1, 2, 5, 6, 8])).toEqual([{ from: 3 * H, to: 5 * H }, { from: 7 * H, to: 8 * H }]);
    expect(hourGaps([4])).toEqual([]);
  });
});
