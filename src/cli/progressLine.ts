import type { ImportProgress } from '../core/ingest/importFiles';
import type { TextSink } from './cliIo';
import { neutralizeForTerminal } from './terminalText';

const CLEAR_LINE = '\r\x1b[2K';

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** One progress line, fitted to the terminal's width (a long path is cut in the middle). */
export function progressText(p: ImportProgress, columns: number): string {
  const percent = p.bytesTotal > 0 ? Math.floor((100 * p.bytesRead) / p.bytesTotal) : 100;
  const rate = p.elapsedMs > 0 ? Math.round((p.events * 1000) / p.elapsedMs) : 0;
  const stats = `${percent}%  ${megabytes(p.bytesRead)}/${megabytes(p.bytesTotal)}  ${p.events.toLocaleString('en-US')} events  ${rate.toLocaleString('en-US')}/s`;
  const prefix = `[${p.fileIndex + 1}/${p.fileCount}] `;
  const room = Math.max(10, columns - prefix.length - stats.length - 3);
  let path = neutralizeForTerminal(p.path);
  if (path.length > room) path = `${path.slice(0, Math.floor(room / 2) - 1)}…${path.slice(path.length - Math.ceil(room / 2) + 1)}`;
  return `${prefix}${path}  ${stats}`;
}

/** Draws progress on stderr only when it is a terminal; a pipe or a log file gets only the summary. */
export function createProgressLine(stderr: TextSink): { update(p: ImportProgress): void; clear(): void } {
  let drawn = false;
  return {
    update(p) {
      if (!stderr.isTTY) return;
      stderr.write(CLEAR_LINE + progressText(p, stderr.columns ?? 80));
      drawn = true;
    },
    clear() {
      if (drawn) stderr.write(CLEAR_LINE);
      drawn = false;
    },
  };
}
