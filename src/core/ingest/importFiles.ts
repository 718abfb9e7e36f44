import { FORMATS } from '../formats/registry';
import type { LogFormat } from '../formats/types';
import type { EventSource, FileSummary } from '../model';
import type { CaseStore, FileCounts } from '../store/caseStore';
import type { RandomAccess } from './containers/randomAccess';
import { DuplicateIndex } from './duplicates';
import { Cancelled, noCounts, type ImportRun, type Source } from './importRun';
import { importSource } from './importSource';
import type { ParseOffload } from './parseOffload';
import type { InputFile } from './input';
import { ExpansionBudget, IMPORT_LIMITS, type ImportLimits } from './limits';

export { MAX_DOCUMENT_CHARS } from './logFileReader';

const PROGRESS_EVERY_MS = 100;

export interface ImportProgress {
  /** The top-level input being read (archive members count under their archive). */
  fileIndex: number;
  fileCount: number;
  /** The file being read: the input, or the member inside it (`bundle.tar.gz!prod/audit.log`). */
  path: string;
  /** Bytes of the inputs read so far, as stored (compressed for a .gz or an archive). */
  bytesRead: number;
  bytesTotal: number;
  /** Lines and events read so far from the current input, all its members together. */
  lines: number;
  events: number;
  elapsedMs: number;
}

export interface ImportOptions {
  /** Cluster and node for every file, overriding what the path suggests (a record's own value still wins). */
  cluster?: string | null;
  node?: string | null;
  /** Minutes east of UTC for timestamps written without a zone (UTC when unset). */
  defaultOffsetMinutes?: number;
  /**
   * The same per source (the `source` column: authlog from Frankfurt hosts, a CSV written in US
   * Eastern time), for every file whose records are of that source. A file's own
   * `defaultOffsetMinutes` wins over it, and it wins over the import's.
   */
  offsetMinutesBySource?: Readonly<Partial<Record<EventSource, number>>>;
  /** Year for syslog lines that carry none (else inferred from the file's dates). */
  year?: number | null;
  /** Settings the user chose per file before the import, by path as stored; they win over the ones above. */
  files?: Readonly<Record<string, FileSettings>>;
  /** Corrections of skewed clocks, in ms added to every event's time: per file path, and per node (host). */
  clockOffsetMs?: { files?: Readonly<Record<string, number>>; nodes?: Readonly<Record<string, number>> };
  signal?: AbortSignal;
  /** Called about every 100 ms; an async callback lets the host breathe (the worker yields here). */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  formats?: readonly LogFormat[];
  /** Parses log files on another thread (a worker thread in the CLI, a Web Worker in the app); without it, on this one. */
  parseOffload?: ParseOffload;
  /** Tightens or loosens IMPORT_LIMITS (tests set them low). */
  limits?: Partial<ImportLimits>;
  now?: () => number;
}

/** What the user may set for one file before it is read. */
export interface FileSettings {
  cluster?: string | null;
  node?: string | null;
  defaultOffsetMinutes?: number;
  year?: number | null;
}

export interface ImportSummary {
  /** One row per file read or listed, archives and their members included, in id order. */
  files: FileSummary[];
  cancelled: boolean;
  elapsedMs: number;
}

/**
 * Imports files into a case. Each is recognized by content: gzip, tar and zip are opened
 * (recursively, members named `archive!path/inside`), logs are split into lines, parsed and
 * stored. A bad line becomes a counted reject; a broken or hostile file becomes `partial` or
 * `skipped` with its reason; a file already in the case is skipped; nothing aborts the rest.
 */
export async function importFiles(store: CaseStore, inputs: readonly InputFile[], options: ImportOptions = {}): Promise<ImportSummary> {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const limits: ImportLimits = { ...IMPORT_LIMITS, ...options.limits };
  const bytesTotal = inputs.reduce((n, f) => n + f.size, 0);
  const duplicates = new DuplicateIndex(store);
  const rows: FileSummary[] = [];
  let bytesBefore = 0;
  let lastReport = 0;
  let cancelled = false;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    if (cancelled || options.signal?.aborted) {
      cancelled = true;
      rows.push(cancelledBefore(store, input));
      continue;
    }
    const budget = new ExpansionBudget(limits);
    const progressIn = { sequential: 0, ranges: 0 };
    const run: ImportRun = {
      store, options, limits, budget, duplicates, rows,
      formats: options.formats ?? FORMATS,
      tally: { lines: 0, events: 0 },
      async report(path: string, counts: FileCounts = noCounts(), force = false) {
        const t = now();
        if (!force && t - lastReport < PROGRESS_EVERY_MS) return;
        lastReport = t;
        if (options.signal?.aborted) throw new Cancelled();
        await options.onProgress?.({
          fileIndex: i, fileCount: inputs.length, path,
          bytesRead: bytesBefore + Math.min(input.size, Math.max(progressIn.sequential, progressIn.ranges)), bytesTotal,
          lines: run.tally.lines + counts.lines, events: run.tally.events + counts.events, elapsedMs: t - started,
        });
        if (options.signal?.aborted) throw new Cancelled();
      },
    };
    try {
      await importSource(run, topLevelSource(input, budget, progressIn));
    } catch (err) {
      if (!(err instanceof Cancelled)) throw err;
      cancelled = true;
    }
    bytesBefore += input.size;
  }
  rows.sort((a, b) => a.id - b.id);
  return { files: rows, cancelled, elapsedMs: now() - started };
}

/**
 * A dropped file as the root of its tree. Its bytes are counted as stored, for the decompression
 * ratio and for progress: the furthest position of a pass from the start, or the sum of the
 * ranges read in place (a zip's entries), whichever is more.
 */
function topLevelSource(input: InputFile, budget: ExpansionBudget, progressIn: { sequential: number; ranges: number }): Source {
  async function* counted(): AsyncGenerator<Uint8Array> {
    let at = 0;
    for await (const chunk of input.open()) {
      budget.countStored(chunk.length);
      at += chunk.length;
      if (at > progressIn.sequential) progressIn.sequential = at;
      yield chunk;
    }
  }
  const readRange = input.readRange?.bind(input);
  const random: RandomAccess | undefined = readRange && {
    size: input.size,
    async read(offset, length) {
      const bytes = await readRange(offset, length);
      budget.countStored(bytes.length);
      progressIn.ranges += bytes.length;
      return bytes;
    },
  };
  return { path: input.path, size: input.size, mtime: input.mtime, depth: 0, open: counted, reopenable: true, random };
}

function cancelledBefore(store: CaseStore, input: InputFile): FileSummary {
  const reason = 'import cancelled before this file';
  const id = store.addFile({ path: input.path, size: input.size, sha256: '', format: null, cluster: null, node: null });
  const counts = noCounts();
  store.finishFile(id, null, counts, 'skipped', reason);
  return { id, path: input.path, size: input.size, sha256: '', format: null, ...counts, status: 'skipped', reason };
}
