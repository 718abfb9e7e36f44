import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { queryObjects } from '../query/sqlRows';
import { importFixtureBytes } from './fixtureImport';
import { pgauditPostgresLog } from './pgaudit';
import { detectFormat } from './registry';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const realSample = (name: string): Uint8Array => readFileSync(new URL(`../../../../shared/samples/real/${name}`, import.meta.url));
const firstLines = (bytes: Uint8Array): string[] => new TextDecoder().decode(bytes).split('\n').filter((l) => l.trim() !== '').slice(0, 20);

/** Imports ./fixtures/<name> as `path` and checks that every line is an event, a merge, a reject or a blank, once. */
async function importFixture(path: string, name: string) {
  const imported = await importFixtureBytes(path, fixture(name));
  const { file, storedLines } = imported;
  expect(file.lines).toBe(file.events + file.merged + file.rejected + file.blank);
  expect(storedLines).toEqual({ events: file.events, rejects: file.rejected });
  return imported;
}

describe('PostgreSQL log with pgaudit (%m [%p] %q%u@%d)', async () => {
  const { store, file, at, rejects } = await importFixture('db-prod/log/postgresql-2026-11-21.log', 'postgres-pgaudit.log');

  it('is recognized and every line accounted for', () => {
    expect(file).toMatchObject({ format: 'pgaudit-postgres-log', status: 'complete', lines: 15, events: 13, blank: 1, rejected: 1 });
    expect(rejects()).toEqual([{ line: 14, reason: expect.stringMatching(/^not a PostgreSQL log line/) }]);
  });

  it('reads audit class, command, object and statement, with the session from the prefix', () => {
    expect(at(4)).toMatchObject({
      source: 'db-audit', format: 'pgaudit-postgres-log', cluster: 'db-prod', ts: Date.UTC(2026, 10, 21, 12, 57, 58, 371), ts_text: '2026-11-21 12:57:58.371 UTC',
      user: 'mallory', namespace: 'payments', verb: 'SELECT', resource: 'TABLE', name: 'public.accounts', action: 'pg READ SELECT',
      message: 'select * from accounts where balance > 100000',
    });
    expect(JSON.parse(at(4).details as string)).toEqual({ severity: 'LOG', pid: 1234, audit_type: 'SESSION', statement_id: 1, substatement_id: 1, class: 'READ', parameter: '<not logged>' });
    expect(at(12)).toMatchObject({ verb: 'CREATE FUNCTION', resource: 'FUNCTION', name: 'public.exfil(text)', action: 'pg DDL CREATE FUNCTION' });
    expect(at(13)).toMatchObject({ verb: 'GRANT', resource: null, name: null, action: 'pg ROLE GRANT', message: 'GRANT pg_read_server_files TO mallory' });
  });

  it('keeps a statement over several lines: its first line flagged, the tab-led lines as continuations', () => {
    expect(at(5)).toMatchObject({ action: 'pg READ SELECT', message: 'select id,' });
    expect(JSON.parse(at(5).details as string)).toMatchObject({ statement_id: 2, statement_continues: true });
    expect(at(6)).toMatchObject({ action: 'other', user: 'mallory', namespace: 'payments', ts: at(5).ts, message: '       balance' });
    expect(JSON.parse(at(7).details as string)).toMatchObject({ continuation: true, pid: 1234 });
  });

  it('makes the other lines events with action other, with what they say about the session', () => {
    const actions = queryObjects<{ action: string; n: number }>(store.db, 'SELECT action, count(*) AS n FROM events GROUP BY action ORDER BY action');
    expect(actions).toEqual([
      { action: 'other', n: 8 },
      { action: 'pg DDL CREATE FUNCTION', n: 1 },
      { action: 'pg READ SELECT', n: 2 },
      { action: 'pg ROLE GRANT', n: 1 },
      { action: 'pg WRITE UPDATE', n: 1 },
    ]);
    expect(at(2)).toMatchObject({ action: 'other', user: null, src_ip: '198.51.100.23', src_port: 50412 });
    expect(at(3)).toMatchObject({ user: 'mallory', namespace: 'payments', user_agent: 'psql' });
    expect(at(10)).toMatchObject({ action: 'other', message: 'permission denied for table audit_trail' });
    expect(JSON.parse(at(10).details as string)).toMatchObject({ severity: 'ERROR' });
    expect(at(15)).toMatchObject({ src_ip: '198.51.100.23', src_port: 50412, user: 'mallory' });
  });
});

describe('PostgreSQL log with pgaudit (%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h), zone CET', async () => {
  const { file, at } = await importFixture('db-prod/pg-kv.log', 'postgres-pgaudit-kv.log');

  it('reads the key=value prefix and the zone abbreviation', () => {
    expect(file).toMatchObject({ format: 'pgaudit-postgres-log', lines: 4, events: 4, rejected: 0 });
    expect(at(3)).toMatchObject({
      ts: Date.UTC(2026, 10, 21, 12, 58, 5), ts_text: '2026-11-21 13:58:05 CET', user: 'app', namespace: 'payments', user_agent: 'payments-api',
      src_ip: '10.1.2.3', verb: 'SELECT', name: 'public.cards', action: 'pg READ SELECT', message: 'SELECT pan, cvv FROM cards WHERE customer_id = $1',
    });
    expect(JSON.parse(at(3).details as string)).toEqual({
      severity: 'LOG', pid: 2212, session_line: '3-1', audit_type: 'OBJECT', statement_id: 12, substatement_id: 1, class: 'READ', rows: 100, parameter: '<not logged>',
    });
    expect(at(2)).toMatchObject({ action: 'other', user: 'app', user_agent: null, src_ip: '198.51.100.23' });
    expect(JSON.parse(at(4).details as string)).toMatchObject({ parameter: '<none>' });
  });
});

describe('pgaudit sniffing', () => {
  it('takes its own fixtures and leaves syslog and audit JSON alone', () => {
    const pg = firstLines(fixture('postgres-pgaudit.log'));
    expect(detectFormat(pg, pg.join('\n'))?.format.id).toBe('pgaudit-postgres-log');
    expect(pgauditPostgresLog.sniff(firstLines(realSample('loghub-Linux_2k.log')))).toBe(0);
    expect(pgauditPostgresLog.sniff(firstLines(realSample('audit2rbac-demo.log')))).toBe(0);
  });
});
