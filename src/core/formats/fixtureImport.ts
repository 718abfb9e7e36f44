import { importFiles, type ImportOptions } from '../ingest/importFiles';
import { inputFromBytes } from '../ingest/input';
import type { FileSummary } from '../model';
import { queryNumber, queryObjects } from '../query/sqlRows';
import type { CaseStore } from '../store/caseStore';
import { newTestCase } from '../testing/helpers';

/** A row of the public `events` view as the format tests read it. */
export type EventRow = Record<string, string | number | null>;

/**
 * Test support for the format tests (*.test.ts beside it): imports one file's bytes into a fresh
 * case under the given path (the path decides cluster and node attribution) and gives access to
 * its rows by line, its rejects, and how many distinct lines hold events and rejects.
 */
export async function importFixtureBytes(path: string, bytes: Uint8Array, options: ImportOptions = {}, mtime: number | null = Date.UTC(2026, 10, 22)) {
  const store: CaseStore = await newTestCase();
  const summary = await importFiles(store, [inputFromBytes(path, bytes, mtime)], options);
  const file: FileSummary = summary.files[0];
  const at = (line: number): EventRow => {
    const rows = queryObjects<EventRow>(store.db, 'SELECT * FROM events WHERE file_id = ? AND line = ?', [file.id, line]);
    if (rows.length !== 1) throw new Error(`expected one event at line ${line}, found ${rows.length}`);
    return rows[0];
  };
  const rejects = (): { line: number; reason: string }[] =>
    queryObjects<{ line: number; reason: string }>(store.db, 'SELECT line, reason FROM rejects WHERE file_id = ? ORDER BY line', [file.id]);
  const storedLines = {
    events: queryNumber(store.db, 'SELECT count(DISTINCT line) FROM events WHERE file_id = ?', [file.id]),
    rejects: queryNumber(store.db, 'SELECT count(DISTINCT line) FROM rejects WHERE file_id = ?', [file.id]),
  };
  return { store, file, at, rejects, storedLines };
}
