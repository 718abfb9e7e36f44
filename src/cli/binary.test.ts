import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, makeTempDir, REAL_SAMPLE, REPO_ROOT, runBinary } from './cliTestHarness';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
const version = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).version;

/** The real binary, as `npx trailhound` runs it: bin/trailhound.cjs (building when stale), one child process per run. */
describe('bin/trailhound.cjs', () => {
  it('prints its version and help', () => {
    expect(runBinary(['--version'])).toEqual({ code: 0, stdout: `trailhound ${version}\n`, stderr: '' });
    const help = runBinary(['sql', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: trailhound sql <case>/);
    // The import's parse worker starts with the process: unused, it must not keep the process alive.
    const importHelp = runBinary(['import', '--help']);
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toMatch(/^Usage: trailhound import <paths...>/);
  });

  it('exits 0, 1 and 2 as the contract says, with the result alone on stdout', () => {
    const good = join(temp.dir, 'good.sqlite');
    const clean = runBinary(['import', REAL_SAMPLE, '--case', good, '--json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).totals.events).toBe(37);
    expect(clean.stderr.trimEnd().split('\n')).toHaveLength(1);

    const rejected = runBinary(['import', join(FIXTURES, 'audit-malformed-hostile.log'), '--case', join(temp.dir, 'bad.sqlite')]);
    expect(rejected.code).toBe(1);

    const refused = runBinary(['sql', good, 'DROP TABLE files']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/^trailhound: sql: refused[^\n]*\n$/);

    const count = runBinary(['sql', good, 'SELECT count(*) AS n FROM events', '--csv']);
    expect(count).toEqual({ code: 0, stdout: 'n\r\n37\r\n', stderr: '' });
  });

  it('answers a user mistake with one line, never a stack trace', () => {
    for (const argv of [['frobnicate'], ['sql', join(temp.dir, 'missing.sqlite'), 'SELECT 1'], ['import', '--case']]) {
      const run = runBinary(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^trailhound: [^\n]+\n$/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('does not let escapes from a log value reach the terminal raw', () => {
    const target = join(temp.dir, 'hostile.sqlite');
    runBinary(['import', join(FIXTURES, 'audit-malformed-hostile.log'), '--case', target]);
    const run = runBinary(['sql', target, 'SELECT user_agent FROM events']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\x1b');
    expect(run.stdout).not.toContain('\x07');
    expect(run.stdout).toContain('\\x1b[31mevil');
  });
});
