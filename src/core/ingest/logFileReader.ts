import type { NormalizedEvent } from '../model';
import { detectFormat } from '../formats/registry';
import type { DocumentFormat, LineParser, LogFormat, ParseContext, ParseResult } from '../formats/types';
import type { FileCounts } from '../store/caseStore';
import { LineSplitter, MAX_LINE_CHARS } from './lineSplitter';
import { MERGED, STAGE_WINDOW, StageWindow } from './stageWindow';

/** Where a reader puts what it reads: the case itself, or a packer bound for the case's thread. */
export interface RecordSink {
  /** `merged` when the record is a later stage of a request already kept. */
  addEvent(fileId: number, line: number, ev: NormalizedEvent, raw: string): 'stored' | 'merged';
  addReject(fileId: number, line: number, reason: string, excerpt: string): void;
  /** Called after every chunk: writes what is due. */
  flush(): Promise<void>;
}

/**
 * Bytes decoded at a time. A string under V8's large-object size (128 KiB) is made in the young
 * generation; a larger one gets fresh pages of its own, a page fault every 4 KiB (at 256 KiB
 * chunks, about a second of system time per million audit lines).
 */
const DECODE_PIECE = 64 * 1024;

/** Lines gathered before a file's format is chosen. */
const SNIFF_LINES = 20;
const SNIFF_CHARS = 64 * 1024;
/** Where a NUL byte makes a file binary, unless a format recognizes its first lines (as git looks at its first 8000 bytes). */
const BINARY_CHECK_BYTES = 8 * 1024;
/** A whole-document format (EventList) is parsed in memory: larger documents are refused. */
export const MAX_DOCUMENT_CHARS = 512 * 1024 * 1024;

/**
 * Reads one log file's text: sniffs its first lines, then parses line by line (or as one
 * document), counting every line as an event, a merge, a reject or a blank. A file no format
 * recognizes is skipped with the reason; so is binary data, rather than read as a pile of rejects.
 */
export class LogFileReader {
  readonly #store: RecordSink;
  readonly #fileId: number;
  readonly #ctx: ParseContext;
  readonly #counts: FileCounts;
  readonly #formats: readonly LogFormat[];
  readonly #splitter: LineSplitter;
  #sniffBuffer: { text: string; overlong: boolean }[] = [];
  #sniffChars = 0;
  #parser: LineParser | null = null;
  #document: { format: DocumentFormat; parts: string[]; chars: number } | null = null;
  #unknown = false;
  #binary = false;
  #documentParsed = false;
  #bytesSeen = 0;
  #utf16 = false;
  #nulAt: number | null = null;
  formatId: string | null = null;
  skipReason: string | null = null;

  readonly #correctClock: ((node: string | null) => number) | null;
  /** Events on their way to the store: stages of one request close together are merged in it. */
  readonly #window: StageWindow;

  constructor(
    store: RecordSink, fileId: number, ctx: ParseContext, counts: FileCounts, formats: readonly LogFormat[],
    correctClock: ((node: string | null) => number) | null = null,
    decodeAscii: ((bytes: Uint8Array) => string | null) | null = null,
    stageWindow = STAGE_WINDOW,
  ) {
    this.#window = new StageWindow(stageWindow);
    this.#splitter = new LineSplitter(decodeAscii);
    this.#correctClock = correctClock;
    this.#store = store;
    this.#fileId = fileId;
    this.#ctx = ctx;
    this.#counts = counts;
    this.#formats = formats;
  }

  async push(chunk: Uint8Array): Promise<void> {
    if (this.#binary) return;
    if (!this.#decided) this.#lookForBinary(chunk);
    this.#bytesSeen += chunk.length;
    for (let at = 0; at < chunk.length; at += DECODE_PIECE) {
      for (const line of this.#splitter.push(chunk.subarray(at, at + DECODE_PIECE))) this.#take(line.text, line.overlong);
    }
    // Binary data may hold no newline for megabytes: decide from what has come.
    if (!this.#decided && this.#nulAt !== null && this.#bytesSeen >= SNIFF_CHARS) this.#decide();
    await this.#store.flush();
  }

  async end(): Promise<void> {
    if (!this.#binary) for (const line of this.#splitter.end()) this.#take(line.text, line.overlong);
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
    return this.#parser !== null || this.#document !== null || this.#unknown || this.#binary;
  }

  /** A NUL in the first bytes marks binary data; UTF-16 text (told by its BOM) is full of them. */
  #lookForBinary(chunk: Uint8Array): void {
    if (this.#bytesSeen === 0) this.#utf16 = chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff));
    if (this.#utf16 || this.#nulAt !== null || this.#bytesSeen >= BINARY_CHECK_BYTES) return;
    const at = chunk.subarray(0, BINARY_CHECK_BYTES - this.#bytesSeen).indexOf(0);
    if (at >= 0) this.#nulAt = this.#bytesSeen + at;
  }

  #close(): void {
    if (!this.#decided) this.#decide();
    if (this.#document) this.#parseDocument();
    for (const held of this.#window.drain()) this.#handOver(held.line, held.event, held.raw);
    if (this.#binary) {
      this.#counts.lines = 0;
      this.skipReason = `binary data, not a text log (NUL byte at offset ${this.#nulAt})`;
    } else if (this.#unknown) {
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
    } else if (!this.#binary) {
      this.#sniffBuffer.push({ text, overlong });
      this.#sniffChars += text.length;
      const nonBlank = this.#sniffBuffer.filter((l) => l.text.trim() !== '').length;
      // A pretty-printed JSON document says what it is anywhere in its head: read 64 KiB of it.
      if ((nonBlank >= SNIFF_LINES && !this.#opensDocument()) || this.#sniffChars >= SNIFF_CHARS) this.#decide();
    }
  }

  /** The first line opens a JSON value it does not close (a pretty-printed document, not JSON lines). */
  #opensDocument(): boolean {
    const first = this.#sniffBuffer.find((l) => l.text.trim() !== '')?.text.trim() ?? '';
    return /^[[{]/.test(first) && !/[\]}]$/.test(first);
  }

  #decide(): void {
    const lines = this.#sniffBuffer.filter((l) => !l.overlong && l.text.trim() !== '').map((l) => l.text);
    const head = this.#sniffBuffer.map((l) => l.text).join('\n').slice(0, SNIFF_CHARS);
    const detected = detectFormat(lines, head, this.#formats);
    const buffered = this.#sniffBuffer;
    if (!detected) {
      if (this.#nulAt !== null) this.#binary = true;
      else this.#unknown = true;
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
    } else {
      // A skewed host's clock is corrected in `ts`; `ts_text` keeps what the log says.
      if (this.#correctClock) result.event.ts += this.#correctClock(result.event.node);
      this.#keep(line, result.event, raw);
    }
  }

  #keep(line: number, event: NormalizedEvent, raw: string): void {
    const out = this.#window.add(line, event, raw);
    if (out === MERGED) this.#counts.merged++;
    else if (out) this.#handOver(out.line, out.event, out.raw);
  }

  #handOver(line: number, event: NormalizedEvent, raw: string): void {
    if (this.#store.addEvent(this.#fileId, line, event, raw) === 'stored') {
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
