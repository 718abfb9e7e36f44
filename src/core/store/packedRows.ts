import type { NormalizedEvent } from '../model';
import type { FileCounts } from './caseStore';
import { EVENT_COLUMNS, type EventColumn } from './columns';
import type { CompressedBlock } from './rawBlocks';

/**
 * Events as a parse worker hands them to the thread that owns the case: numbers in typed arrays,
 * repeated strings as ids into the worker's own string list (sent once each), the few free texts
 * as strings, and the original records already compressed. Deserializing this costs a fraction of
 * what thirty-field event objects would, which is what makes parsing on a second core pay off.
 */
export interface PackedBatch {
  /** Strings first seen in this batch; the first has id `firstStringId`, the next one more. */
  strings: string[];
  firstStringId: number;
  count: number;
  lines: Int32Array;
  /** count × INTERNED_COLUMNS: string ids, 0 for null. */
  ids: Int32Array;
  /** count × NUMBER_COLUMNS: NaN for null. */
  numbers: Float64Array;
  /** The free texts (count × TEXT_COLUMNS) one after the other: one string clones far faster than thousands. */
  text: string;
  /** Length of each in `text`, -1 for null. */
  textLengths: Int32Array;
  /**
   * The audit IDs apart (count), each its own string: the case keeps them as keys for merging
   * stages, and a slice of `text` would keep the whole batch's text alive with it.
   */
  auditIds: (string | null)[];
  /** count × 2: the record's block (the worker's own numbering) and its index in it. */
  raw: Int32Array;
  blocks: CompressedBlock[];
  rejects: { line: number; reason: string; excerpt: string }[];
  /** The file's counts after this batch, as the reader keeps them: its own merges only (the case finds the others). */
  counts: FileCounts;
}

const columnsOf = (keep: (c: EventColumn) => boolean): number[] => EVENT_COLUMNS.flatMap((c, i) => (keep(c) ? [i] : []));
/** Positions in EVENT_COLUMNS of each kind of packed column. */
export const INTERNED_COLUMNS = columnsOf((c) => c.interned);
export const NUMBER_COLUMNS = columnsOf((c) => !c.interned && c.type !== 'TEXT');
export const TEXT_COLUMNS = columnsOf((c) => !c.interned && c.type === 'TEXT' && c.field !== 'auditId');
export const AUDIT_ID_COLUMN = EVENT_COLUMNS.findIndex((c) => c.field === 'auditId');
export const STAGE_ID = INTERNED_COLUMNS.findIndex((i) => EVENT_COLUMNS[i].field === 'stage');
export const SOURCE_ID = INTERNED_COLUMNS.findIndex((i) => EVENT_COLUMNS[i].field === 'source');
export const NODE_ID = INTERNED_COLUMNS.findIndex((i) => EVENT_COLUMNS[i].field === 'node');
export const TS_NUMBER = NUMBER_COLUMNS.findIndex((i) => EVENT_COLUMNS[i].field === 'ts');
export const MESSAGE_TEXT = TEXT_COLUMNS.findIndex((i) => EVENT_COLUMNS[i].field === 'message');

/** Field of an event for a packed column. */
export const fieldAt = (column: number): keyof NormalizedEvent => EVENT_COLUMNS[column].field;

/**
 * An event's values in the order of INTERNED_COLUMNS, NUMBER_COLUMNS and TEXT_COLUMNS, read field
 * by field: reading them through a list of field names (a keyed load per value) cost the parse
 * worker a fifth of its packing time. packedRows.test.ts holds these lists to the column table.
 */
export function readInterned(ev: NormalizedEvent, out: unknown[]): void {
  out[0] = ev.source;
  out[1] = ev.format;
  out[2] = ev.cluster;
  out[3] = ev.node;
  out[4] = ev.user;
  out[5] = ev.groups;
  out[6] = ev.impersonatedUser;
  out[7] = ev.srcIp;
  out[8] = ev.srcIps;
  out[9] = ev.userAgent;
  out[10] = ev.verb;
  out[11] = ev.resource;
  out[12] = ev.subresource;
  out[13] = ev.namespace;
  out[14] = ev.name;
  out[15] = ev.apiGroup;
  out[16] = ev.decision;
  out[17] = ev.reason;
  out[18] = ev.stage;
  out[19] = ev.action;
}

export function readNumbers(ev: NormalizedEvent, out: (number | null)[]): void {
  out[0] = ev.ts;
  out[1] = ev.srcPort;
  out[2] = ev.statusCode;
  out[3] = ev.durationMs;
}

export function readTexts(ev: NormalizedEvent, out: (string | null)[]): void {
  out[0] = ev.tsText;
  out[1] = ev.requestUri;
  out[2] = ev.message;
  out[3] = ev.details;
}

/** The transferable buffers of a batch, for postMessage. */
export function transferables(batch: PackedBatch): ArrayBuffer[] {
  const buffers = [batch.lines, batch.ids, batch.numbers, batch.textLengths, batch.raw, ...batch.blocks.map((b) => b.data)].map((a) => a.buffer as ArrayBuffer);
  return [...new Set(buffers)];
}
