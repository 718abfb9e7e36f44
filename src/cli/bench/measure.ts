import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface MeasuredRun {
  code: number;
  ms: number;
  stdout: string;
  stderr: string;
  /**
   * Peak resident memory (VmHWM) of the child and every process it started, summed (the CLI's
   * import runs in a process of its own), or null where /proc does not tell.
   */
  peakRssMb: number | null;
}

function vmHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** A process and its descendants (parents before children), as /proc lists the children of each thread; Linux only. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${tree[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        for (const child of readFileSync(`/proc/${tree[i]}/task/${task}/children`, 'utf8').split(' ')) if (child.trim()) tree.push(Number(child));
      } catch {
        // The thread ended meanwhile.
      }
    }
  }
  return tree;
}

/** Runs a command to its end, timing it wall-clock and sampling its peak memory until it exits. */
export function runMeasured(command: string, args: string[]): Promise<MeasuredRun> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    /** Each process's high-water mark as last seen (a process's is gone once it exits). */
    const peaks = new Map<number, number>();
    const sample = (): void => {
      if (!child.pid) return;
      for (const pid of processTree(child.pid)) {
        const kb = vmHwmKb(pid);
        if (kb !== null) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, kb));
      }
    };
    const timer = setInterval(sample, 25);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      sample();
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('exit', () => sample());
    child.on('close', (code) => {
      clearInterval(timer);
      const kb = [...peaks.values()].reduce((a, b) => a + b, 0);
      done({ code: code ?? -1, ms: performance.now() - started, stdout, stderr, peakRssMb: peaks.size ? Math.round(kb / 1024) : null });
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

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
