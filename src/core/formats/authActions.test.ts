import { describe, expect, it } from 'vitest';
import { AUTH_ACTIONS, AUTH_RULES, classifyAuthMessage, programKey, stripGroupNames, type AuthClassification } from './authActions';

type Expect = Partial<Omit<AuthClassification, 'details'>> & { details?: Record<string, unknown> | null };

/** program, message as the program wrote it, what it must give (details compared whole). */
const TABLE: [string | null, string, Expect][] = [
  // sshd: accepted, with method and key
  ['sshd', 'Accepted publickey for alice from 10.20.30.40 port 51234 ssh2: RSA SHA256:kQ3rXkq1uR7xw5mS2p0l6XvYdJrk9cQ5Jt0b1Zz8aGc',
    { action: 'ssh_accepted', user: 'alice', srcIp: '10.20.30.40', srcPort: 51234, details: { method: 'publickey', protocol: 'ssh2', key_type: 'RSA', fingerprint: 'SHA256:kQ3rXkq1uR7xw5mS2p0l6XvYdJrk9cQ5Jt0b1Zz8aGc' } }],
  ['sshd', 'Accepted password for fztu from 119.137.62.142 port 49116 ssh2',
    { action: 'ssh_accepted', user: 'fztu', srcIp: '119.137.62.142', srcPort: 49116, details: { method: 'password', protocol: 'ssh2' } }],
  ['sshd-session', 'Accepted publickey for ci from 2001:db8::7 port 40022 ssh2: ED25519-CERT SHA256:Abc ID ci@example (serial 42) CA ED25519 SHA256:Xyz',
    { action: 'ssh_accepted', user: 'ci', srcIp: '2001:db8::7', srcPort: 40022,
      details: { method: 'publickey', protocol: 'ssh2', key_type: 'ED25519-CERT', fingerprint: 'SHA256:Abc', cert_id: 'ci@example', cert_serial: 42, ca_key_type: 'ED25519', ca_fingerprint: 'SHA256:Xyz' } }],
  ['sshd', 'Accepted keyboard-interactive/pam for bob from 10.20.30.41 port 40000 ssh2',
    { action: 'ssh_accepted', user: 'bob', details: { method: 'keyboard-interactive/pam', protocol: 'ssh2' } }],
  // failed
  ['sshd', 'Failed password for root from 1.2.3.4 port 22 ssh2', { action: 'ssh_failed', user: 'root', srcIp: '1.2.3.4', srcPort: 22, details: { method: 'password', protocol: 'ssh2' } }],
  ['sshd', 'Failed password for invalid user admin from 5.6.7.8 port 4444 ssh2',
    { action: 'ssh_failed', user: 'admin', details: { method: 'password', invalid_user: true, protocol: 'ssh2' } }],
  ['sshd', 'Failed none for invalid user  0101 from 5.188.10.180 port 36279 ssh2', { action: 'ssh_failed', user: ' 0101', srcIp: '5.188.10.180' }],
  ['sshd', 'Failed publickey for root from 203.0.113.9 port 41002 ssh2: RSA SHA256:Zm9v',
    { action: 'ssh_failed', details: { method: 'publickey', protocol: 'ssh2', key_type: 'RSA', fingerprint: 'SHA256:Zm9v' } }],
  ['sshd', 'message repeated 3 times: [ Failed password for root from 1.2.3.4 port 22 ssh2]',
    { action: 'ssh_failed', user: 'root', srcIp: '1.2.3.4', srcPort: 22, details: { method: 'password', protocol: 'ssh2', repeat_count: 3 } }],
  // a user name that holds a fake address: sshd writes the real one last
  ['sshd', 'Failed password for invalid user x from 6.6.6.6 port 1 from 7.7.7.7 port 50000 ssh2',
    { action: 'ssh_failed', user: 'x from 6.6.6.6 port 1', srcIp: '7.7.7.7', srcPort: 50000 }],
  ['sshd', 'Failed password for root from attacker.example.net port 2200 ssh2',
    { action: 'ssh_failed', srcIp: null, srcPort: 2200, details: { method: 'password', protocol: 'ssh2', rhost: 'attacker.example.net' } }],
  // invalid user
  ['sshd', 'Invalid user admin from 5.6.7.8 port 4444', { action: 'ssh_invalid_user', user: 'admin', srcIp: '5.6.7.8', srcPort: 4444, details: { invalid_user: true } }],
  ['sshd', 'Invalid user webmaster from 173.234.31.186', { action: 'ssh_invalid_user', user: 'webmaster', srcIp: '173.234.31.186', srcPort: null }],
  ['sshd', 'Invalid user  from 9.9.9.9 port 5555', { action: 'ssh_invalid_user', user: null, srcIp: '9.9.9.9', srcPort: 5555 }],
  // too many attempts
  ['sshd', 'error: maximum authentication attempts exceeded for root from 1.2.3.4 port 22 ssh2 [preauth]',
    { action: 'ssh_max_auth', user: 'root', srcIp: '1.2.3.4', srcPort: 22, details: null }],
  ['sshd', 'error: maximum authentication attempts exceeded for invalid user oracle from 1.2.3.4 port 22 ssh2 [preauth]',
    { action: 'ssh_max_auth', user: 'oracle', details: { invalid_user: true } }],
  ['sshd', 'Disconnecting authenticating user root 1.2.3.4 port 22: Too many authentication failures [preauth]',
    { action: 'ssh_max_auth', user: 'root', srcIp: '1.2.3.4', srcPort: 22 }],
  ['sshd', 'Disconnecting invalid user admin 1.2.3.4 port 22: Too many authentication failures [preauth]',
    { action: 'ssh_max_auth', user: 'admin', details: { invalid_user: true } }],
  ['sshd', 'Disconnecting: Too many authentication failures for root [preauth]', { action: 'ssh_max_auth', user: 'root', srcIp: null }],
  ['sshd', 'Disconnecting: Too many authentication failures [preauth]', { action: 'ssh_max_auth', user: null }],
  // disconnects
  ['sshd', 'Received disconnect from 183.62.140.253: 11: Bye Bye [preauth]',
    { action: 'ssh_disconnect', srcIp: '183.62.140.253', srcPort: null, details: { disconnect_code: 11, disconnect_reason: 'Bye Bye' } }],
  ['sshd', 'Received disconnect from 10.20.30.40 port 51234:11: disconnected by user',
    { action: 'ssh_disconnect', srcIp: '10.20.30.40', srcPort: 51234, details: { disconnect_code: 11, disconnect_reason: 'disconnected by user' } }],
  ['sshd', 'error: Received disconnect from 103.99.0.122: 14: No more user authentication methods available. [preauth]',
    { action: 'ssh_disconnect', srcIp: '103.99.0.122', details: { disconnect_code: 14, disconnect_reason: 'No more user authentication methods available.' } }],
  ['sshd', 'Received disconnect from 2001:db8::1 port 22:11: Bye', { action: 'ssh_disconnect', srcIp: '2001:db8::1', srcPort: 22 }],
  ['sshd', 'Disconnected from user alice 10.20.30.40 port 51234', { action: 'ssh_disconnect', user: 'alice', srcIp: '10.20.30.40', srcPort: 51234, details: null }],
  ['sshd', 'Disconnected from invalid user admin 5.6.7.8 port 4444 [preauth]', { action: 'ssh_disconnect', user: 'admin', details: { invalid_user: true } }],
  ['sshd', 'Disconnected from 5.6.7.8 port 4444 [preauth]', { action: 'ssh_disconnect', user: null, srcIp: '5.6.7.8', srcPort: 4444 }],
  ['sshd', 'Connection closed by 34.1.2.3 [preauth]', { action: 'ssh_disconnect', srcIp: '34.1.2.3', srcPort: null }],
  ['sshd', 'Connection closed by authenticating user root 1.2.3.4 port 22 [preauth]', { action: 'ssh_disconnect', user: 'root', srcIp: '1.2.3.4', srcPort: 22 }],
  ['sshd', 'Connection closed by 1.2.3.4 port 22 something unexpected', { action: 'ssh_disconnect', srcIp: null }],
  // sessions
  ['sshd', 'pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)', { action: 'session_open', user: 'alice', details: { uid: 1000 } }],
  ['sshd', 'pam_unix(sshd:session): session opened for user fztu by (uid=0)', { action: 'session_open', user: 'fztu', details: null }],
  ['sshd(pam_unix)', 'session opened for user test by (uid=509)', { action: 'session_open', user: 'test' }],
  ['sshd', 'pam_unix(sshd:session): session closed for user alice', { action: 'session_close', user: 'alice' }],
  ['sshd(pam_unix)', 'session closed for user test', { action: 'session_close', user: 'test' }],
  // sshd lines that are `other`
  ['sshd', 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.6.7.8  user=root',
    { action: 'other', user: 'root', srcIp: '5.6.7.8', details: { pam_service: 'sshd', tty: 'ssh' } }],
  ['sshd(pam_unix)', 'authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ', { action: 'other', user: null, srcIp: '218.188.2.4' }],
  ['sshd', 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=ec2-1-2-3-4.compute.amazonaws.com',
    { action: 'other', srcIp: null, details: { pam_service: 'sshd', tty: 'ssh', rhost: 'ec2-1-2-3-4.compute.amazonaws.com' } }],
  ['sshd', 'pam_unix(sshd:auth): check pass; user unknown', { action: 'other', user: null, details: null }],
  ['sshd', 'input_userauth_request: invalid user webmaster [preauth]', { action: 'other', user: 'webmaster', details: { invalid_user: true } }],
  ['sshd', 'reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!',
    { action: 'other', srcIp: '173.234.31.186', details: { hostname: 'ns.marryaldkfaczcz.com' } }],
  ['sshd', 'Did not receive identification string from 61.184.241.242', { action: 'other', srcIp: '61.184.241.242' }],
  ['sshd', 'PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=112.95.230.3  user=root',
    { action: 'other', user: 'root', srcIp: '112.95.230.3', details: { failures: 2 } }],
  ['sshd', 'fatal: Write failed: Connection reset by peer [preauth]', { action: 'other', user: null, srcIp: null, details: null }],
  // the same message from another program is not an ssh event
  ['nginx', 'Failed password for root from 1.2.3.4 port 22 ssh2', { action: 'other', user: null }],
  // sudo
  ['sudo', '   alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/kubectl get secrets -A',
    { action: 'sudo_command', user: 'alice', details: { tty: 'pts/0', pwd: '/home/alice', target_user: 'root', command: '/usr/bin/kubectl get secrets -A' } }],
  ['sudo', 'ansible : PWD=/home/ansible ; USER=root ; COMMAND=/bin/sh -c echo BECOME-SUCCESS',
    { action: 'sudo_command', user: 'ansible', details: { pwd: '/home/ansible', target_user: 'root', command: '/bin/sh -c echo BECOME-SUCCESS' } }],
  ['sudo', 'alice : TTY=pts/0 ; PWD=/srv/my dir ; USER=postgres ; GROUP=postgres ; ENV=PGDATA=/x ; COMMAND=/usr/bin/psql',
    { action: 'sudo_command', user: 'alice', details: { tty: 'pts/0', pwd: '/srv/my dir', target_user: 'postgres', target_group: 'postgres', command: '/usr/bin/psql' } }],
  ['sudo', '   alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/bash',
    { action: 'sudo_auth_failure', user: 'alice', details: { reason: '3 incorrect password attempts', attempts: 3, tty: 'pts/0', pwd: '/home/alice', target_user: 'root', command: '/bin/bash' } }],
  ['sudo', '     bob : user NOT in sudoers ; TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/cat /etc/shadow',
    { action: 'sudo_auth_failure', user: 'bob', details: { reason: 'user NOT in sudoers', tty: 'pts/1', pwd: '/home/bob', target_user: 'root', command: '/bin/cat /etc/shadow' } }],
  ['sudo', 'pam_unix(sudo:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=alice',
    { action: 'sudo_auth_failure', user: 'alice', srcIp: null, details: { logname: 'alice', tty: '/dev/pts/0', ruser: 'alice' } }],
  ['sudo', 'pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)',
    { action: 'other', user: 'alice', details: { session: 'opened', target_user: 'root' } }],
  ['sudo', 'pam_unix(sudo:auth): conversation failed', { action: 'other', details: null }],
  // su
  ['su', '(to root) alice on pts/0', { action: 'su', user: 'alice', details: { target_user: 'root', tty: 'pts/0' } }],
  ['su', 'FAILED SU (to root) bob on pts/1', { action: 'su', user: 'bob', details: { failed: true, target_user: 'root', tty: 'pts/1' } }],
  ['su', 'pam_unix(su:session): session opened for user root(uid=0) by alice(uid=1000)', { action: 'su', user: 'alice', details: { session: 'opened', target_user: 'root' } }],
  ['su', 'pam_unix(su-l:session): session closed for user root', { action: 'su', user: null, details: { session: 'closed', target_user: 'root' } }],
  ['su', 'pam_unix(su:auth): authentication failure; logname=bob uid=1001 euid=0 tty=/dev/pts/1 ruser=bob rhost=  user=root',
    { action: 'su', user: 'bob', details: { failed: true, logname: 'bob', tty: '/dev/pts/1', target_user: 'root' } }],
  ['su(pam_unix)', 'session opened for user news by (uid=0)', { action: 'su', user: null, details: { session: 'opened', target_user: 'news' } }],
  ['su(pam_unix)', 'authentication failure; logname= uid=500 euid=0 tty= ruser=rpm rhost=  user=root', { action: 'su', user: 'rpm', details: { failed: true, target_user: 'root' } }],
  ['su', 'Successful su for root by alice', { action: 'su', user: 'alice', details: { target_user: 'root' } }],
  ['su', '+ /dev/pts/0 alice:root', { action: 'su', user: 'alice', details: { tty: '/dev/pts/0', target_user: 'root' } }],
  ['su', "'su root' failed for lonvick on /dev/pts/8", { action: 'su', user: 'lonvick', details: { target_user: 'root', failed: true, tty: '/dev/pts/8' } }],
  ['su', 'pam_authenticate: Authentication failure', { action: 'su', user: null, details: null }],
  // cron, systemd-logind, kernel and others
  ['CRON', '(root) CMD (cd / && run-parts --report /etc/cron.hourly)', { action: 'other', user: 'root', details: { command: 'cd / && run-parts --report /etc/cron.hourly' } }],
  ['CRON', 'pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)', { action: 'other', user: 'root', details: { pam_service: 'cron', session: 'opened' } }],
  ['systemd-logind', 'New session 42 of user alice.', { action: 'other', user: 'alice', details: { session_id: '42' } }],
  ['systemd-logind', 'Removed session 42.', { action: 'other', user: null, details: null }],
  ['kernel', 'Linux agpgart interface v0.100 (c) Dave Jones', { action: 'other', details: null }],
  [null, 'last message repeated 2 times', { action: 'other', details: null }],
  ['login(pam_unix)', 'session opened for user root by LOGIN(uid=0)', { action: 'other', user: null }],
];

