/**
 * The import's speed and memory target (issue 3): 1,000,000 audit lines imported end to end at least
 * 1.5 times faster than one `zcat -f <files> | jq -r .user.username | sort | uniq -c` pass over the
 * same files, with peak memory under 2 GB. The same files are the audit files: jq reads nothing
 * else (auth.log lines are not JSON), so `jq_speedup` (the audit files imported alone) is the
 * figure judged; `mixed_jq_speedup` (the whole .tar.gz, auth logs and its outer gunzip included)
 * is reported beside it.
 */
export const IMPORT_TARGET = { auditLines: 1_000_000, jqSpeedup: 1.5, peakRssMb: 2048 } as const;

export interface TargetFigures {
  audit_lines: number;
  jq_speedup: number | null;
  peak_rss_mb: number | null;
}

/** Whether a run met the target: null when it cannot tell (no jq, no memory figure, or fewer lines than the target's). */
export function targetMet(run: TargetFigures): boolean | null {
  if (run.audit_lines < IMPORT_TARGET.auditLines || run.jq_speedup === null || run.peak_rss_mb === null) return null;
  return run.jq_speedup >= IMPORT_TARGET.jqSpeedup && run.peak_rss_mb < IMPORT_TARGET.peakRssMb;
}

/** One line for the plain-text report. */
export function targetLine(run: TargetFigures): string {
  const goal = `${IMPORT_TARGET.auditLines.toLocaleString('en-US')} audit lines, jq_speedup >= ${IMPORT_TARGET.jqSpeedup}, peak under ${IMPORT_TARGET.peakRssMb} MB`;
  const met = targetMet(run);
  if (met === null) {
    const why = run.audit_lines < IMPORT_TARGET.auditLines ? `this run has ${run.audit_lines.toLocaleString('en-US')} audit lines` : run.jq_speedup === null ? 'jq is not installed' : 'no memory figure';
    return `target (${goal}): not judged, ${why}`;
  }
  return `target (${goal}): ${met ? 'met' : 'NOT met'} (jq_speedup ${run.jq_speedup}, peak ${run.peak_rss_mb} MB)`;
}
