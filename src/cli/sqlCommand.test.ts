import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, hasSqlite3, makeTempDir, REAL_SAMPLE, runInProcess, sqlite3 } from './cliTestHarness';

const temp = makeTempDir();
const hostileCase = join(temp.dir, 'hostile.sqlite');
const realCase = join(temp.dir, 'real.sqlite');
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  expect((await runInProcess(['import', join(FIXTURES, 'audit-malformed-hostile.log'), '--case', hostileCase])).code).toBe(1);
  expect((await runInProcess(['import', REAL_SAMPLE, '--case', realCase])).code).toBe(0);
});
afterAll(() => temp.cleanup());

describe('trailhound sql --json', () => {
  it('keeps SQL types and the query column order, integer-like names included', async () => {
    const run = await runInProcess(['sql', realCase, `SELECT 'x' AS b, 2 AS "1", NULL AS a, 1.5 AS r, x'00ff' AS blob`, '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('[\n{"b":"x","1":2,"a":null,"r":1.5,"blob":"00ff"}\n]\n');
    expect(run.stderr).toBe('');
  });

  it('prints one object per event of the real sample', async () => {
    const run = await runInProcess(['sql', realCase, 'SELECT id, ts, user, status_code, subresource FROM events ORDER BY id', '--json']);
    const rows = JSON.parse(run.stdout);
    expect(rows).toHaveLength(37);
    expect(Object.keys(rows[0])).toEqual(['id', 'ts', 'user', 'status_code', 'subresource']);
    expect(typeof rows[0].ts).toBe('number');
    expect(typeof rows[0].status_code).toBe('number');
    expect(rows[0].subresource).toBeNull();
  });

  it('keeps repeated column names apart', async () => {
    const run = await runInProcess(['sql', realCase, 'SELECT 1 AS id, 2 AS id, 3 AS id_2', '--json']);
    expect(run.stdout).toBe('[\n{"id":1,"id_3":2,"id_2":3}\n]\n');
  });

  it('prints [] for no rows', async () => {
    expect((await runInProcess(['sql', realCase, 'SELECT id FROM events WHERE 0', '--json'])).stdout).toBe('[]\n');
  });
});

describe('trailhound sql --csv', () => {
  it('writes a header row and neutralizes a formula planted in a log field', async () => {
    const run = await runInProcess(['sql', hostileCase, 'SELECT id, user, status_code FROM events ORDER BY id', '--csv']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n');
    expect(lines[0]).toBe('id,user,status_code');
    expect(lines[3]).toBe(`3,"'=HYPERLINK(""http://attacker.example/x"",""click"")",403`);
    const parsed = Papa.parse<string[]>(run.stdout, { skipEmptyLines: true });
    expect(parsed.data).toHaveLength(4);
    expect(parsed.data[3][1].startsWith("'=")).toBe(true);
  });
});

describe('trailhound sql table', () => {
  it('aligns columns and neutralizes ANSI escapes from log values', async () => {
    const run = await runInProcess(['sql', hostileCase, 'SELECT id, user_agent FROM events ORDER BY id']);
    expect(run.code).toBe(0);
    // eslint-disable-next-line no-control-regex -- asserting that no control character is left
    expect(run.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(run.stdout).toContain('\\x1b[31mevil\\x1b[0m\\x07 agent\\x1b]0;pwned\\x07');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 3);
    expect(lines[2].startsWith(' 1  kubectl')).toBe(true);
  });

  it('prints large results (200,000 rows) without running out of stack', async () => {
    const run = await runInProcess(['sql', realCase, 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT i FROM n']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toHaveLength(2 + 200_000 + 1);
    expect(run.stdout.endsWith('200000\n')).toBe(true);
  });

  it('shows NULL as an empty cell and a BLOB as its size', async () => {
    const run = await runInProcess(['sql', realCase, `SELECT NULL AS n, x'0102' AS b, 'z' AS t`]);
    expect(run.stdout).toBe('n  b               t\n-  --------------  -\n   <blob 2 bytes>  z\n');
  });
});

describe('trailhound sql refusals', () => {
  it.each([
    'DELETE FROM events',
    'DELETE FROM event_rows',
    'DROP TABLE files',
    `INSERT INTO files (path, size, sha256, status, imported_at) VALUES ('x', 0, '', 'complete', 0)`,
    'UPDATE rejects SET reason = 1',
    'SELECT 1; DELETE FROM rejects',
    'SELEC nonsense',
    'SELECT no_such_column FROM events',
    '',
  ])('refuses %j with exit 2, one line, and leaves the case file unchanged', async (sql) => {
    const before = sha(hostileCase);
    const run = await runInProcess(['sql', hostileCase, sql]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^trailhound: sql: [^\n]+\n$/);
    expect(sha(hostileCase)).toBe(before);
  });

  it('refuses foreign, empty and missing case files with exit 2 and one line', async () => {
    const text = join(temp.dir, 'notes.txt');
    writeFileSync(text, 'not a database\n');
    const empty = join(temp.dir, 'empty.sqlite');
    writeFileSync(empty, '');
    const paths = [text, empty, join(temp.dir, 'missing.sqlite'), temp.dir];
    if (hasSqlite3) {
      const foreign = join(temp.dir, 'foreign.sqlite');
      sqlite3(foreign, 'CREATE TABLE t (a); INSERT INTO t VALUES (1);');
      paths.push(foreign);
    }
    for (const path of paths) {
      const run = await runInProcess(['sql', path, 'SELECT 1']);
      expect(run.code, path).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^trailhound: [^\n]+\n$/);
    }
  });

  it('refuses bad usage with exit 2', async () => {
    for (const argv of [['sql'], ['sql', realCase], ['sql', realCase, 'SELECT', '*', 'FROM', 'events'], ['sql', realCase, 'SELECT 1', '--json', '--csv']]) {
      const run = await runInProcess(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^trailhound: [^\n]+\n$/);
    }
  });
});
