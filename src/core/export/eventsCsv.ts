import type { Database } from 'sql.js';
import type { SqlCondition } from '../query/filter';
import { VIEW_COLUMNS } from '../store/columns';
import { csvRecord } from './csv';
import { eventRecords, type EventRecord } from './eventRecords';

/**
 * Columns of the events CSV: the public `events` view with `id` as event_id, `ts` as time_utc
 * (ISO 8601) and the file as its path and SHA-256, so that each row traces back to its line.
 */
export const EVENTS_CSV_HEADER: readonly string[] = [
  ...VIEW_COLUMNS.filter((c) => c !== 'file_id').map((c) => (c === 'id' ? 'event_id' : c === 'ts' ? 'time_utc' : c)),
  'file',
  'file_sha256',
];

function eventCsvRecord(r: EventRecord): string {
  return csvRecord(EVENTS_CSV_HEADER.map((name) => {
    if (name === 'event_id') return r.id;
    if (name === 'time_utc') return new Date(r.ts).toISOString();
    return r[name];
  }));
}

export interface CsvChunk {
  text: string;
  /** Events written so far, this chunk included. */
  rows: number;
}

/**
 * The events matching a condition as CSV (RFC 4180, CRLF, formulas neutralized), in chunks of
 * about `rowsPerChunk` events: the caller writes or posts each one and can report progress.
 */
export function* eventsCsvChunks(db: Database, cond: SqlCondition, options: { bom?: boolean; rowsPerChunk?: number } = {}): Generator<CsvChunk> {
  const perChunk = options.rowsPerChunk ?? 5000;
  let text = (options.bom ? '\uFEFF' : '') + csvRecord(EVENTS_CSV_HEADER) + '\r\n';
  let rows = 0;
  for (const record of eventRecords(db, cond)) {
    text += eventCsvRecord(record) + '\r\n';
    rows++;
    if (rows % perChunk === 0) {
      yield { text, rows };
      text = '';
    }
  }
  if (text || rows === 0) yield { text, rows };
}
