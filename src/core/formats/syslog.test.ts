import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFiles, type ImportOptions } from '../ingest/importFiles';
import { inputFromBytes } from '../ingest/input';
import { queryNumber, queryObjects } from '../query/sqlRows';
import type { CaseStore } from '../store/caseStore';
import { encode, newTestCase } from '../testing/helpers';
import { syslogIso8601, syslogRfc3164, syslogRfc5424 } from './syslog';
import type { ParseContext } from './types';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
/** The shared real samples (see /work/shared/samples/README.md), beside the repository. */
const realSample = (name: string): Uint8Array => readFileSync(new URL(`../../../../shared/samples/real/${name}`, import.meta.url));

async function importOne(path: string, bytes: Uint8Array, mtime: number | null, options: ImportOptions = {}) {
  const store = await newTestCase();
  const summary = await importFiles(store, [inputFromBytes(path, bytes, mtime)], options);
  return { store, file: summary.files[0] };
}

function actionCounts(store: CaseStore): Record<string, number> {
  const rows = queryObjects<{ action: string; n: number }>(store.db, 'SELECT action, count(*) AS n FROM events GROUP BY action');
  return Object.fromEntries(rows.map((r) => [r.action, r.n]));
}

type Row = { line: number; ts: number; ts_text: string; node: string; cluster: string | null; user: string | null; src_ip: string | null; src_ips: string | null; src_port: number | null; action: string; details: string; message: string; format: string };
const eventAt = (store: CaseStore, line: number): Row =>
  queryObjects<Row>(store.db, 'SELECT * FROM events WHERE line = ?', [line])[0];

/** Every line is an event, a reject or a blank, once. */
function expectNothingLost(store: CaseStore, file: { id: number; lines: number; events: number; merged: number; rejected: number; blank: number }): void {
  expect(file.lines).toBe(file.events + file.merged + file.rejected + file.blank);
  const eventLines = queryNumber(store.db, 'SELECT count(DISTINCT line) FROM events WHERE file_id = ?', [file.id]);
  const rejectLines = queryNumber(store.db, 'SELECT count(DISTINCT line) FROM rejects WHERE file_id = ?', [file.id]);
  expect(eventLines).toBe(file.events);
  expect(rejectLines).toBe(file.rejected);
  expect(queryNumber(store.db, 'SELECT count(*) FROM events e JOIN rejects r ON r.file_id = e.file_id AND r.line = e.line')).toBe(0);
}

/** Lines of a text file as the import splits them (LF, an optional CR before it, a last line without LF). */
const textLines = (bytes: Uint8Array): string[] => {
  const lines = new TextDecoder().decode(bytes).split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};
const countMatching = (lines: string[], re: RegExp): number => lines.filter((l) => re.test(l)).length;

