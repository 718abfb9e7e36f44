import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDINGS_CSV_HEADER } from '../core/findings/findingsCsv';
import { FIXTURES, makeTempDir, REAL_SAMPLE, runInProcess } from './cliTestHarness';

const temp = makeTempDir();
const at = (name: string): string => join(temp.dir, name);
const realCase = at('real.sqlite');
const hostileCase = at('hostile.sqlite');
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const csvRows = (path: string): string[][] => {
  const parsed = Papa.parse<string[]>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};
const sqlJson = async (casePath: string, sql: string): Promise<Record<string, unknown>[]> => JSON.parse((await runInProcess(['sql', casePath, sql, '--json'])).stdout);

beforeAll(async () => {
  expect((await runInProcess(['import', REAL_SAMPLE, '--case', realCase])).code).toBe(0);
  expect((await runInProcess(['import', join(FIXTURES, 'audit-malformed-hostile.log'), '--case', hostileCase])).code).toBe(1);
});
afterAll(() => temp.cleanup());

describe('trailhound mark', () => {
  it('marks each matching event as a finding, logs it, and adds nothing when run again', async () => {
    const target = at('mark.sqlite');
    copyFileSync(realCase, target);
    const [{ n }] = await sqlJson(target, "SELECT count(*) AS n FROM events WHERE verb = 'list'");
    expect(Number(n)).toBeGreaterThan(0);
    const argv = ['mark', target, '--where', "verb = 'list'", '--severity', 'high', '--tag', 'persistence', '--tag', 'privilege escalation', '--note', 'created objects', '--analyst', 'Dana'];
    const run = await runInProcess(argv);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(`${n} findings added\n`);
    const findings = await sqlJson(target, 'SELECT severity, tags, note, analyst FROM findings');
    expect(findings).toHaveLength(Number(n));
    expect(findings[0]).toEqual({ severity: 'high', tags: '["persistence","privilege escalation"]', note: 'created objects', analyst: 'Dana' });
    const log = await sqlJson(target, "SELECT actor, action, app_version FROM activity_log WHERE action = 'finding.mark'");
    expect(log).toHaveLength(Number(n));
    expect(log[0]).toMatchObject({ actor: 'Dana', action: 'finding.mark' });

    const before = sha(target);
    const again = await runInProcess(argv);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('0 findings added\n');
    expect(again.stderr).toMatch(/already marked the same way/);
    expect(sha(target)).toBe(before);
  });

  it.each([
    ['a condition that writes', ['--where', "1); DELETE FROM files; --"]],
    ['a second statement', ['--where', "1 ; DROP TABLE files"]],
    ['a way out of the condition', ['--where', '1) UNION SELECT (1']],
    ['an unknown column', ['--where', 'nope = 1']],
    ['an unknown severity', ['--where', '1', '--severity', 'urgent']],
    ['no --where', []],
    ['--note twice', ['--where', '1', '--note', 'a', '--note', 'b']],
  ])('refuses %s with exit 2, leaving the case untouched', async (_what, extra) => {
    const target = at('refuse.sqlite');
    copyFileSync(realCase, target);
    const before = sha(target);
    const run = await runInProcess(['mark', target, ...extra]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^trailhound: mark: /);
    expect(sha(target)).toBe(before);
  });

  it('refuses a foreign file as a case', async () => {
    const foreign = at('notes.sqlite');
    writeFileSync(foreign, 'not a database at all');
    const run = await runInProcess(['mark', foreign, '--where', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot open case/);
  });
});

describe('trailhound findings', () => {
  it('exports the findings CSV with the contract header, one row per event, hostile cells neutralized', async () => {
    const target = at('hostile-marked.sqlite');
    copyFileSync(hostileCase, target);
    expect((await runInProcess(['mark', target, '--where', '1', '--severity', 'critical', '--note', '=cmd|" /C calc"!A0\nsecond line', '--analyst', '@analyst'])).code).toBe(0);
    const out = at('findings.csv');
    const run = await runInProcess(['findings', target, '--csv', out, '--activity', at('activity.csv'), '--timesketch', at('findings.jsonl')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('3 findings, 3 event rows\n');
    const [header, ...rows] = csvRows(out);
    expect(header).toEqual([...FINDINGS_CSV_HEADER]);
    expect(rows).toHaveLength(3);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.map((r) => r[5])).toContain(`'=HYPERLINK("http://attacker.example/x","click")`);
    expect(rows[0][14]).toBe(`'=cmd|" /C calc"!A0\nsecond line`);
    expect(rows[0][17]).toMatch(/^\d+$/);
    expect(rows[0][16]).toBe('audit-malformed-hostile.log');
    const activity = csvRows(at('activity.csv'));
    expect(activity[0]).toEqual(['time_utc', 'actor', 'action', 'details', 'app_version']);
    expect(activity[1][2]).toBe('import');
    expect(JSON.parse(activity[1][3])).toMatchObject({ path: 'audit-malformed-hostile.log', sha256: sha(join(FIXTURES, 'audit-malformed-hostile.log')) });
    const jsonl = readFileSync(at('findings.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(jsonl).toHaveLength(3);
    expect(jsonl[0]).toMatchObject({ finding_severity: 'critical', timestamp_desc: 'Request Received' });
  });

  it('writes a BOM with --excel and refuses to write over the case', async () => {
    const out = at('excel.csv');
    expect((await runInProcess(['findings', realCase, '--csv', out, '--excel'])).code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('\uFEFFfinding_id,time_utc,')).toBe(true);
    const over = await runInProcess(['findings', realCase, '--csv', realCase]);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/is the case file itself/);
    expect((await runInProcess(['findings', realCase])).code).toBe(2);
  });
});

describe('trailhound export', () => {
  it('exports all events, or those matching --where, as CSV in time order', async () => {
    const all = at('all.csv');
    const run = await runInProcess(['export', realCase, '--csv', all]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('37 events exported\n');
    const [header, ...rows] = csvRows(all);
    expect(header.slice(0, 2)).toEqual(['event_id', 'time_utc']);
    expect(rows).toHaveLength(37);
    const times = rows.map((r) => r[1]);
    expect([...times].sort()).toEqual(times);

    const some = at('some.csv');
    const [{ n }] = await sqlJson(realCase, "SELECT count(*) AS n FROM events WHERE verb = 'get'");
    expect((await runInProcess(['export', realCase, '--where', "verb = 'get'", '--csv', some, '--timesketch', at('some.jsonl')])).stdout).toBe(`${n} events exported\n`);
    expect(csvRows(some)).toHaveLength(Number(n) + 1);
    expect(readFileSync(at('some.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(Number(n));
  });

  it('refuses writing SQL and leaves no output file', async () => {
    const out = at('never.csv');
    const before = sha(realCase);
    const run = await runInProcess(['export', realCase, '--where', "1) OR (SELECT 1 FROM (DELETE FROM files)", '--csv', out]);
    expect(run.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect((await runInProcess(['export', realCase, '--where', 'x', '--csv', out])).code).toBe(2);
    expect((await runInProcess(['export', realCase])).code).toBe(2);
    expect(sha(realCase)).toBe(before);
  });
});

describe('help', () => {
  it('documents mark, findings and export', async () => {
    for (const command of ['mark', 'findings', 'export']) {
      const run = await runInProcess([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: trailhound ${command} <case>`));
    }
    expect((await runInProcess(['--help'])).stdout).toMatch(/mark <case> --where/);
  });
});
