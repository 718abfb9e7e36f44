import type { FormatSample } from './types';

// Sample records of the syslog formats, checked by formatSamples.test.ts. They are read with the
// file dated 2026-12-31 (UTC), no year set by the user, zone-less times in UTC, cluster `sample`.

export const RFC3164_SAMPLES: readonly FormatSample[] = [
  {
    input: 'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186',
    expect: {
      ts: Date.UTC(2026, 11, 10, 6, 55, 46), tsText: 'Dec 10 06:55:46', source: 'authlog', format: 'syslog-rfc3164',
      cluster: 'sample', node: 'LabSZ', user: 'webmaster', srcIp: '173.234.31.186', srcIps: '["173.234.31.186"]', srcPort: null,
      action: 'ssh_invalid_user', message: 'Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186',
      details: '{"program":"sshd","pid":24200,"year_inferred":"mtime","invalid_user":true}',
    },
  },
  {
    input: 'Nov  3 09:12:01 bastion-1 sshd[4242]: Accepted publickey for alice from 10.20.30.40 port 51234 ssh2: RSA SHA256:kQ3rXkq1uR7xw5mS2p0l6XvYdJrk9cQ5Jt0b1Zz8aGc',
    expect: {
      ts: Date.UTC(2026, 10, 3, 9, 12, 1), tsText: 'Nov  3 09:12:01', node: 'bastion-1', user: 'alice', srcIp: '10.20.30.40',
      srcPort: 51234, action: 'ssh_accepted',
      details: '{"program":"sshd","pid":4242,"year_inferred":"mtime","method":"publickey","protocol":"ssh2","key_type":"RSA","fingerprint":"SHA256:kQ3rXkq1uR7xw5mS2p0l6XvYdJrk9cQ5Jt0b1Zz8aGc"}',
    },
  },
  {
    input: 'Nov  3 09:13:07 bastion-1 sshd[4250]: message repeated 3 times: [ Failed password for root from 1.2.3.4 port 22 ssh2]',
    expect: {
      user: 'root', srcIp: '1.2.3.4', srcPort: 22, action: 'ssh_failed',
      details: '{"program":"sshd","pid":4250,"year_inferred":"mtime","method":"password","protocol":"ssh2","repeat_count":3}',
    },
  },
  {
    input: 'Jun  9 06:06:20 combo sshd(pam_unix)[19939]: session opened for user test by (uid=509)',
    expect: { ts: Date.UTC(2026, 5, 9, 6, 6, 20), node: 'combo', user: 'test', action: 'session_open', details: '{"program":"sshd(pam_unix)","pid":19939,"year_inferred":"mtime"}' },
  },
  {
    input: 'Nov  3 10:01:44 bastion-1 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/systemctl restart kubelet',
    expect: {
      user: 'alice', action: 'sudo_command',
      details: '{"program":"sudo","year_inferred":"mtime","tty":"pts/0","pwd":"/home/alice","target_user":"root","command":"/usr/bin/systemctl restart kubelet"}',
    },
  },
  {
    input: 'Jul  7 08:06:15 combo su(pam_unix)[2421]: session opened for user news by (uid=0)',
    expect: { user: null, action: 'su', details: '{"program":"su(pam_unix)","pid":2421,"year_inferred":"mtime","session":"opened","target_user":"news"}' },
  },
  {
    input: 'Jul 27 14:42:00 combo kernel: Real Time Clock Driver v1.12',
    expect: { node: 'combo', user: null, srcIp: null, action: 'other', details: '{"program":"kernel","year_inferred":"mtime"}' },
  },
  {
    // RFC 3164's own example, with its PRI (facility 4 auth, severity 2 crit)
    input: "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
    expect: {
      ts: Date.UTC(2026, 9, 11, 22, 14, 15), tsText: 'Oct 11 22:14:15', node: 'mymachine', user: 'lonvick', action: 'su',
      details: '{"program":"su","facility":4,"severity":2,"year_inferred":"mtime","target_user":"root","failed":true,"tty":"/dev/pts/8"}',
    },
  },
  { input: 'this is not a syslog line', expect: { reject: true } },
  { input: 'Dec 32 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186', expect: { reject: true } },
];

export const ISO8601_SAMPLES: readonly FormatSample[] = [
  {
    input: '2026-11-21T12:57:58.371234+01:00 bastion-1 sshd[1234]: Failed password for invalid user admin from 5.6.7.8 port 4444 ssh2',
    expect: {
      ts: Date.UTC(2026, 10, 21, 11, 57, 58, 371), tsText: '2026-11-21T12:57:58.371234+01:00', source: 'authlog', format: 'syslog-iso8601',
      cluster: 'sample', node: 'bastion-1', user: 'admin', srcIp: '5.6.7.8', srcIps: '["5.6.7.8"]', srcPort: 4444, action: 'ssh_failed',
      details: '{"program":"sshd","pid":1234,"method":"password","invalid_user":true,"protocol":"ssh2"}',
    },
  },
  {
    input: '2026-11-21T12:58:03.000001 bastion-1 sudo: pam_unix(sudo:auth): authentication failure; logname=alice uid=1000 euid=0 tty=/dev/pts/0 ruser=alice rhost=  user=alice',
    expect: {
      ts: Date.UTC(2026, 10, 21, 12, 58, 3, 0), tsText: '2026-11-21T12:58:03.000001', user: 'alice', srcIp: null, action: 'sudo_auth_failure',
      details: '{"program":"sudo","logname":"alice","tty":"/dev/pts/0","ruser":"alice"}',
    },
  },
  { input: 'Nov 21 12:58:03 bastion-1 sshd[1234]: Connection closed by 5.6.7.8 port 4444 [preauth]', expect: { format: 'syslog-rfc3164', action: 'ssh_disconnect', srcPort: 4444 } },
  { input: '{"kind":"Event","apiVersion":"audit.k8s.io/v1"}', expect: { reject: true } },
];

export const RFC5424_SAMPLES: readonly FormatSample[] = [
  {
    input: '<38>1 2026-11-21T12:57:58.371Z bastion-1 sshd 1234 - - Disconnecting authenticating user root 1.2.3.4 port 22: Too many authentication failures [preauth]',
    expect: {
      ts: Date.UTC(2026, 10, 21, 12, 57, 58, 371), tsText: '2026-11-21T12:57:58.371Z', source: 'authlog', format: 'syslog-rfc5424',
      node: 'bastion-1', user: 'root', srcIp: '1.2.3.4', srcPort: 22, action: 'ssh_max_auth',
      details: '{"program":"sshd","pid":1234,"facility":4,"severity":6}',
    },
  },
  {
    input: '<85>1 2026-11-21T13:00:00.5+01:00 bastion-1 sudo - - [meta sequenceId="7"] alice : 3 incorrect password attempts ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/bash',
    expect: {
      ts: Date.UTC(2026, 10, 21, 12, 0, 0, 500), user: 'alice', action: 'sudo_auth_failure',
      details: '{"program":"sudo","facility":10,"severity":5,"structured_data":"[meta sequenceId=\\"7\\"]","reason":"3 incorrect password attempts","attempts":3,"tty":"pts/0","pwd":"/home/alice","target_user":"root","command":"/bin/bash"}',
    },
  },
  {
    input: '1 2026-11-21T13:01:00Z - su 777 - - (to root) alice on pts/1',
    expect: { node: null, user: 'alice', action: 'su', details: '{"program":"su","pid":777,"target_user":"root","tty":"pts/1"}' },
  },
  { input: '<38>1 - bastion-1 sshd 1234 - - no time', expect: { reject: true } },
];