describe('syslog RFC 3164 fixture (CRLF, Dec 31 to Jan 1, malformed lines)', async () => {
  const JAN_2 = Date.UTC(2027, 0, 2, 8);
  const { store, file } = await importOne('prod-eu-1/nodes/bastion-1/auth.log', fixture('auth-rfc3164.log'), JAN_2);

  it('is recognized and fully accounted for', () => {
    expect(file.format).toBe('syslog-rfc3164');
    expect(file.status).toBe('complete');
    expect(file).toMatchObject({ lines: 43, events: 39, rejected: 3, blank: 1, merged: 0 });
    expectNothingLost(store, file);
  });

  it('rejects what is not syslog, with a reason, and goes on', () => {
    const rejects = queryObjects<{ line: number; reason: string }>(store.db, 'SELECT line, reason FROM rejects ORDER BY line');
    expect(rejects.map((r) => r.line)).toEqual([37, 39, 42]);
    expect(rejects[0].reason).toMatch(/^not a syslog line/);
    expect(rejects[1].reason).toMatch(/impossible timestamp "Jan 99 00:09:00"/);
  });

  it('gives every action of the table', () => {
    expect(actionCounts(store)).toEqual({
      other: 12, ssh_invalid_user: 2, ssh_failed: 5, ssh_disconnect: 4, ssh_max_auth: 3, ssh_accepted: 2,
      session_open: 1, session_close: 1, sudo_command: 1, sudo_auth_failure: 3, su: 5,
    });
  });

  it('rolls the year over at New Year, from a file dated January 2', () => {
    expect(eventAt(store, 1)).toMatchObject({ ts: Date.UTC(2026, 11, 31, 23, 50, 1), ts_text: 'Dec 31 23:50:01' });
    expect(eventAt(store, 21)).toMatchObject({ ts: Date.UTC(2027, 0, 1, 0, 0, 5), ts_text: 'Jan  1 00:00:05' });
    expect(JSON.parse(eventAt(store, 21).details)).toMatchObject({ year_inferred: 'mtime' });
  });

  it('takes node from the record and cluster from the path, and keeps the whole line', () => {
    expect(eventAt(store, 4)).toMatchObject({
      node: 'bastion-1', cluster: 'prod-eu-1', user: 'admin', src_ip: '5.6.7.8', src_ips: '["5.6.7.8"]', src_port: 4444, action: 'ssh_invalid_user',
      message: 'Dec 31 23:52:10 bastion-1 sshd[30150]: Invalid user admin from 5.6.7.8 port 4444',
    });
  });

  it('keeps the method, key and repeat count', () => {
    expect(JSON.parse(eventAt(store, 14).details)).toEqual({
      program: 'sshd', pid: 30240, year_inferred: 'mtime', method: 'publickey', protocol: 'ssh2', key_type: 'RSA',
      fingerprint: 'SHA256:kQ3rXkq1uR7xw5mS2p0l6XvYdJrk9cQ5Jt0b1Zz8aGc',
    });
    expect(eventAt(store, 10)).toMatchObject({ action: 'ssh_failed', user: 'root', src_ip: '1.2.3.4' });
    expect(JSON.parse(eventAt(store, 10).details)).toMatchObject({ repeat_count: 3, method: 'password' });
    expect(eventAt(store, 36)).toMatchObject({ action: 'ssh_failed', user: 'oracle', src_ip: '2001:db8::42', src_port: 60022 });
  });

  it('reads sudo and su', () => {
    expect(eventAt(store, 17)).toMatchObject({ action: 'sudo_command', user: 'alice' });
    expect(JSON.parse(eventAt(store, 17).details)).toMatchObject({
      target_user: 'root', pwd: '/home/alice', tty: 'pts/0', command: '/usr/bin/kubectl --kubeconfig /etc/kubernetes/admin.conf get secrets -A',
    });
    expect(eventAt(store, 22)).toMatchObject({ action: 'sudo_auth_failure', user: 'alice' });
    expect(JSON.parse(eventAt(store, 22).details)).toMatchObject({ attempts: 3 });
    expect(eventAt(store, 26)).toMatchObject({ action: 'su', user: 'bob' });
    expect(JSON.parse(eventAt(store, 26).details)).toMatchObject({ failed: true, target_user: 'root', pid: 30420 });
  });

  it('uses the user year when set, rolling over still', async () => {
    const { store: s } = await importOne('auth.log', fixture('auth-rfc3164.log'), JAN_2, { year: 2019 });
    expect(eventAt(s, 1).ts).toBe(Date.UTC(2019, 11, 31, 23, 50, 1));
    expect(eventAt(s, 21).ts).toBe(Date.UTC(2020, 0, 1, 0, 0, 5));
    expect(JSON.parse(eventAt(s, 1).details)).not.toHaveProperty('year_inferred');
  });

  it("reads zone-less times in the source's zone", async () => {
    const { store: s } = await importOne('auth.log', fixture('auth-rfc3164.log'), JAN_2, { defaultOffsetMinutes: 120 });
    expect(eventAt(s, 1).ts).toBe(Date.UTC(2026, 11, 31, 21, 50, 1));
  });
});

describe('rsyslog ISO 8601 and RFC 5424 fixtures', () => {
  it('reads high-precision timestamps with their zone, µs kept in ts_text', async () => {
    const { store, file } = await importOne('node-a/secure', fixture('auth-iso8601.log'), null);
    expect(file).toMatchObject({ format: 'syslog-iso8601', lines: 10, events: 9, rejected: 1, blank: 0 });
    expectNothingLost(store, file);
    expect(eventAt(store, 1)).toMatchObject({ ts: Date.UTC(2026, 10, 21, 11, 57, 58, 371), ts_text: '2026-11-21T12:57:58.371234+01:00', action: 'ssh_accepted', user: 'deploy', node: 'node-a' });
    expect(eventAt(store, 7)).toMatchObject({ ts: Date.UTC(2026, 10, 21, 13, 10, 0, 500), user: 'root', action: 'other' });
    expect(actionCounts(store)).toEqual({ ssh_accepted: 1, session_open: 1, sudo_command: 1, ssh_disconnect: 3, session_close: 1, other: 1, ssh_failed: 1 });
  });

  it('reads RFC 5424 with PRI, structured data and BOM', async () => {
    const { store, file } = await importOne('node-b/auth.log', fixture('auth-rfc5424.log'), null);
    expect(file).toMatchObject({ format: 'syslog-rfc5424', lines: 6, events: 5, rejected: 1 });
    expectNothingLost(store, file);
    expect(actionCounts(store)).toEqual({ ssh_invalid_user: 1, ssh_failed: 1, sudo_command: 1, ssh_disconnect: 1, su: 1 });
    expect(JSON.parse(eventAt(store, 2).details)).toMatchObject({ structured_data: '[origin ip="10.0.0.2"][meta sequenceId="12"]', facility: 4, severity: 6 });
    expect(eventAt(store, 4)).toMatchObject({ src_ip: '198.51.100.7', src_port: 33333, ts: Date.UTC(2026, 10, 21, 12, 58, 1) });
    expect(JSON.parse(eventAt(store, 4).details)).toMatchObject({ msgid: 'AUTH' });
    expect(eventAt(store, 5)).toMatchObject({ ts: Date.UTC(2026, 10, 21, 11, 58, 30, 250), user: 'alice' });
  });

  it('reads a line of another syslog layout inside a file, and marks it with its own format', () => {
    // The file date alone would put `Dec  1` in 2029: the ISO line before it says 2026.
    const ctx: ParseContext = { path: 'x', cluster: null, node: null, mtime: Date.UTC(2030, 0, 1), offsetMinutesFor: () => 0, year: null };
    const parser = syslogIso8601.open(ctx);
    const first = parser.parseLine('2026-11-30T23:59:59.000001Z h sshd[1]: Connection closed by 1.2.3.4 port 22 [preauth]');
    const second = parser.parseLine('Dec  1 00:00:00 h sshd[1]: Connection closed by 1.2.3.4 port 23 [preauth]');
    expect(first.kind === 'event' && first.event.format).toBe('syslog-iso8601');
    expect(second.kind === 'event' && [second.event.format, second.event.ts]).toEqual(['syslog-rfc3164', Date.UTC(2026, 11, 1)]);
  });
});

