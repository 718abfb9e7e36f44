import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface MeasuredRun {
  code: number;
  ms: number;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the child (VmHWM), or null where /proc does not tell. */
  peakRssMb: number | null;
}

function vmHwmMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** Runs a command to its end, timing it wall-clock and sampling its peak memory until it exits. */
export function runMeasured(command: string, args: string[]): Promise<MeasuredRun> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak: number | null = null;
    const sample = (): void => {
      const now = child.pid ? vmHwmMb(child.pid) : null;
      if (now !== null) peak = Math.max(peak ?? 0, now);
    };
    const timer = setInterval(sample, 25);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      sample();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    // VmHWM is a high-water mark: the last sample before exit is the peak.
    child.on('exit', () => sample());
    child.on('close', (code) => {
      clearInterval(timer);
      done({ code: code ?? -1, ms: performance.now() - started, stdout, stderr, peakRssMb: peak });
    });
  });
}

/** One pass of `zcat -f <files> | jq -r .user.username | sort | uniq -c`, the analyst's usual tool, in seconds; null without jq. */
export async function measureJq(paths: string[]): Promise<number | null> {
  const probe = await runMeasured('sh', ['-c', 'command -v jq']);
  if (probe.code !== 0) return null;
  const run = await runMeasured('sh', ['-c', 'zcat -f "$@" | jq -r .user.username | sort | uniq -c > /dev/null', 'sh', ...paths]);
  return run.code === 0 ? run.ms / 1000 : null;
}
