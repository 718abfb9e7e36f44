import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliIo, TextSink } from './cliIo';
import { runCli } from './runCli';

/** Test support only: runs the CLI in-process with captured streams, or the real binary. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const FIXTURES = join(REPO_ROOT, 'src/cli/fixtures');
/** 37 events written by a real kube-apiserver (liggitt/audit2rbac testdata, Apache-2.0), kept beside the repository. */
export const REAL_SAMPLE = resolve(REPO_ROOT, '../shared/samples/real/audit2rbac-demo.log');
export const SQLITE3 = '/usr/bin/sqlite3';
export const hasSqlite3 = existsSync(SQLITE3);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture implements TextSink {
  text = '';
  constructor(readonly isTTY = false, readonly columns = 100) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** The command's main function with captured streams (fast; most tests use this). */
export async function runInProcess(argv: string[], options: { signal?: AbortSignal; tty?: boolean } = {}): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture(options.tty ?? false);
  const io: CliIo = { stdout, stderr, signal: options.signal, env: {} };
  const code = await runCli(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The real `trailhound` binary as a child process (bin/trailhound.cjs, building when stale). */
export function runBinary(argv: string[], cwd = REPO_ROOT): CliRun {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin/trailhound.cjs'), ...argv], {
    cwd, encoding: 'utf8', env: { ...process.env, TRAILHOUND_DEBUG: '' }, timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function sqlite3(dbPath: string, sql: string): string {
  return execFileSync(SQLITE3, [dbPath, sql], { encoding: 'utf8' }).trim();
}

export function makeTempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