describe('sniffing', () => {
  const sniffAll = (lines: string[]) => ({
    rfc3164: syslogRfc3164.sniff(lines), iso: syslogIso8601.sniff(lines), rfc5424: syslogRfc5424.sniff(lines),
  });

  it('claims nothing of JSON lines or CSV', () => {
    const audit = textLines(realSample('audit2rbac-demo.log')).slice(0, 20);
    expect(sniffAll(audit)).toEqual({ rfc3164: 0, iso: 0, rfc5424: 0 });
    const csv = ['Date,User,Cluster,Namespace,Resource,Method', '2026-11-21T12:57:58Z,alice,prod,default,pods,GET', '"Dec 10 06:55:46",bob,prod,kube-system,secrets,LIST'];
    expect(sniffAll(csv)).toEqual({ rfc3164: 0, iso: 0, rfc5424: 0 });
  });

  it('leaves alone container logs that only share the timestamp layout', () => {
    const cri = ['2026-11-21T12:57:58.371234567Z stdout F I1121 12:57:58.371234       1 server.go:123] started', '2026-11-21T12:57:58.400000000Z stderr P partial'];
    expect(sniffAll(cri)).toEqual({ rfc3164: 0, iso: 0, rfc5424: 0 });
  });

  it('is confident only when most lines are of the layout', () => {
    const syslog = 'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186';
    expect(syslogRfc3164.sniff([syslog, syslog, syslog])).toBeGreaterThanOrEqual(0.85);
    expect(syslogRfc3164.sniff([syslog, 'a', 'b', 'c'])).toBeLessThan(0.5);
  });
});

