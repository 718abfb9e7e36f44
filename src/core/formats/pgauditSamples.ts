import type { FormatSample } from './types';

// Sample lines of pgaudit-postgres-log, checked by formatSamples.test.ts (cluster `sample`, times
// without a known zone read in UTC). Prefixes: `%m [%p] %q%u@%d ` (the Debian default with user
// and database), `%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h `, and RDS's `%t:%r:%u@%d:[%p]:`.

export const PGAUDIT_SAMPLES: readonly FormatSample[] = [
  {
    input: '2026-11-21 12:57:58.371 UTC [1234] app@payments LOG:  AUDIT: SESSION,1,1,READ,SELECT,TABLE,public.accounts,"select * from accounts where id = 42",<not logged>',
    expect: {
      ts: Date.UTC(2026, 10, 21, 12, 57, 58, 371), tsText: '2026-11-21 12:57:58.371 UTC', source: 'db-audit', format: 'pgaudit-postgres-log',
      cluster: 'sample', user: 'app', namespace: 'payments', srcIp: null, verb: 'SELECT', resource: 'TABLE', name: 'public.accounts',
      message: 'select * from accounts where id = 42', action: 'pg READ SELECT',
      details: '{"severity":"LOG","pid":1234,"audit_type":"SESSION","statement_id":1,"substatement_id":1,"class":"READ","parameter":"<not logged>"}',
    },
  },
  {
    // key=value prefix, a CET server, an OBJECT audit entry with log_rows and parameters off
    input: '2026-11-21 13:58:01 CET [2211]: [7-1] user=mallory,db=payments,app=psql,client=198.51.100.23 LOG:  AUDIT: OBJECT,3,1,WRITE,UPDATE,TABLE,public.accounts,"update accounts set balance = balance + 1000000 where id = 7",1,<not logged>',
    expect: {
      ts: Date.UTC(2026, 10, 21, 12, 58, 1), tsText: '2026-11-21 13:58:01 CET', user: 'mallory', namespace: 'payments', userAgent: 'psql',
      srcIp: '198.51.100.23', srcIps: '["198.51.100.23"]', verb: 'UPDATE', name: 'public.accounts', action: 'pg WRITE UPDATE',
      details: '{"severity":"LOG","pid":2211,"session_line":"7-1","audit_type":"OBJECT","statement_id":3,"substatement_id":1,"class":"WRITE","rows":1,"parameter":"<not logged>"}',
    },
  },
  {
    // RDS prefix with host(port); a DDL statement without an object in the same line
    input: '2026-11-21 12:59:10 UTC:10.1.2.3(54321):admin@payments:[3310]:LOG:  AUDIT: SESSION,5,1,ROLE,GRANT,,,GRANT pg_read_all_data TO mallory,<not logged>',
    expect: { user: 'admin', namespace: 'payments', srcIp: '10.1.2.3', srcPort: 54321, verb: 'GRANT', resource: null, name: null, action: 'pg ROLE GRANT', message: 'GRANT pg_read_all_data TO mallory' },
  },
  {
    // a connection line: action other, with what it says about the session
    input: '2026-11-21 12:57:57.902 UTC [1234] [unknown]@[unknown] LOG:  connection received: host=198.51.100.23 port=50412',
    expect: { action: 'other', user: null, namespace: null, srcIp: '198.51.100.23', srcPort: 50412, message: 'connection received: host=198.51.100.23 port=50412' },
  },
  {
    input: '2026-11-21 13:00:00.001 UTC [27] LOG:  checkpoint starting: time',
    expect: { action: 'other', user: null, message: 'checkpoint starting: time', details: '{"severity":"LOG","pid":27}' },
  },
  {
    input: '2026-11-21 13:00:05.210 UTC [2301] mallory@payments FATAL:  password authentication failed for user "mallory"',
    expect: { action: 'other', user: 'mallory', namespace: 'payments', details: '{"severity":"FATAL","pid":2301}' },
  },
  { input: 'Nov 21 12:57:58 db-1 postgres[1234]: something', expect: { reject: true } },
  { input: '2026-11-21 12:57:58.371 UTC [1234] app@payments LOG:  AUDIT: SESSION,1,1,READ', expect: { reject: true } },
];
