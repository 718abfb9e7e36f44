import { isObject, parseJson, parseJsonObject, type JsonObject } from './jsonFields';
import type { DocumentFormat, DocumentRecord, DocumentSample, FormatSample, LineFormat, ParseContext, ParseResult } from './types';

/**
 * A format of JSON records, declared once and read either one record per line or as the items of
 * one JSON document: what its records look like, and how one becomes a normalized event.
 */
export interface JsonRecordSpec {
  /** What a record of this format is, for reject reasons ("an AKS diagnostic record"). */
  what: string;
  /** True when a parsed record has this format's shape (sniffing, and the reject of strangers). */
  claims(record: JsonObject): boolean;
  /** The record as an event, or a reject with its reason. */
  normalize(record: JsonObject, ctx: ParseContext, format: string): ParseResult;
  /** Why a record of another shape is refused, when more can be said than "not <what>". */
  explain?(record: JsonObject): string | null;
  /** Reads a line into a record when the line is not plain JSON (a timestamp prefix, say). */
  readLine?(line: string): { ok: true; value: JsonObject } | { ok: false; reason: string };
}

const BLANK = /^\s*$/;

const strangerReason = (spec: JsonRecordSpec, record: JsonObject, what: string): string =>
  spec.explain?.(record) ?? `${what} is not ${spec.what}`;

function readRecord(spec: JsonRecordSpec, line: string): { ok: true; value: JsonObject } | { ok: false; reason: string } {
  return spec.readLine ? spec.readLine(line) : parseJsonObject(line, 'JSON line');
}

/**
 * Confidence from the first lines: high when most non-blank lines are records of the spec, low when
 * only some are (a file of mixed records still goes to the format that reads part of it).
 */
export function sniffJsonRecordLines(spec: JsonRecordSpec, lines: readonly string[]): number {
  let hits = 0;
  let seen = 0;
  for (const line of lines) {
    if (BLANK.test(line)) continue;
    seen++;
    const c = line.charCodeAt(0);
    // Every record line is JSON or starts with a timestamp; skip the parse for anything else.
    if (c !== 123 /* { */ && (c < 48 || c > 57)) continue;
    const parsed = readRecord(spec, line);
    if (parsed.ok && spec.claims(parsed.value)) hits++;
  }
  if (hits === 0) return 0;
  return hits * 2 >= seen ? 0.92 : 0.5;
}

/** One record per line: JSON lines as shippers and `jq -c` write them. */
export function jsonRecordLines(
  spec: JsonRecordSpec, meta: { id: string; label: string; samples?: readonly FormatSample[] },
): LineFormat {
  return {
    kind: 'lines',
    id: meta.id,
    label: meta.label,
    sniff: (lines) => sniffJsonRecordLines(spec, lines),
    open(ctx) {
      return {
        parseLine(line): ParseResult {
          if (line.length === 0 || BLANK.test(line)) return { kind: 'blank' };
          const parsed = readRecord(spec, line);
          if (!parsed.ok) return { kind: 'reject', reason: parsed.reason };
          if (!spec.claims(parsed.value)) return { kind: 'reject', reason: strangerReason(spec, parsed.value, 'JSON line') };
          return spec.normalize(parsed.value, ctx, meta.id);
        },
      };
    },
    samples: meta.samples,
  };
}

/** The items of one JSON document (an array, or an array under a key), each read as a record. */
export function jsonRecordDocument(
  spec: JsonRecordSpec,
  meta: {
    id: string; label: string;
    /** Confidence from the document's first 64 KiB. */
    sniff(head: string): number;
    /** Where the records sit in the parsed document; null when the document has no such list. */
    items(document: unknown): unknown[] | null;
    /** What the document should be, for the reject of one that is not. */
    shape: string;
    samples?: readonly DocumentSample[];
  },
): DocumentFormat {
  return {
    kind: 'document',
    id: meta.id,
    label: meta.label,
    sniff: meta.sniff,
    *parseDocument(text, ctx): Iterable<DocumentRecord> {
      const parsed = parseJson(text);
      const items = parsed.ok ? meta.items(parsed.value) : null;
      if (!parsed.ok || items === null) {
        const reason = parsed.ok ? `not ${meta.shape}` : parsed.reason;
        yield { line: 1, result: { kind: 'reject', reason }, raw: text.slice(0, 200) };
        return;
      }
      for (let i = 0; i < items.length; i++) {
        const item: unknown = items[i];
        const result: ParseResult = isObject(item) && spec.claims(item)
          ? spec.normalize(item, ctx, meta.id)
          : { kind: 'reject', reason: isObject(item) ? strangerReason(spec, item, 'item') : `item is not ${spec.what}` };
        yield { line: i + 1, result, raw: JSON.stringify(item) ?? String(item) };
      }
    },
    samples: meta.samples,
  };
}

/**
 * The parse context with the record's own cluster, which wins over the one from the path. Copied
 * field by field: a context may be a class instance, whose method a spread would leave behind.
 */
export const withCluster = (ctx: ParseContext, cluster: string | null): ParseContext =>
  cluster === null || cluster === ctx.cluster
    ? ctx
    : { path: ctx.path, cluster, node: ctx.node, mtime: ctx.mtime, year: ctx.year, offsetMinutesFor: (source) => ctx.offsetMinutesFor(source) };

/** Adds source-specific fields to an event's details (kept as JSON text). */
export function addDetails(result: ParseResult, extra: Record<string, unknown>): ParseResult {
  if (result.kind !== 'event') return result;
  const kept = Object.entries(extra).filter(([, v]) => v !== null && v !== undefined && v !== '');
  if (kept.length === 0) return result;
  const base = result.event.details ? (JSON.parse(result.event.details) as Record<string, unknown>) : {};
  result.event.details = JSON.stringify({ ...base, ...Object.fromEntries(kept) });
  return result;
}
