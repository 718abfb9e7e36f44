import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../ingest/importFiles';
import { inputFromBytes } from '../ingest/input';
import { queryNumber, queryObjects } from '../query/sqlRows';
import { newTestCase } from '../testing/helpers';
import { journaldJson } from './journald';
import { kubeAuditJsonLines } from './kubeAudit';
import { detectFormat } from './registry';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const realSample = (name: string): Uint8Array => readFileSync(new URL(`../../../../shared/samples/real/${name}`, import.meta.url));
const firstLines = (bytes: Uint8Array, n = 20): string[] => new TextDecoder().decode(bytes).split('\n').filter((l) => l.trim() !== '').slice(0, n);

type Row = { line: number; ts: number; ts_text: string; node: string; user: string | null; src_ip: string | null; src_port: number | null; action: string; message: string | null; details: string };

describe('journald JSON export fixture', async () => {
  const store = await newTestCase();
  const { files } = await importFiles(store, [inputFromBytes('prod-eu-1/nodes/node-c/journal.json', fixture('journald-auth.json'), null)]);
  const file = files[0];
  const at = (line: number): Row => queryObjects<Row>(store.db, 'SELECT * FROM events WHERE line = ?', [line])[0];

  it('is recognized and fully accounted for', () => {
    expect(file).toMatchObject({ format: 'journald-json', status: 'complete', lines: 12, events: 9, rejected: 2, blank: 1 });
    expect(file.lines).toBe(file.events + file.merged + file.rejected + file.blank);
    expect(queryNumber(store.db, 'SELECT count(DISTINCT line) FROM events')).toBe(file.events);
    const rejects = queryObjects<{ line: number; reason: string }>(store.db, 'SELECT line, reason FROM rejects ORDER BY line');
    expect(rejects.map((r) => r.line)).toEqual([10, 11]);
    expect(rejects[0].reason).toMatch(/without a readable __REALTIME_TIMESTAMP/);
    expect(rejects[1].reason).toMatch(/^invalid JSON/);
  });

  it('classifies MESSAGE with SYSLOG_IDENTIFIER as the program', () => {
    const counts = Object.fromEntries(queryObjects<{ action: string; n: number }>(store.db, 'SELECT action, count(*) AS n FROM events GROUP BY action').map((r) => [r.action, r.n]));
    expect(counts).toEqual({ ssh_invalid_user: 1, ssh_failed: 1, ssh_accepted: 1, session_open: 1, sudo_command: 1, other: 2, su: 1, ssh_disconnect: 1 });
  });

  it('renders __REALTIME_TIMESTAMP in ISO 8601 with µs and takes node from _HOSTNAME', () => {
    expect(at(1)).toMatchObject({
      ts: Date.UTC(2026, 10, 21, 11, 57, 58, 371), ts_text: '2026-11-21T11:57:58.371234Z', node: 'node-c',
      user: 'admin', src_ip: '5.6.7.8', src_port: 4444, action: 'ssh_invalid_user', message: 'Invalid user admin from 5.6.7.8 port 4444',
    });
    expect(JSON.parse(at(1).details)).toEqual({ program: 'sshd', pid: 3001, severity: 6, facility: 4, unit: 'ssh.service', transport: 'syslog', invalid_user: true });
    expect(at(2).ts_text).toBe('2026-11-21T11:58:00.371235Z');
  });

  it('reads the sudo command and a json-seq record', () => {
    expect(at(5)).toMatchObject({ action: 'sudo_command', user: 'alice' });
    expect(JSON.parse(at(5).details)).toMatchObject({ command: '/usr/bin/cat /etc/kubernetes/pki/ca.key', target_user: 'root', facility: 10 });
    expect(at(12)).toMatchObject({ action: 'ssh_disconnect', user: 'alice', src_ip: '10.20.30.40' });
  });

  it('decodes a binary MESSAGE, takes the first of repeated values, and keeps an entry whose MESSAGE is too large', () => {
    expect(at(7)).toMatchObject({ message: 'Error: \uFFFD\uFFFD', action: 'other' });
    expect(JSON.parse(at(7).details)).toMatchObject({ program: 'sshd', message_binary: true });
    expect(at(8)).toMatchObject({ action: 'su', user: 'alice' });
    expect(at(9)).toMatchObject({ message: null, action: 'other' });
    expect(JSON.parse(at(9).details)).toMatchObject({ program: 'kubelet', message_missing: true, transport: 'stdout' });
  });
});

describe('journald sniffing', () => {
  it('does not take Kubernetes audit JSON lines, nor give them up', () => {
    const audit = firstLines(realSample('audit2rbac-demo.log'));
    expect(journaldJson.sniff(audit)).toBe(0);
    expect(detectFormat(audit, audit.join('\n'))?.format.id).toBe('k8s-audit-json');
  });

  it('is not taken by the Kubernetes audit format', () => {
    const journal = firstLines(fixture('journald-auth.json'));
    expect(kubeAuditJsonLines.sniff(journal)).toBe(0);
    expect(detectFormat(journal, journal.join('\n'))?.format.id).toBe('journald-json');
  });

  it('claims nothing of syslog text', () => {
    expect(journaldJson.sniff(firstLines(realSample('loghub-OpenSSH_2k.log')))).toBe(0);
  });
});
