import { describe, expect, it } from 'vitest';
import { DEFAULT_INTERNAL_CIDRS } from '../net/cidr';
import { ensureAnalysisIndexes } from '../store/analysisIndexes';
import { HOP_IP, investigationCase, type ExpectedEvent } from '../testing/investigationCase';
import { countEvents } from './timeline';
import { ipPage, ipsList } from './ips';

function expectedIp(events: ExpectedEvent[], ip: string) {
  const mine = events.filter((e) => e.ips.includes(ip));
  const api = mine.filter((e) => e.source === 'kube-audit');
  return {
    events: mine.length,
    users: new Set(mine.map((e) => e.user)).size,
    apiCalls: api.length,
    denied: api.filter((e) => e.code === 401 || e.code === 403).length,
    sshOk: mine.filter((e) => e.action === 'ssh_accepted').length,
    sshFail: mine.filter((e) => e.action === 'ssh_failed' || e.action === 'ssh_invalid_user').length,
    first: Math.min(...mine.map((e) => e.ts)),
    last: Math.max(...mine.map((e) => e.ts)),
  };
}

describe('ipsList', () => {
  it('counts each address, proxy hops included, and tells internal from external', async () => {
    const { store, events } = await investigationCase();
    const check = (): void => {
      const rows = ipsList(store.db, {}, DEFAULT_INTERNAL_CIDRS);
      const all = [...new Set(events.flatMap((e) => e.ips))];
      expect(rows.map((r) => r.ip).sort()).toEqual(all.sort());
      for (const row of rows) {
        const { ip, internal, topUsers, externalAuthorized, ...counts } = row;
        expect(counts).toEqual(expectedIp(events, ip));
        expect(internal).toBe(/^(10\.|192\.168\.|172\.16\.)/.test(ip));
        expect(topUsers.length).toBe(Math.min(3, counts.users));
        expect(externalAuthorized).toBe(!internal && counts.apiCalls > counts.denied);
      }
    };
    check();
    ensureAnalysisIndexes(store.db);
    check();
  });

  it('takes the case CIDR list: an address made internal is no longer external', async () => {
    const { store } = await investigationCase();
    const rows = ipsList(store.db, {}, ['203.0.113.0/24']);
    expect(rows.find((r) => r.ip === '203.0.113.77')?.internal).toBe(true);
    expect(rows.find((r) => r.ip === '10.0.1.12')?.internal).toBe(false);
  });
});

describe('ipPage and the src_ip filter', () => {
  it('finds a proxy hop as a source IP, and lists the users and chains behind it', async () => {
    const { store, events } = await investigationCase();
    ensureAnalysisIndexes(store.db);
    const behind = events.filter((e) => e.ips.includes(HOP_IP));
    expect(behind.length).toBeGreaterThan(0);
    expect(countEvents(store.db, { include: { src_ip: [HOP_IP] } })).toBe(behind.length);
    expect(countEvents(store.db, { exclude: { src_ip: [HOP_IP] } })).toBe(events.length - behind.length);
    const page = ipPage(store.db, {}, HOP_IP, DEFAULT_INTERNAL_CIDRS);
    expect(page.ip?.events).toBe(behind.length);
    expect(page.users.reduce((n, u) => n + u.events, 0)).toBe(behind.length);
    expect(page.chains.every((c) => c.chain.length === 2 && c.chain[1] === HOP_IP)).toBe(true);
    expect(page.chains.reduce((n, c) => n + c.events, 0)).toBe(behind.length);
  });
});