describe('classifyAuthMessage', () => {
  it.each(TABLE)('%s: %s', (program, message, expected) => {
    const got = classifyAuthMessage(program, message);
    const { details, ...fields } = expected;
    expect(got).toMatchObject(fields);
    if (details !== undefined) expect(got.details).toEqual(details);
  });

  it('uses exactly the documented action values', () => {
    expect(AUTH_ACTIONS).toEqual([
      'ssh_accepted', 'ssh_failed', 'ssh_invalid_user', 'ssh_max_auth', 'ssh_disconnect',
      'session_open', 'session_close', 'sudo_command', 'sudo_auth_failure', 'su', 'other',
    ]);
    for (const r of AUTH_RULES) expect(AUTH_ACTIONS).toContain(r.action);
  });

  it('reads old pam_unix tags and newer sshd binaries as their program', () => {
    expect(programKey('sshd(pam_unix)')).toBe('sshd');
    expect(programKey('sshd-session')).toBe('sshd');
    expect(programKey('CRON')).toBe('cron');
    expect(programKey(null)).toBe('');
  });

  it('runs the rules with plain numbered groups, named as in the table', () => {
    expect(stripGroupNames(String.raw`^(?<a>x)(?:y)(z)[(?<no>](?<=q)\((?<b>[^\s(]+)`)).toEqual({
      source: String.raw`^(x)(?:y)(z)[(?<no>](?<=q)\(([^\s(]+)`,
      names: ['a', null, 'b'],
    });
  });

  it('stays linear on long hostile messages', () => {
    const long = 'x '.repeat(50_000);
    const started = performance.now();
    for (const msg of [
      `Failed password for ${long} from`, `Invalid user ${long}`, `Disconnected from user ${long}`, `Connection closed by user ${long} port 1 x`,
      `Received disconnect from ${long}`, `  alice : ${long} ; PWD=`, `message repeated 2 times: [ ${long}`,
    ]) {
      classifyAuthMessage('sshd', msg);
      classifyAuthMessage('sudo', msg);
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
