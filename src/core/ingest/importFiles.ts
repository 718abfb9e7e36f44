import { detectFormat, FORMATS } from '../formats/registry';
import type { DocumentFormat, LineParser, LogFormat, ParseContext, ParseResult } from '../formats/types';
import type { FileSummary, FileStatus } from '../model';
import type { CaseStore, FileCounts } from '../store/caseStore';
import { attributeFromPath } from './attribution';
import { isGzip, type InputFile } from './input';
import { LineSplitter, MAX_LINE_CHARS } from './lineSplitter';

/** Lines gathered before a file's format is chosen. */
const SNIFF_LINES = 20;
const SNIFF_CHARS = 64 * 1024;
/** A whole-document format (EventList) is parsed in memory: larger documents are refused. */
export const MAX_DOCUMENT_CHARS = 512 * 1024 * 1024;
const PROGRESS_EVERY_MS = 100;

export interface ImportProgress {
  fileIndex: number;
  fileCount: number;
  path: string;
  /** Bytes read so far over all files, as stored (compressed for .gz). */
  bytesRead: number;
  bytesTotal: number;
  lines: number;
  events: number;
  elapsedMs: number;
}

export interface ImportOptions {
  /** Cluster and node for every file, overriding what the path suggests (a record's own value still wins). */
  cluster?: string | null;
  node?: string | null;
  /** Minutes east of UTC for timestamps written without a zone. */
  defaultOffsetMinutes?: number;
  /** Year for syslog lines that carry none (else inferred from the file's dates). */
  year?: number | null;
  signal?: AbortSignal;
  /** Called about every 100 ms; an async callback lets the host breathe (the worker yields here). */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  formats?: readonly LogFormat[];
  now?: () => number;
}

export interface ImportSummary {
  files: FileSummary[];
  cancelled: boolean;
  elapsedMs: number;
}

/** Thrown inside a file's read when the user cancels. */
class Cancelled extends Error {}

/**
 * Imports files into a case: each file is recognized by content, decompressed when gzipped,
 * hashed, split into lines, parsed and stored. A bad line becomes a counted reject; a broken file
 * becomes `partial` or `skipped` with its reason; nothing aborts the rest of the import.
 */
export async function importFiles(store: CaseStore, inputs: readonly InputFile[], options: ImportOptions = {}): Promise<ImportSummary> {
  const now = options.now ?? (() => Date.now());
  const started = now();
  const bytesTotal = inputs.reduce((n, f) => n + f.size, 0);
  const progress = { bytesBefore: 0, lastReport: 0 };
  const files: FileSummary[] = [];
  let cancelled = false;
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    if (cancelled || options.signal?.aborted) {
      cancelled = true;
      const id = store.addFile({ path: input.path, size: input.size, sha256: '', format: null, cluster: null, node: null });
      const counts = { lines: 0, events: 0, merged: 0, rejected: 0, blank: 0 };
      store.finishFile(id, null, counts, 'skipped', 'import cancelled before this file');
      files.push({ id, path: input.path, size: input.size, sha256: '', format: null, ...counts, status: 'skipped', reason: 'import cancelled before this file' });
      continue;
    }
    const report = async (bytesInFile: number, counts: FileCounts, force = false): Promise<void> => {
      const t = now();
      if (!force && t - progress.lastReport < PROGRESS_EVERY_MS) return;
      progress.lastReport = t;
      if (options.signal?.aborted) throw new Cancelled();
      await options.onProgress?.({
        fileIndex: i, fileCount: inputs.length, path: input.path,
        bytesRead: progress.bytesBefore + bytesInFile, bytesTotal,
        lines: counts.lines, events: counts.events, elapsedMs: t - started,
      });
      if (options.signal?.aborted) throw new Cancelled();
    };
    const summary = await importOne(store, input, options, report);
    if (summary.reason?.startsWith(CANCELLED_REASON)) cancelled = true;
    files.push(summary);
    progress.bytesBefore += input.size;
  }
  return { files, cancelled, elapsedMs: now() - started };
}

const CANCELLED_REASON = 'import cancelled by the user';

type Reporter = (bytesInFile: number, counts: FileCounts, force?: boolean) => Promise<void>;

