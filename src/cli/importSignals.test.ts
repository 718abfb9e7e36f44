import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, constants } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAuditLines } from '../core/synth/auditGenerator';
import { makeTempDir, REPO_ROOT } from './cliTestHarness';

const temp = makeTempDir();
const input = join(temp.dir, 'audit.log');
afterAll(() => temp.cleanup());
beforeAll(() => {
  // Long enough (a second or more) to be still running when the signal comes.
  writeFileSync(input, [...generateAuditLines({ seed: 3, lines: 250_000, start: Date.UTC(2026, 10, 20) })].join('\n') + '\n');
}, 60_000);

/** Starts `trailhound import` and resolves once it has been importing (its temp case file exists) for `settle` ms. */
async function startImport(casePath: string, detached: boolean, settle: number, env: NodeJS.ProcessEnv = {}) {
  const run = spawn(process.execPath, [join(REPO_ROOT, 'bin/trailhound.cjs'), 'import', input, '--case', casePath], {
    stdio: ['ignore', 'pipe', 'pipe'], detached, env: { ...process.env, UV_THREADPOOL_SIZE: undefined, ...env },
  });
  let stderr = '';
  run.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => run.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0))));
  while (tempFiles().length === 0) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, settle));
  return { pid: run.pid as number, kill: (signal: NodeJS.Signals) => run.kill(signal), exited, stderr: () => stderr };
}

const tempFiles = (): string[] => readdirSync(temp.dir).filter((f) => f.endsWith('.tmp'));
const threads = (pid: number): number => readdirSync(`/proc/${pid}/task`).length;

describe.runIf(process.platform === 'linux')('signals to an import', () => {
  it('is interrupted by Ctrl-C at a terminal (the whole process group): exit 130, the case not written, no temp file', async () => {
    const casePath = join(temp.dir, 'interrupted.sqlite');
    const run = await startImport(casePath, true, 500);
    process.kill(-run.pid, 'SIGINT');
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toMatch(/import interrupted; .* was not changed/);
    expect(existsSync(casePath)).toBe(false);
    expect(tempFiles()).toEqual([]);
  }, 30_000);

  it('ends by a SIGTERM as a terminated process does, once it removed its temp file', async () => {
    const casePath = join(temp.dir, 'terminated.sqlite');
    const run = await startImport(casePath, false, 200);
    run.kill('SIGTERM');
    expect(await run.exited).toBe(128 + 15);
    expect(existsSync(casePath)).toBe(false);
    expect(tempFiles()).toEqual([]);
  }, 30_000);

  it.runIf(availableParallelism() <= 2)("runs with one libuv thread on two cores, or as many as the user asked for", async () => {
    const counted: number[] = [];
    for (const env of [{}, { UV_THREADPOOL_SIZE: '4' }]) {
      const run = await startImport(join(temp.dir, 'pool.sqlite'), false, 300, env);
      counted.push(threads(run.pid));
      run.kill('SIGTERM');
      await run.exited;
    }
    expect(counted[1] - counted[0]).toBe(3);
  }, 30_000);
});
