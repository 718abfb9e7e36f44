import type { FormatSample } from './types';

// Sample records of journald-json, checked by formatSamples.test.ts (cluster `sample`). The lines
// carry the fields journalctl -o json writes, trimmed of the cursor and boot fields for length.

export const JOURNALD_SAMPLES: readonly FormatSample[] = [
  {
    input: '{"__REALTIME_TIMESTAMP":"1795262278371234","__MONOTONIC_TIMESTAMP":"912345678","_HOSTNAME":"bastion-1","_TRANSPORT":"syslog","PRIORITY":"6","SYSLOG_FACILITY":"4","SYSLOG_IDENTIFIER":"sshd","SYSLOG_PID":"1234","_PID":"1234","_COMM":"sshd","_SYSTEMD_UNIT":"ssh.service","MESSAGE":"Accepted publickey for alice from 10.20.30.40 port 51234 ssh2: ED25519 SHA256:Jq3pLr8dV0cYt2wXk7nB5mF1sH9aG4eU6iO0zQ2xR7s"}',
    expect: {
      ts: Date.UTC(2026, 10, 21, 11, 57, 58, 371), tsText: '2026-11-21T11:57:58.371234Z', source: 'authlog', format: 'journald-json',
      cluster: 'sample', node: 'bastion-1', user: 'alice', srcIp: '10.20.30.40', srcIps: '["10.20.30.40"]', srcPort: 51234, action: 'ssh_accepted',
      message: 'Accepted publickey for alice from 10.20.30.40 port 51234 ssh2: ED25519 SHA256:Jq3pLr8dV0cYt2wXk7nB5mF1sH9aG4eU6iO0zQ2xR7s',
      details: '{"program":"sshd","pid":1234,"severity":6,"facility":4,"unit":"ssh.service","transport":"syslog","method":"publickey","protocol":"ssh2","key_type":"ED25519","fingerprint":"SHA256:Jq3pLr8dV0cYt2wXk7nB5mF1sH9aG4eU6iO0zQ2xR7s"}',
    },
  },
  {
    // A message that is not valid UTF-8 is exported as its bytes: "Invalid user \xff from 5.6.7.8 port 4444".
    input: '{"__REALTIME_TIMESTAMP":"1795262279000001","_HOSTNAME":"bastion-1","SYSLOG_IDENTIFIER":"sshd","_PID":"1240","MESSAGE":[73,110,118,97,108,105,100,32,117,115,101,114,32,255,32,102,114,111,109,32,53,46,54,46,55,46,56,32,112,111,114,116,32,52,52,52,52]}',
    expect: {
      tsText: '2026-11-21T11:57:59.000001Z', user: '\uFFFD', srcIp: '5.6.7.8', srcPort: 4444, action: 'ssh_invalid_user',
      message: 'Invalid user \uFFFD from 5.6.7.8 port 4444',
      details: '{"program":"sshd","pid":1240,"message_binary":true,"invalid_user":true}',
    },
  },
  {
    input: '{"__REALTIME_TIMESTAMP":"1795262280000000","_HOSTNAME":"bastion-1","_COMM":"sudo","_PID":"2001","MESSAGE":"    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/kubectl get secrets -A"}',
    expect: {
      user: 'alice', action: 'sudo_command',
      details: '{"program":"sudo","pid":2001,"tty":"pts/0","pwd":"/home/alice","target_user":"root","command":"/usr/bin/kubectl get secrets -A"}',
    },
  },
  {
    input: '{"__REALTIME_TIMESTAMP":"1795262281000000","_HOSTNAME":"bastion-1","SYSLOG_IDENTIFIER":"systemd-logind","_PID":"612","MESSAGE":"New session 42 of user alice."}',
    expect: { user: 'alice', action: 'other', details: '{"program":"systemd-logind","pid":612,"session_id":"42"}' },
  },
  { input: '{"_HOSTNAME":"bastion-1","MESSAGE":"no time"}', expect: { reject: true } },
  { input: '{"__REALTIME_TIMESTAMP":"17952622', expect: { reject: true } },
];
