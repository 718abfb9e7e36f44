import type { Database } from 'sql.js';
import { queryNumber } from '../query/sqlRows';

/**
 * The largest case file Trailhound supports: 1 GiB (about 5 million audit events). sql.js keeps
 * the whole database in memory, and every save is a full copy of it (db.export), which the app
 * then hands from the worker to the window and on to the main process for the atomic write; at
 * the limit a save peaks near 4 GiB across processes, the most a desktop machine of 16 GiB
 * spares for one window. Larger cases are refused on open and on save, with this message.
 */
export const MAX_CASE_BYTES = 1024 ** 3;

/** The case's size as a file, without copying it (pages × page size). */
export function caseSizeBytes(db: Database): number {
  return queryNumber(db, 'PRAGMA page_count') * queryNumber(db, 'PRAGMA page_size');
}

const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;

/** Null when a case of this size is supported; else what to tell the analyst. */
export function caseSizeProblem(bytes: number): string | null {
  if (bytes <= MAX_CASE_BYTES) return null;
  return `this case is ${gib(bytes)}, larger than the ${gib(MAX_CASE_BYTES)} Trailhound supports (each save holds a full copy in memory); split the evidence into several cases, e.g. one per cluster or per day`;
}
