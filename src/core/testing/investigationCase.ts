import { importFiles } from '../ingest/importFiles';
import { inputFromBytes } from '../ingest/input';
import { queryRows } from '../query/sqlRows';
import { ensureAnalysisIndexes } from '../store/analysisIndexes';
import type { CaseStore } from '../store/caseStore';
import { generateAuditLines } from '../synth/auditGenerator';
import { encode, newTestCase } from './helpers';

/** An event as the tests expect it, computed from the lines written, not from the store. */
export interface ExpectedEvent {
  ts: number;
  source: 'kube-audit' | 'authlog';
  cluster: string;
  node: string | null;
  user: string;
  ips: string[];
  verb: string | null;
  resource: string | null;
  namespace: string | null;
  code: number | null;
  action: string | null;
}

export const HOP_IP = '198.51.100.9';
export const GAP_HOUR = Date.UTC(2026, 10, 20, 2);
const H = 3_600_000;

/** SSH on node wk-1 of prod-eu-1: alice logs in from outside, and someone tries root and admin. */
const AUTH_LINES: [string, string, string, string][] = [
  // [time, message, action, user]
  ['2026-11-20T06:10:00.000000+00:00', 'Accepted publickey for alice from 203.0.113.77 port 50022 ssh2: ED25519 SHA256:Jq3pLr8dV0cYt2wXk7nB5mF1sH9aG4eU6iO0zQ2xR7s', 'ssh_accepted', 'alice'],
  ['2026-11-20T06:20:00.000000+00:00', 'Failed password for root from 198.51.100.20 port 40000 ssh2', 'ssh_failed', 'root'],
  ['2026-11-20T06:20:05.000000+00:00', 'Failed password for root from 198.51.100.20 port 40001 ssh2', 'ssh_failed', 'root'],
  ['2026-11-20T06:20:09.000000+00:00', 'Invalid user admin from 198.51.100.20 port 40002', 'ssh_invalid_user', 'admin'],
];

function auditFile(cluster: string, seed: number, start: number, lines: number, expected: Map<string, ExpectedEvent>): string {
  const out: string[] = [];
  for (const line of generateAuditLines({ seed, lines, start, meanGapMs: 15_000 })) {
    const e = JSON.parse(line);
    const ts = Math.floor(Date.parse(e.requestReceivedTimestamp));
    // One hour of the first cluster is missing, as when a rotation was lost.
    if (cluster === 'prod-eu-1' && ts >= GAP_HOUR && ts < GAP_HOUR + H) continue;
    // Some requests came through a proxy: a second source IP.
    if (e.auditID.endsWith('0') || e.auditID.endsWith('1')) e.sourceIPs = [e.sourceIPs[0], HOP_IP];
    expected.set(e.auditID, {
      ts, source: 'kube-audit', cluster, node: null, user: e.user.username, ips: e.sourceIPs, verb: e.verb, resource: e.objectRef.resource,
      namespace: e.objectRef.namespace, code: e.responseStatus?.code ?? null, action: null,
    });
    out.push(JSON.stringify(e));
  }
  return out.join('\n') + '\n';
}

/** A case of two clusters' audit logs (with proxy hops and a missing hour) and one node's SSH log. */
export async function investigationCase(): Promise<{ store: CaseStore; events: ExpectedEvent[] }> {
  const expected = new Map<string, ExpectedEvent>();
  const start = Date.UTC(2026, 10, 20);
  const prod = auditFile('prod-eu-1', 31, start, 1500, expected);
  const staging = auditFile('staging-us-2', 32, start + 2 * H, 900, expected);
  const auth = AUTH_LINES.map(([time, message]) => `${time} wk-1 sshd[4242]: ${message}`).join('\n') + '\n';
  const events = [...expected.values()];
  for (const [time, message, action, user] of AUTH_LINES) {
    const ip = /from (\S+)/.exec(message)?.[1] as string;
    events.push({ ts: Date.parse(time), source: 'authlog', cluster: 'prod-eu-1', node: 'wk-1', user, ips: [ip], verb: null, resource: null, namespace: null, code: null, action });
  }
  const store = await newTestCase();
  await importFiles(store, [
    inputFromBytes('prod-eu-1/kube-apiserver/audit.log', encode(prod)),
    inputFromBytes('staging-us-2/kube-apiserver/audit.log', encode(staging)),
    inputFromBytes('prod-eu-1/nodes/wk-1/auth.log', encode(auth)),
  ]);
  return { store, events };
}

/** A source IP filter in plain SQL over the events view (two parameters: the address twice), for reference answers. */
export const PLAIN_HAS_IP = "(src_ip = ? OR EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(src_ips) THEN src_ips ELSE '[]' END) j WHERE j.value = ?))";

/** The case with its analysis indexes built, and the middle half of its span (off minute edges, as the filter matrix cuts it). */
export async function analysedInvestigationCase(): Promise<{ store: CaseStore; events: ExpectedEvent[]; half: { from: number; to: number } }> {
  const { store, events } = await investigationCase();
  ensureAnalysisIndexes(store.db);
  const [min, max] = queryRows(store.db, 'SELECT min(ts), max(ts) FROM events').rows[0].map(Number);
  const quarter = Math.floor((max - min) / 4);
  return { store, events, half: { from: min + quarter + 12_345, to: max - quarter } };
}

/** Counts of `key` over events, as a plain object. */
export function countBy<T>(items: readonly T[], key: (item: T) => string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    if (k !== null) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
