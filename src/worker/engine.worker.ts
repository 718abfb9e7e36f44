/**
 * The engine in a Web Worker: owns the case (sql.js) and answers the renderer's typed requests
 * (./protocol.ts), so that an import or a query never blocks the UI. Requests run one at a time in
 * arrival order; only `cancelImport` jumps the queue, so that it reaches a running import.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { importFiles } from '../core/ingest/importFiles';
import type { FileSummary } from '../core/model';
import { filterCondition } from '../core/query/filter';
import { queryNumber, queryObjects, queryRows } from '../core/query/sqlRows';
import { countEvents, eventPage, eventRow, timelineOverview } from '../core/query/timeline';
import { CaseFileError, CaseStore } from '../core/store/caseStore';
import { recordImports } from '../core/findings/activityLog';
import { caseSizeBytes, caseSizeProblem } from '../core/store/caseLimits';
import { formatsForCase } from '../core/store/csvMappings';
import { csvMappingHandlers } from './csvMappingHandlers';
import { findingsHandlers } from './findingsHandlers';
import { investigationHandlers, prepareFilter } from './investigationHandlers';
import { settingsForMembers } from './archiveSettings';
import { inputFromFile } from './fileInputs';
import type { CallType, EngineCalls, EngineRequest, EngineResponse, RejectRow } from './protocol';
import { engineParseWorker } from './parseWorkerClient';
import { workerPlatform } from './workerPlatform';

interface WorkerScope {
  postMessage(message: EngineResponse, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

let SQL: SqlJsStatic | null = null;
let store: CaseStore | null = null;
const runningImports = new Map<number, AbortController>();

/** The open case; an empty one is created on first use (a fresh window is an empty, unsaved case). */
function currentStore(): CaseStore {
  if (!SQL) throw new Error('the engine is not initialized yet');
  store ??= CaseStore.create(SQL, workerPlatform);
  return store;
}

/** Lets the event loop run, so that a cancel message posted during an import is received. */
const breathe = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

let queue: Promise<void> = Promise.resolve();
/** Runs work after everything already in line; a failing job never stops the line. */
function enqueue(job: () => Promise<void> | void): void {
  queue = queue.then(job).catch((err: unknown) => console.error(err));
}

const investigation = investigationHandlers({ store: currentStore, enqueue });

type Request<K extends CallType> = Extract<EngineRequest, { type: K }>;
type Handlers = { [K in CallType]: (req: Request<K>) => Promise<EngineCalls[K]['result']> | EngineCalls[K]['result'] };

