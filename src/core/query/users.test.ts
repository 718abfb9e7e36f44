import { describe, expect, it } from 'vitest';
import { ensureAnalysisIndexes } from '../store/analysisIndexes';
import { analysedInvestigationCase, countBy, investigationCase, PLAIN_HAS_IP, type ExpectedEvent } from '../testing/investigationCase';
import type { EventFilter } from './filter';
import { identityKind } from './identityKind';
import { queryRows } from './sqlRows';
import { summarySource, ACTOR_SUMMARY } from './summaries';
import { userPage, usersList } from './users';

const WRITES = ['create', 'update', 'patch'];
const DELETES = ['delete', 'deletecollection'];

function expectedUser(events: ExpectedEvent[], user: string) {
  const mine = events.filter((e) => e.user === user);
  return {
    user,
    kind: identityKind(user, mine.every((e) => e.source === 'authlog')),
    events: mine.length,
    first: Math.min(...mine.map((e) => e.ts)),
    last: Math.max(...mine.map((e) => e.ts)),
    writes: mine.filter((e) => WRITES.includes(e.verb ?? '')).length,
    deletes: mine.filter((e) => DELETES.includes(e.verb ?? '')).length,
    denied: mine.filter((e) => e.code === 401 || e.code === 403).length,
    ips: new Set(mine.flatMap((e) => e.ips)).size,
    clusters: new Set(mine.map((e) => e.cluster)).size,
    sshOk: mine.filter((e) => e.action === 'ssh_accepted').length,
    sshFail: mine.filter((e) => ['ssh_failed', 'ssh_invalid_user'].includes(e.action ?? '')).length,
  };
}

describe('usersList', () => {
  it('answers filters the actor summary cannot express from the fact summary, as the lines say and as live grouping does', async () => {
    const { store, events } = await investigationCase();
    const namespace = events.find((e) => e.namespace)?.namespace ?? null;
    const cases: [EventFilter, (e: ExpectedEvent) => boolean][] = [
      [{ exclude: { status_class: ['denied'] } }, (e) => e.code !== 401 && e.code !== 403],
      [{ include: { verb: ['get', 'list'] } }, (e) => e.verb === 'get' || e.verb === 'list'],
      [{ exclude: { namespace: [namespace ?? ''] }, include: { source: ['kube-audit'] } }, (e) => e.namespace !== namespace && e.source === 'kube-audit'],
    ];
    const live = cases.map(([filter]) => usersList(store.db, filter));
    ensureAnalysisIndexes(store.db);
    cases.forEach(([filter, keep], i) => {
      expect(summarySource(store.db, ACTOR_SUMMARY, filter).stored).toBe(true);
      const mine = events.filter(keep);
      const expected = [...new Set(mine.map((e) => e.user))].map((u) => ({ ...expectedUser(mine, u), kind: expect.any(String) }));
      expected.sort((a, b) => b.events - a.events || a.user.localeCompare(b.user));
      expect(usersList(store.db, filter)).toEqual(expected);
      expect(usersList(store.db, filter)).toEqual(live[i]);
    });
  });

  it('counts every identity as the lines say, live and from the summary alike', async () => {
    const { store, events } = await investigationCase();
    const users = [...new Set(events.map((e) => e.user))];
    const expected = users.map((u) => expectedUser(events, u)).sort((a, b) => b.events - a.events || a.user.localeCompare(b.user));
    const live = usersList(store.db, {});
    expect(summarySource(store.db, ACTOR_SUMMARY, {}).stored).toBe(false);
    expect(live).toEqual(expected);
    ensureAnalysisIndexes(store.db);
    expect(summarySource(store.db, ACTOR_SUMMARY, {}).stored).toBe(true);
    expect(usersList(store.db, {})).toEqual(expected);
    expect(live.find((u) => u.user === 'root')?.kind).toBe('host account');
    expect(live.find((u) => u.user === 'system:serviceaccount:ci:deployer')?.kind).toBe('service account');
  });

  it('counts only the events under the filter', async () => {
    const { store, events } = await investigationCase();
    ensureAnalysisIndexes(store.db);
    const from = Date.UTC(2026, 10, 20, 2);
    const to = Date.UTC(2026, 10, 20, 5);
    const inRange = events.filter((e) => e.ts >= from && e.ts < to && e.cluster === 'staging-us-2');
    const rows = usersList(store.db, { from, to, include: { cluster: ['staging-us-2'] } });
    expect(Object.fromEntries(rows.map((r) => [r.user, r.events]))).toEqual(countBy(inRange, (e) => e.user));
  });
});