async function importOne(store: CaseStore, input: InputFile, options: ImportOptions, report: Reporter): Promise<FileSummary> {
  const fromPath = attributeFromPath(input.path);
  const ctx: ParseContext = {
    path: input.path,
    cluster: options.cluster ?? fromPath.cluster,
    node: options.node ?? fromPath.node,
    mtime: input.mtime,
    defaultOffsetMinutes: options.defaultOffsetMinutes ?? 0,
    year: options.year ?? null,
  };
  const hasher = await store.platform.createSha256();
  const fileId = store.addFile({ path: input.path, size: input.size, sha256: '', format: null, cluster: ctx.cluster, node: ctx.node });
  const counts: FileCounts = { lines: 0, events: 0, merged: 0, rejected: 0, blank: 0 };
  const reader = new FileReader(store, fileId, ctx, counts, options.formats ?? FORMATS);
  let bytesRead = 0;
  let status: FileStatus = 'complete';
  let reason: string | null = null;

  // Every byte is hashed as stored, before decompression.
  async function* rawBytes(): AsyncIterable<Uint8Array> {
    for await (const chunk of input.open()) {
      hasher.update(chunk);
      bytesRead += chunk.length;
      yield chunk;
    }
  }

  store.begin();
  const raw = rawBytes()[Symbol.asyncIterator]();
  let gzip = false;
  try {
    const first = await raw.next();
    gzip = !first.done && isGzip(first.value);
    async function* replay(): AsyncIterable<Uint8Array> {
      if (first.done) return;
      yield first.value;
      for (let next = await raw.next(); !next.done; next = await raw.next()) yield next.value;
    }
    const text = gzip ? store.platform.gunzip(replay()) : replay();
    for await (const chunk of text) {
      await reader.push(chunk);
      await report(bytesRead, counts);
    }
    await reader.end();
  } catch (err) {
    status = 'partial';
    if (err instanceof Cancelled) {
      reason = `${CANCELLED_REASON} after line ${counts.lines}`;
      reader.abandon('line cut off by the cancelled import');
    } else {
      const what = gzip ? 'gzip data truncated or corrupt' : 'read error';
      reason = `${what} after ${bytesRead} bytes (line ${counts.lines}): ${(err as Error).message}`;
      reader.abandon(`incomplete last line: ${what}`);
      // Read on to the end so that the SHA-256 covers the whole file as stored.
      try {
        for (let next = await raw.next(); !next.done; next = await raw.next()) void next;
      } catch {
        reason += '; the file could not be read to its end, so its SHA-256 covers only what was read';
      }
    }
  }
  await store.flushAll();
  const sha256 = hasher.digestHex();
  if (status === 'complete' && reader.skipReason) {
    status = 'skipped';
    reason = reader.skipReason;
  }
  store.finishFile(fileId, reader.formatId, counts, status, reason, sha256);
  store.commit();
  await report(bytesRead, counts, true).catch(() => undefined);
  return { id: fileId, path: input.path, size: input.size, sha256, format: reader.formatId, ...counts, status, reason };
}

/** Per-file state machine: sniff the first lines, then parse line by line (or as one document). */
class FileReader {
  readonly #store: CaseStore;
  readonly #fileId: number;
  readonly #ctx: ParseContext;
  readonly #counts: FileCounts;
  readonly #formats: readonly LogFormat[];
  readonly #splitter = new LineSplitter();
  #sniffBuffer: { text: string; overlong: boolean }[] = [];
  #sniffChars = 0;
  #parser: LineParser | null = null;
  #document: { format: DocumentFormat; parts: string[]; chars: number } | null = null;
  #unknown = false;
  #documentParsed = false;
  formatId: string | null = null;
  skipReason: string | null = null;

  constructor(store: CaseStore, fileId: number, ctx: ParseContext, counts: FileCounts, formats: readonly LogFormat[]) {
    this.#store = store;
    this.#fileId = fileId;
    this.#ctx = ctx;
    this.#counts = counts;
    this.#formats = formats;
  }