const handlers: Handlers = {
  ...findingsHandlers({
    store: currentStore,
    postChunk: (id, chunk) => scope.postMessage({ type: 'chunk', id, chunk }),
    breathe,
  }),
  ...investigation,
  ...csvMappingHandlers(currentStore),

  async init({ wasmBinary }) {
    SQL ??= await initSqlJs({ wasmBinary });
    return { ready: true };
  },

  async importFiles({ id, files, analyst, settings }) {
    const target = currentStore();
    const controller = new AbortController();
    runningImports.set(id, controller);
    // The core counts per file; the progress bar wants rates over the whole import.
    const before = { fileIndex: 0, lines: 0, events: 0 };
    let last = { lines: 0, events: 0 };
    try {
      const result = await importFiles(target, files.map((f) => inputFromFile(f.path, f.file)), {
        ...settingsForMembers(settings),
        // The case's saved column mappings first: a CSV the analyst mapped once is read without asking.
        formats: formatsForCase(target.db),
        // Log files are parsed in a worker of the engine's own, on another core.
        parseOffload: (await engineParseWorker()) ?? undefined,
        signal: controller.signal,
        onProgress: async (p) => {
          if (p.fileIndex !== before.fileIndex) {
            before.fileIndex = p.fileIndex;
            before.lines += last.lines;
            before.events += last.events;
          }
          last = { lines: p.lines, events: p.events };
          const progress = { ...p, linesSoFar: before.lines + p.lines, eventsSoFar: before.events + p.events };
          scope.postMessage({ type: 'progress', id, progress });
          await breathe();
        },
      });
      // Chain of custody: who imported which file, with its SHA-256.
      recordImports(target.db, analyst ?? null, result.files);
      return result;
    } finally {
      runningImports.delete(id);
    }
  },

  cancelImport({ importId }) {
    const controller = runningImports.get(importId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  },

  newCase() {
    if (!SQL) throw new Error('the engine is not initialized yet');
    store?.close();
    store = CaseStore.create(SQL, workerPlatform);
    return { total: 0 };
  },

  openCase({ bytes }) {
    if (!SQL) throw new Error('the engine is not initialized yet');
    const tooLarge = caseSizeProblem(bytes.byteLength);
    if (tooLarge) throw new Error(`This file cannot be opened as a case: ${tooLarge}.`);
    let opened: CaseStore;
    try {
      opened = CaseStore.open(SQL, workerPlatform, new Uint8Array(bytes));
    } catch (err) {
      if (err instanceof CaseFileError) throw new Error(`This file cannot be opened as a case: ${err.message}.`);
      throw err;
    }
    store?.close();
    store = opened;
    return { total: countEvents(opened.db, {}) };
  },

  async exportCase() {
    const target = currentStore();
    await target.flushAll();
    // Refused before the copy that export makes: a save of a case too large would exhaust memory.
    const tooLarge = caseSizeProblem(caseSizeBytes(target.db));
    if (tooLarge) throw new Error(`The case was not saved: ${tooLarge}.`);
    const bytes = target.export();
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return { bytes: (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer };
  },

  overview({ filter, stackBy }) {
    const db = currentStore().db;
    // The histogram spans every matching event: its total is the count.
    const { histogram: chart, bounds } = timelineOverview(db, filter, stackBy);
    return { histogram: chart, matching: chart.total, total: countEvents(db, {}), bounds };
  },

  eventPage({ filter, offset, limit }) {
    return { rows: eventPage(currentStore().db, filter, offset, limit) };
  },

  eventIndex({ filter, eventId }) {
    const db = currentStore().db;
    const cond = filterCondition(filter);
    const at = queryRows(db, `SELECT e.ts, e.file_id, e.line FROM event_rows e WHERE e.id = ? AND ${cond.where}`, [eventId, ...cond.params]).rows[0];
    if (!at) return { index: null };
    // Rows before it in the table's order (ts, file, line): the event_rows_ts index answers this.
    const before = queryNumber(db, `SELECT count(*) FROM event_rows e WHERE (e.ts, e.file_id, e.line) < (?, ?, ?) AND ${cond.where}`, [...at, ...cond.params]);
    return { index: before };
  },

  async eventDetail({ eventId }) {
    const target = currentStore();
    const row = eventRow(target.db, eventId);
    if (!row) return null;
    return { row, record: prettyJson(await target.rawRecord(eventId)) };
  },

  files() {
    const files = queryObjects<FileSummary>(
      currentStore().db,
      'SELECT id, path, size, sha256, format, lines, events, merged, rejected, blank, status, reason FROM files ORDER BY id',
    );
    return { files };
  },

  rejects({ fileId, limit }) {
    const db = currentStore().db;
    const rejects = queryObjects<RejectRow>(db, 'SELECT line, reason, excerpt FROM rejects WHERE file_id = ? ORDER BY line LIMIT ?', [fileId, limit]);
    return { rejects, total: queryNumber(db, 'SELECT count(*) FROM rejects WHERE file_id = ?', [fileId]) };
  },
};

/** The original record indented for reading; a record that is not JSON is shown as it was. */
function prettyJson(record: string | null): string | null {
  if (record === null) return null;
  try {
    return JSON.stringify(JSON.parse(record), null, 2);
  } catch {
    return record;
  }
}

async function answer(req: EngineRequest): Promise<void> {
  try {
    const handler = handlers[req.type] as (r: EngineRequest) => Promise<unknown> | unknown;
    if ('filter' in req && store) prepareFilter(store, req.filter);
    const result = await handler(req);
    // New events: indexes, summaries and the text index are brought up to date in the background.
    if (req.type === 'importFiles' || req.type === 'openCase') investigation.kickAnalysis();
    const transfer = req.type === 'exportCase' ? [(result as { bytes: ArrayBuffer }).bytes] : [];
    scope.postMessage({ type: req.type, id: req.id, result } as EngineResponse, transfer);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    scope.postMessage({ type: 'error', id: req.id, message });
  }
}

scope.addEventListener('message', (event) => {
  const req = event.data;
  if (req.type === 'cancelImport') {
    void answer(req);
    return;
  }
  enqueue(() => answer(req));
});