describe('userPage', () => {
  it('shows the heatmap, verbs, IPs with the new ones marked, and the SSH logins under the same name', async () => {
    const { store, events } = await investigationCase();
    ensureAnalysisIndexes(store.db);
    const user = 'alice@example.com';
    const mine = events.filter((e) => e.user === user);
    const page = userPage(store.db, {}, user);
    expect(page.user).toEqual(expectedUser(events, user));
    const cells = countBy(mine, (e) => `${Math.floor(e.ts / 86_400_000)}:${new Date(e.ts).getUTCHours()}`);
    expect(Object.fromEntries(page.heatmap.map((c) => [`${c.day}:${c.hour}`, c.events]))).toEqual(cells);
    expect(Object.fromEntries(page.verbs.map((v) => [v.value, v.events]))).toEqual(countBy(mine, (e) => e.verb));
    // The baseline is the user's first day: this case spans one day, so no IP is new.
    const ips = countBy(mine.flatMap((e) => e.ips.map((ip) => ({ ip }))), (x) => x.ip);
    expect(Object.fromEntries(page.ips.map((r) => [r.ip, r.events]))).toEqual(ips);
    expect(page.ips.every((r) => !r.isNew)).toBe(true);
    expect(page.sshLogins.map((l) => [l.user, l.srcIp, l.action])).toEqual([['alice', '203.0.113.77', 'ssh_accepted']]);
  });

  it('marks an IP first used inside the filtered window as new', async () => {
    const { store, events } = await investigationCase();
    ensureAnalysisIndexes(store.db);
    const user = 'alice@example.com';
    const mine = events.filter((e) => e.user === user).sort((a, b) => a.ts - b.ts);
    const firstUse = new Map<string, number>();
    for (const e of mine) for (const ip of e.ips) if (!firstUse.has(ip)) firstUse.set(ip, e.ts);
    // From just after the hop address was first used: the others were first used before.
    const from = Math.max(...firstUse.values());
    const page = userPage(store.db, { from }, user);
    const fresh = page.ips.filter((r) => r.isNew).map((r) => r.ip);
    expect(fresh).toEqual([...firstUse].filter(([, ts]) => ts >= from).map(([ip]) => ip));
    expect(fresh.length).toBe(1);
  });

  it.each([
    ['half the case', (h: { from: number; to: number }): EventFilter => h, (h: { from: number; to: number }) => `ts >= ${h.from} AND ts < ${h.to}`],
    ['free text', (): EventFilter => ({ text: 'pods' }), () => `events.id IN (SELECT docid FROM event_fts WHERE event_fts MATCH '"pods"')`],
    ['-namespace (fact summary)', (): EventFilter => ({ exclude: { namespace: ['kube-system'] } }), () => "namespace IS NOT 'kube-system'"],
    ['+name, -busy ip, half', (h: { from: number; to: number }): EventFilter => ({ ...h, include: { name: ['secret-12'] }, exclude: { src_ip: ['10.0.1.12'] } }),
      (h: { from: number; to: number }) => `ts >= ${h.from} AND ts < ${h.to} AND name = 'secret-12' AND NOT ${PLAIN_HAS_IP.replaceAll('?', "'10.0.1.12'")}`],
  ])('answers a filter the stored summaries cannot, as plain SQL over the events view does: %s', async (_, filterOf, whereOf) => {
    const { store, half } = await analysedInvestigationCase();
    const db = store.db;
    const filter = filterOf(half);
    for (const user of ['alice@example.com', 'carol@example.com']) {
      const where = `user = '${user}' AND ${whereOf(half)}`;
      const page = userPage(db, filter, user);
      const [events, first, last, denied] = queryRows(db, `SELECT count(*), min(ts), max(ts), sum(status_code IN (401, 403)) FROM events WHERE ${where}`).rows[0];
      if (!events) {
        expect(page.user).toBeNull();
        continue;
      }
      expect(page.user).toMatchObject({ user, events, first, last, denied });
      const counts = (column: string): Record<string, number> =>
        Object.fromEntries(queryRows(db, `SELECT ${column}, count(*) FROM events WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12`).rows.map(([k, n]) => [String(k), Number(n)]));
      expect(Object.fromEntries(page.verbs.map((v) => [String(v.value), v.events]))).toEqual(counts('verb'));
      expect(Object.fromEntries(page.resources.map((v) => [String(v.value), v.events]))).toEqual(counts('resource'));
      expect(Object.fromEntries(page.clusters.map((v) => [String(v.value), v.events]))).toEqual(counts('cluster'));
      const ips = queryRows(db, `SELECT j.value, count(*) FROM events, json_each(CASE WHEN json_valid(src_ips) THEN src_ips ELSE json_array(src_ip) END) j WHERE ${where} GROUP BY 1`).rows;
      expect(Object.fromEntries(page.ips.map((r) => [r.ip, r.events]))).toEqual(Object.fromEntries(ips));
    }
  });
});
