import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAuditLines } from '../core/synth/auditGenerator';
import { processTree } from './bench/measure';
import { makeTempDir, REPO_ROOT } from './cliTestHarness';

const temp = makeTempDir();
const input = join(temp.dir, 'audit.log');
afterAll(() => temp.cleanup());
beforeAll(() => {
  // Long enough (a second or more) to be still running when the signal comes.
  writeFileSync(input, [...generateAuditLines({ seed: 3, lines: 250_000, start: Date.UTC(2026, 10, 20) })].join('\n') + '\n');
}, 60_000);

/** Starts `trailhound import` and resolves once its child process (the import itself) has been running for `settle` ms. */
async function startImport(casePath: string, detached: boolean, settle: number) {
  const parent = spawn(process.execPath, [join(REPO_ROOT, 'bin/trailhound.mjs'), 'import', input, '--case', casePath], {
    stdio: ['ignore', 'pipe', 'pipe'], detached, env: { ...process.env, GLIBC_TUNABLES: '', UV_THREADPOOL_SIZE: undefined, NODE_OPTIONS: undefined },
  });
  let stderr = '';
  parent.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => parent.on('exit', (code) => resolve(code)));
  // The import's own child, not another (a stale bundle is rebuilt first, by esbuild's process).
  const isImport = (pid: number): boolean => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes('import');
    } catch {
      return false;
    }
  };
  let child: number | undefined;
  while (child === undefined) {
    await new Promise((r) => setTimeout(r, 20));
    child = processTree(parent.pid as number).slice(1).find(isImport);
  }
  await new Promise((r) => setTimeout(r, settle));
  return { parent, child, exited, stderr: () => stderr };
}

describe.runIf(process.platform === 'linux')('an import run in a child process (huge pages)', () => {
  it('is interrupted by Ctrl-C at a terminal (the whole process group) as before: exit 130, the case not written', async () => {
    const casePath = join(temp.dir, 'interrupted.sqlite');
    const run = await startImport(casePath, true, 1000);
    // The child runs with huge pages for malloc and, on two cores, smaller thread pools.
    const environ = readFileSync(`/proc/${run.child}/environ`, 'utf8').split('\0');
    expect(environ).toContain('GLIBC_TUNABLES=glibc.malloc.hugetlb=1');
    if (availableParallelism() <= 2) expect(environ).toEqual(expect.arrayContaining(['UV_THREADPOOL_SIZE=1', 'NODE_OPTIONS=--v8-pool-size=2']));
    process.kill(-(run.parent.pid as number), 'SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toMatch(/import interrupted; .* was not changed/);
    expect(existsSync(casePath)).toBe(false);
    expect(readdirSync(temp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 30_000);

  it('passes a SIGTERM sent to it alone on to the import, which removes its temp file and ends as a terminated process does', async () => {
    const casePath = join(temp.dir, 'terminated.sqlite');
    const run = await startImport(casePath, false, 200);
    run.parent.kill('SIGTERM');
    expect(await run.exited).toBe(128 + 15);
    expect(existsSync(`/proc/${run.child}`)).toBe(false);
    expect(existsSync(casePath)).toBe(false);
    expect(readdirSync(temp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 30_000);
});
