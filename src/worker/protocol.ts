/**
 * The one message protocol between the renderer and the engine worker. Each call is a request
 * tagged by `type` with an `id`; the worker answers with a result of the same `type` and `id`, or
 * an `error`. An import also streams `progress` messages under its id until its result arrives.
 */
import type { SqlValue } from 'sql.js';
import type { EventSource, FileSummary } from '../core/model';
import type { EventFilter } from '../core/query/filter';
import type { Histogram, StackBy, TableRow } from '../core/query/timeline';
import type { CsvMappingCalls } from './csvMappingProtocol';
import type { ExportChunk, FindingsCalls } from './findingsProtocol';
import type { InvestigationCalls } from './investigationProtocol';

/** A file to import, with the path it is shown and stored under (relative inside a dropped folder). */
export interface FileToImport {
  path: string;
  file: File;
}

/** Where an import stands; mirrors the core's ImportProgress (the renderer may not import core/ingest). */
export interface ImportProgress {
  fileIndex: number;
  fileCount: number;
  path: string;
  bytesRead: number;
  bytesTotal: number;
  /** Lines and events of the current file. */
  lines: number;
  events: number;
  /** Lines and events over every file so far, for rates. */
  linesSoFar: number;
  eventsSoFar: number;
  elapsedMs: number;
}

/** What the analyst set for one file in the import review; mirrors the core's FileSettings. */
export interface FileImportSettings {
  cluster?: string | null;
  node?: string | null;
  /** Minutes east of UTC for timestamps written without a zone. */
  defaultOffsetMinutes?: number;
  /** Year for syslog lines that carry none; absent means inferred from the file's dates. */
  year?: number | null;
}

/** Settings chosen before an import starts, by path as stored; mirrors part of the core's ImportOptions. */
export interface ImportSettings {
  /** Minutes east of UTC for timestamps written without a zone, in every file (UTC when unset). */
  defaultOffsetMinutes?: number;
  /** The same for the events of one source, winning over the import's; a file's own zone wins over both. */
  offsetMinutesBySource?: Partial<Record<EventSource, number>>;
  files?: Record<string, FileImportSettings>;
  /** Corrections of skewed clocks, in ms added to every event's time, per file path and per node. */
  clockOffsetMs?: { files?: Record<string, number>; nodes?: Record<string, number> };
}

export interface ImportResult {
  files: FileSummary[];
  cancelled: boolean;
  elapsedMs: number;
}

/** What the timeline needs for one filter: the chart, the count matching, the case's total. */
export interface Overview {
  histogram: Histogram;
  matching: number;
  total: number;
  /** First and last event under the filter (null when nothing matches). */
  bounds: { min: number; max: number } | null;
}

export interface EventDetail {
  /** Every column of the event, in view order, plus its file's path and SHA-256. */
  row: Record<string, SqlValue>;
  /** The original record, pretty-printed when it is JSON; null when it was not kept. */
  record: string | null;
}

export interface RejectRow {
  line: number;
  reason: string;
  excerpt: string | null;
}

/** Each call: its arguments and what it answers. */
export interface EngineCalls extends FindingsCalls, InvestigationCalls, CsvMappingCalls {
  init: { args: { wasmBinary: ArrayBuffer }; result: { ready: true } };
  /** `analyst` is who imports, for the case's activity log (chain of custody). */
  importFiles: { args: { files: FileToImport[]; analyst?: string | null; settings?: ImportSettings }; result: ImportResult };
  cancelImport: { args: { importId: number }; result: { cancelled: boolean } };
  newCase: { args: Record<string, never>; result: { total: 0 } };
  openCase: { args: { bytes: ArrayBuffer }; result: { total: number } };
  /** Where an event sits in the filtered, time-ordered list (null when the filter excludes it). */
  eventIndex: { args: { filter: EventFilter; eventId: number }; result: { index: number | null } };
  exportCase: { args: Record<string, never>; result: { bytes: ArrayBuffer } };
  overview: { args: { filter: EventFilter; stackBy: StackBy }; result: Overview };
  eventPage: { args: { filter: EventFilter; offset: number; limit: number }; result: { rows: TableRow[] } };
  eventDetail: { args: { eventId: number }; result: EventDetail | null };
  files: { args: Record<string, never>; result: { files: FileSummary[] } };
  rejects: { args: { fileId: number; limit: number }; result: { rejects: RejectRow[]; total: number } };
}

export type CallType = keyof EngineCalls;

export type EngineRequest = { [K in CallType]: { type: K; id: number } & EngineCalls[K]['args'] }[CallType];

export type EngineResult = { [K in CallType]: { type: K; id: number; result: EngineCalls[K]['result'] } }[CallType];

export type EngineResponse =
  | EngineResult
  | { type: 'progress'; id: number; progress: ImportProgress }
  | { type: 'chunk'; id: number; chunk: ExportChunk }
  | { type: 'error'; id: number; message: string };
