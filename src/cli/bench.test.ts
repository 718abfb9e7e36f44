import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './cliTestHarness';

interface BenchResult {
  audit_lines: number;
  auth_lines: number;
  stored_events: number;
  merged: number;
  rejected: number;
  import_s: number;
  audit_import_s: number;
  jq_s: number | null;
  jq_speedup: number | null;
  mixed_jq_speedup: number | null;
  import_runs_s: number[];
  audit_import_runs_s: number[];
  queries: Record<string, number>;
  target_met: boolean | null;
}

const BENCH = join(REPO_ROOT, 'out/cli/bench.mjs');

describe('npm run bench', () => {
  it('imports the mixed .tar.gz and, apart, the audit files jq reads, each run, and reports both against jq', () => {
    // What `npm run bench` does first: builds the benchmark and the CLI it runs.
    expect(spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/build-cli.mjs')], { encoding: 'utf8' }).status).toBe(0);
    const run = spawnSync(process.execPath, ['--expose-gc', BENCH, '--events', '3000', '--repeat', '2', '--json'], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as BenchResult;
    expect(result.audit_lines).toBe(3000);
    expect(result.auth_lines).toBe(300);
    expect(result.rejected).toBe(0);
    // Every input line of the mixed corpus is either stored or merged into a later stage.
    expect(result.stored_events + result.merged).toBe(3300);
    expect(result.import_runs_s).toHaveLength(2);
    expect(result.audit_import_runs_s).toHaveLength(2);
    expect(result.audit_import_s).toBeGreaterThan(0);
    expect(result.import_s).toBeGreaterThan(0);
    if (result.jq_s === null) {
      expect(result.jq_speedup).toBeNull();
    } else {
      expect(result.jq_speedup).toBeCloseTo(result.jq_s / result.audit_import_s, 1);
      expect(result.mixed_jq_speedup).toBeCloseTo(result.jq_s / result.import_s, 1);
    }
    expect(Object.keys(result.queries).length).toBeGreaterThan(5);
    // The target is set at 1,000,000 audit lines: a smaller run is not judged.
    expect(result.target_met).toBeNull();
  }, 180_000);

  it('prints a plain report ending with the target verdict, queries in milliseconds', () => {
    // Runs after the test above, which built the bundles.
    const run = spawnSync(process.execPath, ['--expose-gc', BENCH, '--events', '2000', '--repeat', '1'], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toContain('audit_lines          2000');
    expect(lines).toContain('target_met           null');
    expect(lines.filter((l) => /^ {2}\w+ +[\d.]+ ms$/.test(l)).length).toBeGreaterThan(5);
    expect(lines[lines.length - 1]).toBe(
      'target (1,000,000 audit lines, jq_speedup >= 1.5, peak under 2048 MB): not judged, this run has 2,000 audit lines',
    );
  }, 180_000);
});
