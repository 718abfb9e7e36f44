import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { canAttachHostFile } from '../node/hostFile';
import { FIXTURES, hasSqlite3, makeTempDir, REAL_SAMPLE, REPO_ROOT, runBinary, sqlite3 } from './cliTestHarness';

const temp = makeTempDir();
afterAll(() => temp.cleanup());
const tempFiles = (): string[] => readdirSync(temp.dir).filter((n) => n.endsWith('.tmp'));
const report = (stdout: string): { created: boolean; case_events: number } => JSON.parse(stdout);

/**
 * The bundled CLI imports into a temp file beside the case that SQLite writes as it goes (sql.js
 * patched with a host file, see caseFile.ts), renamed over the case at the end; the in-process
 * tests run the unpatched sql.js, which keeps the case in memory.
 */
describe('an import by the bundled CLI, written to disk as it goes', () => {
  it('is the bundle\'s way: its sql.js puts a real file behind a database', async () => {
    expect(runBinary(['--version']).code).toBe(0);
    const init = createRequire(join(REPO_ROOT, 'out/cli/x.cjs'))('./vendor/sql-wasm.cjs') as () => Promise<SqlJsStatic>;
    const db = new (await init()).Database();
    expect(canAttachHostFile(db)).toBe(true);
    db.close();
  });

  it('creates a case, adds to it, keeps its permissions and leaves no temp file', () => {
    const target = join(temp.dir, 'grow.sqlite');
    const first = runBinary(['import', join(FIXTURES, 'logs'), '--case', target, '--json']);
    expect(first.code).toBe(0);
    expect(report(first.stdout)).toMatchObject({ created: true, case_events: 5 });
    chmodSync(target, 0o600);
    const second = runBinary(['import', REAL_SAMPLE, '--case', target, '--json']);
    expect(second.code).toBe(0);
    expect(report(second.stdout)).toMatchObject({ created: false, case_events: 5 + 37 });
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const events = runBinary(['sql', target, 'SELECT count(*) AS n, count(DISTINCT file_id) AS files FROM events', '--json']);
    expect(JSON.parse(events.stdout)).toEqual([{ n: 42, files: 3 }]);
    if (hasSqlite3) expect(sqlite3(target, 'PRAGMA integrity_check')).toBe('ok');
    expect(tempFiles()).toEqual([]);
  });

  it('writes through a symlink to the case it points to', () => {
    const real = join(temp.dir, 'real.sqlite');
    expect(runBinary(['import', REAL_SAMPLE, '--case', real]).code).toBe(0);
    const link = join(temp.dir, 'link.sqlite');
    symlinkSync(real, link);
    expect(runBinary(['import', join(FIXTURES, 'logs'), '--case', link]).code).toBe(0);
    expect(JSON.parse(runBinary(['sql', real, 'SELECT count(*) AS n FROM events', '--json']).stdout)).toEqual([{ n: 42 }]);
    expect(tempFiles()).toEqual([]);
  });

  it('refuses a file that is not a case, or a damaged one, leaving it untouched and no temp file', () => {
    const notes = join(temp.dir, 'notes.txt');
    writeFileSync(notes, 'my investigation notes\n');
    const refused = runBinary(['import', REAL_SAMPLE, '--case', notes]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^trailhound: cannot open case .*notes\.txt: not a SQLite database[^\n]*\n$/);
    expect(readFileSync(notes, 'utf8')).toBe('my investigation notes\n');

    const whole = join(temp.dir, 'whole.sqlite');
    expect(runBinary(['import', REAL_SAMPLE, '--case', whole]).code).toBe(0);
    const damaged = join(temp.dir, 'damaged.sqlite');
    const bytes = readFileSync(whole);
    // The header kept, the first pages' content overwritten.
    const broken = Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(bytes.length - 100, 0x5a)]);
    writeFileSync(damaged, broken);
    const run = runBinary(['import', join(FIXTURES, 'logs'), '--case', damaged]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^trailhound: cannot open case .*damaged\.sqlite: [^\n]+\n$/);
    expect(readFileSync(damaged).equals(broken)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });
});