  async push(chunk: Uint8Array): Promise<void> {
    for (const line of this.#splitter.push(chunk)) this.#take(line.text, line.overlong);
    await this.#store.flush();
  }

  async end(): Promise<void> {
    for (const line of this.#splitter.end()) this.#take(line.text, line.overlong);
    this.#close();
    await this.#store.flush();
  }

  /** On a broken or cancelled stream: the held-back incomplete line is counted as a reject, never dropped. */
  abandon(reason: string): void {
    if (!this.#decided) this.#decide();
    const pending = this.#splitter.pending;
    if (pending !== '' && this.#parser) {
      this.#counts.lines++;
      this.#counts.rejected++;
      this.#store.addReject(this.#fileId, this.#counts.lines, reason, pending);
    }
    this.#close();
  }

  get #decided(): boolean {
    return this.#parser !== null || this.#document !== null || this.#unknown;
  }

  #close(): void {
    if (!this.#decided) this.#decide();
    if (this.#document) this.#parseDocument();
    if (this.#unknown) {
      // A skipped file counts no records (lines = events + merged + rejected + blank holds at 0);
      // the reason says how many physical lines were passed over.
      const physical = this.#counts.lines;
      this.#counts.lines = 0;
      const nonBlank = this.#sniffBuffer.find((l) => l.text.trim() !== '');
      this.skipReason = nonBlank
        ? `no known log format recognized in ${physical} lines (first line: ${JSON.stringify(nonBlank.text.slice(0, 80))})`
        : physical === 0 ? 'empty file' : `only blank lines (${physical})`;
    }
  }

  #take(text: string, overlong: boolean): void {
    if (this.#parser) {
      this.#parseLine(text, overlong);
    } else if (this.#document) {
      this.#counts.lines++;
      this.#document.chars += text.length + 1;
      if (this.#document.chars > MAX_DOCUMENT_CHARS) throw new Error(`JSON document larger than ${MAX_DOCUMENT_CHARS / 2 ** 20} MiB`);
      this.#document.parts.push(text);
    } else if (this.#unknown) {
      this.#counts.lines++;
    } else {
      this.#sniffBuffer.push({ text, overlong });
      this.#sniffChars += text.length;
      const nonBlank = this.#sniffBuffer.filter((l) => l.text.trim() !== '').length;
      if (nonBlank >= SNIFF_LINES || this.#sniffChars >= SNIFF_CHARS) this.#decide();
    }
  }

  #decide(): void {
    const lines = this.#sniffBuffer.filter((l) => !l.overlong && l.text.trim() !== '').map((l) => l.text);
    const head = this.#sniffBuffer.map((l) => l.text).join('\n').slice(0, SNIFF_CHARS);
    const detected = detectFormat(lines, head, this.#formats);
    const buffered = this.#sniffBuffer;
    if (!detected) {
      this.#unknown = true;
      this.#counts.lines += buffered.length;
      return;
    }
    this.formatId = detected.format.id;
    this.#sniffBuffer = [];
    if (detected.kind === 'lines') {
      this.#parser = detected.format.open(this.#ctx);
      for (const l of buffered) this.#parseLine(l.text, l.overlong);
    } else {
      this.#document = { format: detected.format, parts: [], chars: 0 };
      for (const l of buffered) this.#take(l.text, l.overlong);
    }
  }

  #parseLine(text: string, overlong: boolean): void {
    const line = ++this.#counts.lines;
    const result: ParseResult = overlong
      ? { kind: 'reject', reason: `line longer than ${MAX_LINE_CHARS / 2 ** 20} MiB` }
      : (this.#parser as LineParser).parseLine(text);
    this.#record(line, result, text);
  }

  #record(line: number, result: ParseResult, raw: string): void {
    if (result.kind === 'blank') {
      this.#counts.blank++;
    } else if (result.kind === 'reject') {
      this.#counts.rejected++;
      this.#store.addReject(this.#fileId, line, result.reason, raw);
    } else if (this.#store.addEvent(this.#fileId, line, result.event, raw) === 'stored') {
      this.#counts.events++;
    } else {
      this.#counts.merged++;
    }
  }

  /** Document formats count records, not physical lines: `lines` is then the number of items. */
  #parseDocument(): void {
    const doc = this.#document;
    if (!doc || this.#documentParsed) return;
    this.#documentParsed = true;
    const text = doc.parts.join('\n');
    this.#counts.lines = 0;
    for (const record of doc.format.parseDocument(text, this.#ctx)) {
      this.#counts.lines++;
      this.#record(record.line, record.result, record.raw);
    }
  }
}
