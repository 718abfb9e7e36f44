import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cliIo';
import { FIXTURES, hasSqlite3, makeTempDir, REAL_SAMPLE, runInProcess, sqlite3 } from './cliTestHarness';
import { runCli } from './runCli';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
const casePath = (name: string): string => join(temp.dir, name);

describe('trailhound import', () => {
  it('imports the real kube-apiserver sample cleanly: exit 0, table on stdout, one summary line on stderr', async () => {
    const run = await runInProcess(['import', REAL_SAMPLE, '--case', casePath('real.sqlite')]);
    expect(run.code).toBe(0);
    const [header, rule, row, ...rest] = run.stdout.trimEnd().split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['path', 'format', 'lines', 'events', 'merged', 'rejected', 'blank', 'status', 'reason', 'sha256']);
    expect(rule).toMatch(/^-+(\s+-+)+$/);
    expect(row).toMatch(/^audit2rbac-demo\.log\s+\S+\s+37\s+37\s+0\s+0\s+0\s+complete\s+[0-9a-f]{64}$/);
    expect(rest).toEqual([]);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^created .*real\.sqlite: 1 file in [\d.]+ s, 37 events, 0 merged, 0 rejected, 0 blank\n$/);
  });

  it('reports a malformed line with exit 1 and keeps the books balanced, in JSON with fixed key order', async () => {
    const run = await runInProcess(['import', join(FIXTURES, 'audit-malformed-hostile.log'), '--case', casePath('bad.sqlite'), '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(['case', 'created', 'files', 'totals', 'case_events', 'elapsed_ms']);
    expect(report.created).toBe(true);
    const [file] = report.files;
    expect(Object.keys(file)).toEqual(['id', 'path', 'size', 'sha256', 'format', 'lines', 'events', 'merged', 'rejected', 'blank', 'status', 'reason']);
    expect(file).toMatchObject({ path: 'audit-malformed-hostile.log', lines: 5, events: 3, merged: 0, rejected: 1, blank: 1, status: 'complete', reason: null });
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof file.size).toBe('number');
    expect(report.totals).toMatchObject({ files: 1, lines: 5, events: 3, rejected: 1, blank: 1, complete: 1, partial: 0, skipped: 0 });
    expect(report.case_events).toBe(3);
  });

  it('walks a folder, records paths under the folder name (cluster attribution), reads every gzip member, merges stages', async () => {
    const target = casePath('tree.sqlite');
    const run = await runInProcess(['import', join(FIXTURES, 'logs'), '--case', target, '--json']);
    expect(run.code).toBe(0);
    const files = JSON.parse(run.stdout).files;
    expect(files.map((f: { path: string }) => f.path)).toEqual([
      'logs/prod-eu-1/kube-apiserver/audit-2024-03-06T08-00-02.log.gz',
      'logs/prod-eu-1/kube-apiserver/audit.log',
    ]);
    expect(files[0]).toMatchObject({ lines: 4, events: 4, status: 'complete' });
    expect(files[1]).toMatchObject({ lines: 2, events: 1, merged: 1, status: 'complete' });
    const clusters = await runInProcess(['sql', target, 'SELECT DISTINCT cluster FROM events', '--json']);
    expect(JSON.parse(clusters.stdout)).toEqual([{ cluster: 'prod-eu-1' }]);
  });

  it('adds to an existing case, and the sqlite3 tool reads the result', async () => {
    const target = casePath('grow.sqlite');
    expect((await runInProcess(['import', join(FIXTURES, 'logs'), '--case', target])).code).toBe(0);
    const second = await runInProcess(['import', REAL_SAMPLE, '--case', target, '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: false, case_events: 5 + 37 });
    expect(second.stderr).toMatch(/^updated /);
    if (hasSqlite3) {
      expect(sqlite3(target, 'SELECT count(*) FROM events')).toBe('42');
      expect(sqlite3(target, 'SELECT count(*) FROM files')).toBe('3');
    }
    expect(readdirSync(temp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a missing input path, a missing --case, an unknown option, with exit 2 and one line', async () => {
    const cases = [
      ['import', join(temp.dir, 'nope.log'), '--case', casePath('x.sqlite')],
      ['import', REAL_SAMPLE],
      ['import', '--case', casePath('x.sqlite')],
      ['import', REAL_SAMPLE, '--case', casePath('x.sqlite'), '--frobnicate'],
      ['import', REAL_SAMPLE, '--case', join(temp.dir, 'no-such-folder', 'x.sqlite')],
    ];
    for (const argv of cases) {
      const run = await runInProcess(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^trailhound: [^\n]+\n$/);
    }
    expect(existsSync(casePath('x.sqlite'))).toBe(false);
  });

  it('refuses to import into a file that is not a case, leaving it untouched', async () => {
    const notes = casePath('notes.txt');
    writeFileSync(notes, 'my investigation notes\n');
    const run = await runInProcess(['import', REAL_SAMPLE, '--case', notes]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^trailhound: cannot open case .*notes\.txt: not a SQLite database[^\n]*\n$/);
    expect(readFileSync(notes, 'utf8')).toBe('my investigation notes\n');
  });

  it('refuses an empty folder (nothing to import) with exit 2', async () => {
    const empty = join(temp.dir, 'empty-folder');
    mkdirSync(empty);
    const run = await runInProcess(['import', empty, '--case', casePath('empty.sqlite')]);
    expect(run.code).toBe(2);
    expect(existsSync(casePath('empty.sqlite'))).toBe(false);
  });

  it('leaves the case unchanged when interrupted (exit 130)', async () => {
    const target = casePath('interrupted.sqlite');
    await runInProcess(['import', REAL_SAMPLE, '--case', target]);
    const before = readFileSync(target);
    const controller = new AbortController();
    controller.abort();
    const run = await runInProcess(['import', join(FIXTURES, 'logs'), '--case', target], { signal: controller.signal });
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/interrupted; .* was not changed/);
    expect(readFileSync(target).equals(before)).toBe(true);
  });

  it('does not write a new case when Ctrl-C comes in the middle of a file', async () => {
    const target = casePath('interrupted-new.sqlite');
    const controller = new AbortController();
    let stderr = '';
    const io: CliIo = {
      stdout: { write: () => true },
      // The first progress line stands for the moment the analyst presses Ctrl-C.
      stderr: { isTTY: true, write: (text: string) => ((stderr += text), controller.abort()) },
      signal: controller.signal,
    };
    expect(await runCli(['import', REAL_SAMPLE, '--case', target], io)).toBe(130);
    expect(stderr).toMatch(/interrupted; .* was not changed\n$/);
    expect(existsSync(target)).toBe(false);
  });

  it('draws progress only on a terminal, and never lets log text reach it raw', async () => {
    const run = await runInProcess(['import', join(FIXTURES, 'audit-malformed-hostile.log'), '--case', casePath('tty.sqlite')], { tty: true });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('\x1b');
    expect(run.stderr).toContain('[1/1] audit-malformed-hostile.log');
    expect(run.stderr.split('\r\x1b[2K').at(-1)).toMatch(/^created [^\n]+\n$/);
  });
});
