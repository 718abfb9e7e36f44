import type { LogFormat, ParseContext } from '../formats/types';
import type { EventSource, FileStatus, FileSummary } from '../model';
import type { CaseStore, FileCounts } from '../store/caseStore';
import { attributeFromPath } from './attribution';
import type { RandomAccess } from './containers/randomAccess';
import type { DuplicateIndex } from './duplicates';
import type { ImportOptions } from './importFiles';
import type { ExpansionBudget, ImportLimits } from './limits';

/** Thrown inside a file's read when the user cancels; each container above records it and passes it on. */
export class Cancelled extends Error {}

export const CANCELLED_REASON = 'import cancelled by the user';

/** One file to import: a top-level input or a member of an archive, at any depth. */
export interface Source {
  /** Stored path, members after `!`. */
  path: string;
  /** Length of the bytes `open` yields, which are the bytes hashed (a .gz as stored, a zip entry inflated). */
  size: number;
  mtime: number | null;
  /** Archive and compression layers above this file. */
  depth: number;
  open(): AsyncIterable<Uint8Array>;
  /** Whether `open` may be called again (a file, a zip entry, bytes in memory; not a tar member read from a stream). */
  reopenable: boolean;
  /** The whole file, when it is held in memory. */
  bytes?: Uint8Array;
  /** Random access to the bytes, where the input offers it (a zip is read from its directory). */
  random?: RandomAccess;
}

/** How reading one file ended, before its row is closed. */
export interface Outcome {
  format: string | null;
  counts: FileCounts;
  status: FileStatus;
  reason: string | null;
  /** The user cancelled: the row is closed, then Cancelled is thrown on up. */
  cancelled?: boolean;
}

/** Everything the import of one top-level input shares down its tree of members. */
export interface ImportRun {
  store: CaseStore;
  options: ImportOptions;
  formats: readonly LogFormat[];
  limits: ImportLimits;
  budget: ExpansionBudget;
  duplicates: DuplicateIndex;
  /** Every row made, for the summary. */
  rows: FileSummary[];
  /** Lines and events of the finished files of this input, for progress. */
  tally: { lines: number; events: number };
  /** Reports progress (throttled unless forced); throws Cancelled when the user has cancelled. */
  report(path: string, counts?: FileCounts, force?: boolean): Promise<void>;
}

export const noCounts = (): FileCounts => ({ lines: 0, events: 0, merged: 0, rejected: 0, blank: 0 });

export function outcome(format: string | null, status: FileStatus, reason: string | null, counts = noCounts()): Outcome {
  return { format, counts, status, reason };
}

/** The part of a run that says how to read a file: plain data, so a parse worker gets it too. */
export type SettingsOf = Pick<ImportRun, 'options'>;

/** How to read one file: what its parser is told, and its clock correction. */
export function readerSettings(run: SettingsOf, source: { path: string; mtime: number | null }): {
  ctx: ParseContext;
  correctClock: ((node: string | null) => number) | null;
} {
  const { cluster, node } = attribution(run, source.path);
  const year = run.options.files?.[source.path]?.year ?? run.options.year ?? null;
  const ctx = new FileParseContext(source.path, cluster, node, source.mtime, year, zoneOffsets(run, source.path));
  return { ctx, correctClock: clockCorrection(run, source.path) };
}

/**
 * What one file's parser is told. A class: parsers ask offsetMinutesFor for every record, and a
 * function made per file was a new call target at every file, for which V8 threw the parser's
 * optimized code away (and compiled it again).
 */
class FileParseContext implements ParseContext {
  readonly #zones: ZoneOffsets;

  constructor(
    readonly path: string, readonly cluster: string | null, readonly node: string | null, readonly mtime: number | null,
    readonly year: number | null, zones: ZoneOffsets,
  ) {
    this.#zones = zones;
  }

  offsetMinutesFor(source: EventSource): number {
    const zones = this.#zones;
    return zones.own ?? zones.bySource?.[source] ?? zones.fallback;
  }
}

interface ZoneOffsets {
  own: number | undefined;
  bySource: Readonly<Partial<Record<EventSource, number>>> | undefined;
  fallback: number;
}

/** Cluster and node for a file: the user's choice, else what its path suggests. */
export function attribution(run: SettingsOf, path: string): { cluster: string | null; node: string | null } {
  const fromPath = attributeFromPath(path);
  const own = run.options.files?.[path];
  return { cluster: own?.cluster ?? run.options.cluster ?? fromPath.cluster, node: own?.node ?? run.options.node ?? fromPath.node };
}

/**
 * The zone of a file's timestamps written without one, by the source of the record: the file's own
 * setting, else the source's, else the import's, else UTC.
 */
function zoneOffsets(run: SettingsOf, path: string): ZoneOffsets {
  return {
    own: run.options.files?.[path]?.defaultOffsetMinutes,
    bySource: run.options.offsetMinutesBySource,
    fallback: run.options.defaultOffsetMinutes ?? 0,
  };
}

/** A file's clock correction: its own offset plus its node's (per event, as syslog names the host per line). */
export function clockCorrection(run: SettingsOf, path: string): ((node: string | null) => number) | null {
  const { files, nodes } = run.options.clockOffsetMs ?? {};
  const fileMs = files?.[path] ?? 0;
  if (!fileMs && !nodes) return null;
  return (node) => fileMs + (node !== null ? (nodes?.[node] ?? 0) : 0);
}

/** Opens a file's row; it is `partial` until closed. */
export function openRow(run: ImportRun, path: string, size: number): number {
  return run.store.addFile({ path, size, sha256: '', format: null, ...attribution(run, path) });
}

export function closeRow(run: ImportRun, id: number, path: string, size: number, sha256: string, result: Outcome): void {
  const { format, counts, status, reason } = result;
  run.store.finishFile(id, format, counts, status, reason, sha256);
  run.rows.push({ id, path, size, sha256, format, ...counts, status, reason });
  run.tally.lines += counts.lines;
  run.tally.events += counts.events;
  if (status !== 'skipped' && sha256 !== '') run.duplicates.remember(size);
}

/** A row for something listed but not read (a link, an unsafe name, a duplicate...). */
export function skippedRow(run: ImportRun, path: string, size: number, reason: string, sha256 = ''): void {
  const id = openRow(run, path, size);
  closeRow(run, id, path, size, sha256, outcome(null, 'skipped', reason));
}
