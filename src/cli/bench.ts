import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureAnalysisIndexes } from '../core/store/analysisIndexes';
import { CaseStore } from '../core/store/caseStore';
import { nodePlatform } from '../node/nodePlatform';
import { loadSqlEngine } from './caseFile';
import { writeMixedCorpus } from './bench/corpus';
import { benchQueries } from './bench/queries';
import { measureJq, median, runMeasured, type MeasuredRun } from './bench/measure';
import { targetLine, targetMet } from './bench/target';

const HELP = `npm run bench -- [--events N] [--repeat R] [--json] [--keep]
Generates a deterministic synthetic corpus of N audit lines (1,000,000 unless told: the size the
import's target is set at; two clusters, half of them rotated
and gzipped) plus N/10 auth.log lines of three nodes, all in one .tar.gz; imports it with the real CLI
(process start to case written, import_s); imports the audit files alone, the very files the jq pass
reads (audit_import_s); builds the analysis indexes the app builds after an import (index_s), then
times the views' queries (median of 7 runs).
--repeat R (3 unless told) runs the two imports and the jq pass R times, one after the other, and
reports the medians: a machine whose speed drifts (a shared virtual machine) then weighs on all alike.
--json prints every figure as one JSON object on the last line of stdout; target_met says whether
the target was met (see src/cli/bench/target.ts).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { events: { type: 'string', default: '1000000' }, repeat: { type: 'string', default: '3' }, json: { type: 'boolean' }, keep: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return;
  }
  const lines = Number(values.events);
  if (!Number.isInteger(lines) || lines <= 0) throw new Error('--events takes a positive whole number');
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat <= 0) throw new Error('--repeat takes a positive whole number');
  const log = (msg: string): void => void process.stderr.write(`bench: ${msg}\n`);
  const dir = await mkdtemp(join(tmpdir(), 'trailhound-bench-'));
  try {
    log(`writing ${lines} audit lines and the nodes' auth.log to ${dir}`);
    const corpus = await writeMixedCorpus(dir, lines);
    const inputBytes = corpus.archive.bytes;
    const casePath = join(dir, 'bench.trailhound.sqlite');
    const cli = resolve(import.meta.dirname, 'trailhound.cjs');
    const auditCasePath = join(dir, 'audit.trailhound.sqlite');
    const auditPaths = corpus.audit.map((f) => f.path);
    const importRuns: MeasuredRun[] = [];
    const auditImportRuns: MeasuredRun[] = [];
    const jqRuns: number[] = [];
    for (let r = 1; r <= repeat; r++) {
      log(`importing the .tar.gz with the CLI${repeat > 1 ? ` (run ${r} of ${repeat})` : ''}`);
      await rm(casePath, { force: true });
      const run = await runMeasured(process.execPath, [cli, 'import', corpus.archive.path, '--case', casePath, '--json']);
      if (run.code !== 0) throw new Error(`import exited ${run.code}: ${run.stderr.trim()}`);
      importRuns.push(run);
      // jq reads the audit files only (auth.log lines are not JSON): the same files imported alone
      // compare the two tools on the same input.
      log(`importing the audit files alone with the CLI`);
      const auditRun = await runMeasured(process.execPath, [cli, 'import', ...auditPaths, '--case', auditCasePath, '--json']);
      if (auditRun.code !== 0) throw new Error(`import of the audit files exited ${auditRun.code}: ${auditRun.stderr.trim()}`);
      auditImportRuns.push(auditRun);
      await rm(auditCasePath, { force: true });
      const jq = await measureJq(auditPaths);
      if (jq !== null) jqRuns.push(jq);
    }
    const summary = JSON.parse(importRuns[importRuns.length - 1].stdout) as { totals: { lines: number; events: number; merged: number; rejected: number } };
    const uncompressed = await uncompressedBytes([...corpus.audit, ...corpus.auth].map((f) => f.path));
    const store = CaseStore.open(await loadSqlEngine(), nodePlatform, await readFile(casePath));
    // What the app does in the background after an import: indexes, summaries, the text index.
    log('building the analysis indexes');
    const indexStarted = performance.now();
    ensureAnalysisIndexes(store.db);
    const indexS = (performance.now() - indexStarted) / 1000;
    log('timing queries');
    const queries = benchQueries(store.db);
    store.close();
    const importS = median(importRuns.map((run) => run.ms / 1000));
    const auditImportS = median(auditImportRuns.map((run) => run.ms / 1000));
    const jqSeconds = jqRuns.length ? median(jqRuns) : null;
    const peaks = [...importRuns, ...auditImportRuns].map((run) => run.peakRssMb).filter((mb): mb is number => mb !== null);
    const result = {
      events: corpus.lines,
      audit_lines: corpus.audit.reduce((n, f) => n + f.lines, 0),
      auth_lines: corpus.auth.reduce((n, f) => n + f.lines, 0),
      stored_events: summary.totals.events,
      merged: summary.totals.merged,
      rejected: summary.totals.rejected,
      input_mb: round(inputBytes / 2 ** 20),
      uncompressed_mb: round(uncompressed / 2 ** 20),
      import_s: round(importS, 3),
      events_per_s: Math.round(corpus.lines / importS),
      lines_per_s: Math.round(summary.totals.lines / importS),
      mb_per_s: round(uncompressed / 2 ** 20 / importS),
      peak_rss_mb: peaks.length ? Math.max(...peaks) : null,
      audit_import_s: round(auditImportS, 3),
      jq_s: jqSeconds === null ? null : round(jqSeconds, 3),
      jq_speedup: jqSeconds === null ? null : round(jqSeconds / auditImportS, 2),
      mixed_jq_speedup: jqSeconds === null ? null : round(jqSeconds / importS, 2),
      import_runs_s: importRuns.map((run) => round(run.ms / 1000, 3)),
      audit_import_runs_s: auditImportRuns.map((run) => round(run.ms / 1000, 3)),
      jq_runs_s: jqRuns.map((s) => round(s, 3)),
      index_s: round(indexS, 3),
      queries,
    };
    const report = { ...result, target_met: targetMet(result) };
    if (values.json) {
      process.stdout.write(JSON.stringify(report) + '\n');
    } else {
      for (const [k, v] of Object.entries(report)) {
        if (k === 'queries') {
          process.stdout.write('queries\n');
          const width = Math.max(...Object.keys(queries).map((name) => name.length));
          for (const [name, ms] of Object.entries(queries)) process.stdout.write(`  ${name.padEnd(width)} ${ms} ms\n`);
        } else {
          process.stdout.write(`${k.padEnd(20)} ${Array.isArray(v) ? v.join(' ') : v}\n`);
        }
      }
      process.stdout.write(targetLine(result) + '\n');
    }
  } finally {
    if (values.keep) log(`kept ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

async function uncompressedBytes(paths: string[]): Promise<number> {
  let total = 0;
  for (const path of paths) {
    await new Promise<void>((done, fail) => {
      const child = spawn('sh', ['-c', 'zcat -f "$1" | wc -c', 'sh', path]);
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('error', fail);
      child.on('close', () => {
        total += Number(out.trim());
        done();
      });
    });
  }
  return total;
}

main().catch((err: Error) => {
  process.stderr.write(`bench: ${err.message}\n`);
  process.exit(1);
});
