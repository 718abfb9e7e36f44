import type { EventSource, NormalizedEvent } from '../model';

/** What a parser knows about the file it reads, besides its lines. */
export interface ParseContext {
  /** Path as stored in the files table (inside its archive where it has one). */
  path: string;
  /** Cluster and node attributed from the path or set by the user; a record's own value wins. */
  cluster: string | null;
  node: string | null;
  /** Modification time of the file (epoch ms) where known: syslog year inference uses it. */
  mtime: number | null;
  /**
   * Minutes east of UTC for the timestamps written without a zone of a record of this source (the
   * file's setting, else the source's, else the import's, else UTC). Asked per record: one export
   * (OpenSearch) carries audit events and authlog records.
   */
  offsetMinutesFor(source: EventSource): number;
  /** Year for syslog timestamps that carry none, when the user sets it; else inferred. */
  year: number | null;
}

/** The outcome of one record: an event, a blank line, or a reject with a reason. */
export type ParseResult =
  | { kind: 'event'; event: NormalizedEvent }
  | { kind: 'blank' }
  | { kind: 'reject'; reason: string };

/** A parser for one-record-per-line formats. It may keep state across the lines of one file. */
export interface LineParser {
  parseLine(line: string): ParseResult;
}

/**
 * A log format, declared as data where possible (lnav style): how to recognize it from the first
 * lines of a file, and how to turn each record into a normalized event.
 */
export interface LineFormat {
  kind: 'lines';
  /** The `format` column value. */
  id: string;
  /** Human name for summaries. */
  label: string;
  /**
   * How sure this format is that it reads the file, from its first non-blank lines (0 = not mine).
   * The most confident format wins; ties go to the earlier format in the registry.
   */
  sniff(lines: readonly string[]): number;
  open(ctx: ParseContext): LineParser;
  /** Sample records and what they must produce, each read by a fresh parser (formatSamples.test.ts). */
  samples?: readonly FormatSample[];
}

/** A record of a whole-document format, with its 1-based position as its line number. */
export interface DocumentRecord {
  line: number;
  result: ParseResult;
  /** The record's original text, kept as the raw evidence. */
  raw: string;
}

/** A format whose file is one document (a JSON EventList, a saved search response). */
export interface DocumentFormat {
  kind: 'document';
  id: string;
  label: string;
  /** Sniffs from the head of the document text (the first 64 KiB). */
  sniff(head: string): number;
  parseDocument(text: string, ctx: ParseContext): Iterable<DocumentRecord>;
  /** Sample documents and the records they must produce (documentSamples.test.ts). */
  samples?: readonly DocumentSample[];
}

export type LogFormat = LineFormat | DocumentFormat;

/** A sample record and the fields it must produce: every format's samples run in one table-driven test. */
export interface FormatSample {
  input: string;
  expect: Partial<NormalizedEvent> | { reject: true };
}

/** A sample document and what each of its records must produce, in order. */
export interface DocumentSample {
  input: string;
  expect: readonly (Partial<NormalizedEvent> | { reject: true } | { blank: true })[];
}
