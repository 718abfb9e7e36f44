import type { FileSummary } from '../core/model';
import { formatTable } from './table';

export interface ImportTotals {
  files: number;
  lines: number;
  events: number;
  merged: number;
  rejected: number;
  blank: number;
  complete: number;
  partial: number;
  skipped: number;
}

export function totalsOf(files: readonly FileSummary[]): ImportTotals {
  const t: ImportTotals = { files: files.length, lines: 0, events: 0, merged: 0, rejected: 0, blank: 0, complete: 0, partial: 0, skipped: 0 };
  for (const f of files) {
    t.lines += f.lines;
    t.events += f.events;
    t.merged += f.merged;
    t.rejected += f.rejected;
    t.blank += f.blank;
    t[f.status]++;
  }
  return t;
}

/** Exit 1 territory: the import ran to the end but did not take everything in cleanly. */
export function isIncomplete(t: ImportTotals): boolean {
  return t.rejected > 0 || t.partial > 0 || t.skipped > 0;
}

const COUNT_COLUMNS = ['lines', 'events', 'merged', 'rejected', 'blank'] as const;

/** The per-file summary as an aligned table, in the column order of issue 2. */
export function importTable(files: readonly FileSummary[]): string {
  const columns = [
    { title: 'path' }, { title: 'format' },
    ...COUNT_COLUMNS.map((title) => ({ title, alignRight: true })),
    { title: 'status' }, { title: 'reason' }, { title: 'sha256' },
  ];
  const rows = files.map((f) => [
    f.path, f.format ?? '-', ...COUNT_COLUMNS.map((c) => String(f[c])), f.status, f.reason ?? '', f.sha256,
  ]);
  return formatTable(columns, rows);
}

export interface ImportJson {
  case: string;
  created: boolean;
  files: FileSummary[];
  totals: ImportTotals;
  case_events: number;
  elapsed_ms: number;
}

/** `--json`: one object; keys are fixed here so that scripts can rely on their order. */
export function importJson(report: ImportJson): string {
  const files = report.files.map((f) => ({
    id: f.id, path: f.path, size: f.size, sha256: f.sha256, format: f.format,
    lines: f.lines, events: f.events, merged: f.merged, rejected: f.rejected, blank: f.blank,
    status: f.status, reason: f.reason,
  }));
  return JSON.stringify({ ...report, files }, null, 2) + '\n';
}

const count = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The final line on stderr, printed whether or not stderr is a terminal. */
export function importSummaryLine(casePath: string, t: ImportTotals, elapsedMs: number, created: boolean): string {
  const problems = [t.partial ? `${t.partial} partial` : '', t.skipped ? `${t.skipped} skipped` : ''].filter(Boolean);
  return `${created ? 'created' : 'updated'} ${casePath}: ${count(t.files, 'file')} in ${(elapsedMs / 1000).toFixed(1)} s, ` +
    `${count(t.events, 'event')}, ${t.merged.toLocaleString('en-US')} merged, ${t.rejected.toLocaleString('en-US')} rejected, ` +
    `${t.blank.toLocaleString('en-US')} blank${problems.length ? `; files ${problems.join(', ')}` : ''}`;
}