describe('the real OpenSSH sample (loghub OpenSSH_2k, host LabSZ)', async () => {
  const bytes = realSample('loghub-OpenSSH_2k.log');
  const lines = textLines(bytes);
  const JAN_2027 = Date.UTC(2027, 0, 15);
  const { store, file } = await importOne('labsz/auth.log', bytes, JAN_2027);

  // Expected counts, by plain regexes over the text (each checked against grep -cE on the file):
  const expected = {
    ssh_accepted: countMatching(lines, /\]: Accepted /), // grep -cE ']: Accepted ' → 1
    ssh_failed: countMatching(lines, /\]: (Failed |message repeated \d+ times: \[ Failed )/), // 522 + 2
    ssh_invalid_user: countMatching(lines, /\]: Invalid user /), // 113
    ssh_max_auth: countMatching(lines, /\]: (Disconnecting: Too many authentication failures|error: maximum authentication attempts exceeded)/), // 3
    ssh_disconnect: countMatching(lines, /\]: ((error: )?Received disconnect from|Disconnected from|Connection closed by) /), // 468 + 0 + 34
    session_open: countMatching(lines, /\]: pam_unix\(sshd:session\): session opened/), // 1
    session_close: countMatching(lines, /\]: pam_unix\(sshd:session\): session closed/), // 1
  };

  it('has the counts grep gives', () => {
    expect(lines.length).toBe(2000);
    expect(expected).toEqual({ ssh_accepted: 1, ssh_failed: 524, ssh_invalid_user: 113, ssh_max_auth: 3, ssh_disconnect: 502, session_open: 1, session_close: 1 });
  });

  it('imports every line as one event with the expected actions', () => {
    expect(file).toMatchObject({ format: 'syslog-rfc3164', status: 'complete', lines: 2000, events: 2000, rejected: 0, blank: 0 });
    expectNothingLost(store, file);
    const known = Object.values(expected).reduce((a, b) => a + b, 0);
    expect(actionCounts(store)).toEqual({ ...expected, other: 2000 - known });
  });

  it('puts December entries of a file dated January in the year before', () => {
    const { lo, hi } = queryObjects<{ lo: number; hi: number }>(store.db, 'SELECT min(ts) AS lo, max(ts) AS hi FROM events')[0];
    expect(lo).toBe(Date.UTC(2026, 11, 10, 6, 55, 46));
    expect(hi).toBe(Date.UTC(2026, 11, 10, 11, 4, 45));
    expect(queryNumber(store.db, "SELECT count(*) FROM events WHERE node = 'LabSZ'")).toBe(2000);
  });

  it('rolls over into January when the file goes on past New Year', async () => {
    const more = encode('Jan  1 00:00:03 LabSZ sshd[30001]: Invalid user guest from 5.6.7.8\r\nJan  1 00:00:04 LabSZ sshd[30001]: Connection closed by 5.6.7.8 [preauth]\r\n');
    const joined = new Uint8Array(bytes.length + 2 + more.length);
    joined.set(bytes);
    joined.set(encode('\r\n'), bytes.length);
    joined.set(more, bytes.length + 2);
    const { store: s, file: f } = await importOne('labsz/auth.log', joined, JAN_2027);
    expect(f).toMatchObject({ lines: 2002, events: 2002 });
    expect(eventAt(s, 2000).ts).toBe(Date.UTC(2026, 11, 10, 11, 4, 45));
    expect(eventAt(s, 2001)).toMatchObject({ ts: Date.UTC(2027, 0, 1, 0, 0, 3), action: 'ssh_invalid_user', user: 'guest' });
    expect(eventAt(s, 2002).ts).toBe(Date.UTC(2027, 0, 1, 0, 0, 4));
  });

  it('reads user names as sshd wrote them, a leading space included', () => {
    expect(eventAt(store, 185)).toMatchObject({ action: 'ssh_invalid_user', user: ' 0101', src_ip: '5.188.10.180' });
  });
});

describe('the real Linux sample (loghub Linux_2k, host combo)', async () => {
  const bytes = realSample('loghub-Linux_2k.log');
  const lines = textLines(bytes);
  const { store, file } = await importOne('combo/messages', bytes, Date.UTC(2005, 7, 1));

  // Expected counts, by plain regexes over the text (grep -cE gives the same):
  const expected = {
    session_open: countMatching(lines, / sshd\(pam_unix\)\[\d+\]: session opened for user /), // 36
    session_close: countMatching(lines, / sshd\(pam_unix\)\[\d+\]: session closed for user /), // 36
    su: countMatching(lines, /^\w{3} [ \d]\d [\d:]{8} \S+ su(\(pam_unix\))?(\[\d+\])?: /), // 172
    ssh: countMatching(lines, /sshd.*: (Accepted|Failed|Invalid user) /), // 0: this sample has only sshd's pam_unix lines
  };

  it('has the counts grep gives', () => {
    expect(lines.length).toBe(2000);
    expect(expected).toEqual({ session_open: 36, session_close: 36, su: 172, ssh: 0 });
  });

  it('imports every line, sshd(pam_unix) and su(pam_unix) included', () => {
    expect(file).toMatchObject({ format: 'syslog-rfc3164', status: 'complete', lines: 2000, events: 2000, rejected: 0, blank: 0 });
    expectNothingLost(store, file);
    expect(actionCounts(store)).toEqual({
      session_open: expected.session_open, session_close: expected.session_close, su: expected.su,
      other: 2000 - expected.session_open - expected.session_close - expected.su,
    });
  });

  it('reads the pam_unix fields of the old tag style', () => {
    // Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; ... rhost=218.188.2.4
    expect(eventAt(store, 1)).toMatchObject({ ts: Date.UTC(2005, 5, 14, 15, 16, 1), node: 'combo', src_ip: '218.188.2.4', action: 'other' });
    expect(JSON.parse(eventAt(store, 1).details)).toMatchObject({ program: 'sshd(pam_unix)', pid: 19939 });
    const su = queryObjects<{ n: number }>(store.db, "SELECT count(*) AS n FROM events WHERE action = 'su' AND json_extract(details, '$.target_user') IN ('news', 'cyrus')")[0];
    expect(su.n).toBe(172);
  });

  it("keeps login's `-- root` tag and the kernel's tag-less layout", () => {
    expect(JSON.parse(eventAt(store, 899).details)).toMatchObject({ program: '-- root', pid: 2421 });
    expect(eventAt(store, 2000)).toMatchObject({ action: 'other', node: 'combo' });
  });
});
