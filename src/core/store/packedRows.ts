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
  /** The file's counts after this batch, as the reader keeps them (merges are decided by the case). */
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

/** The transferable buffers of a batch, for postMessage. */
export function transferables(batch: PackedBatch): ArrayBuffer[] {
  const buffers = [batch.lines, batch.ids, batch.numbers, batch.textLengths, batch.raw, ...batch.blocks.map((b) => b.data)].map((a) => a.buffer as ArrayBuffer);
  return [...new Set(buffers)];
}
