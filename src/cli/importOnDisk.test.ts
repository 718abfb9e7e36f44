import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { SqlJsStatic } from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { generateAuditLines } from '../core/synth/auditGenerator';
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
    expect(canAttachHostFile(await init())).toBe(true);
  });

  it('creates a case, adds to it, keeps its permissions and leaves no temp file', () => {
    const target = join(temp.dir, 'grow.sqlite');
    const first = runBinary(['import', join(FIXTURES, 'logs'), '--case', target, '--json']);
    expect(first.code).toBe(0);
    expect(report(first.stdout)).toMatchObject({ created: true, case_events: 5 });
    // Read-only to its owner: copied into the temp file by path all the same, and still read-only after.
    chmodSync(target, 0o444);
    const second = runBinary(['import', REAL_SAMPLE, '--case', target, '--json']);
    expect(second.code).toBe(0);
    expect(report(second.stdout)).toMatchObject({ created: false, case_events: 5 + 37 });
    expect(statSync(target).mode & 0o777).toBe(0o444);
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

  it.runIf(process.platform !== 'win32')('says so when the disk refuses a write, and leaves the case as it was', () => {
    const target = join(temp.dir, 'limited.sqlite');
    expect(runBinary(['import', REAL_SAMPLE, '--case', target]).code).toBe(0);
    const before = readFileSync(target);
    const big = join(temp.dir, 'big-audit.log');
    writeFileSync(big, [...generateAuditLines({ seed: 5, lines: 20_000, start: Date.UTC(2026, 10, 20) })].join('\n') + '\n');
    // A file size limit (ulimit -f, in blocks of 512 bytes) the case outgrows: writes fail with EFBIG, as on a full disk.
    const limitBlocks = Math.ceil((before.length + 256 * 1024) / 512);
    const run = spawnSync('sh', ['-c', `ulimit -f ${limitBlocks} && exec "$0" "$@"`, process.execPath, join(REPO_ROOT, 'bin/trailhound.cjs'), 'import', big, '--case', target], {
      encoding: 'utf8', timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^trailhound: import: cannot write .*limited\.sqlite \(left as it was\): EFBIG[^\n]*\n$/);
    expect(readFileSync(target).equals(before)).toBe(true);
    expect(tempFiles()).toEqual([]);
  });
});
