import type { Database } from 'sql.js';
import { csvMappedFormat, mappingProblems, type CsvMapping } from '../formats/csvMapped';
import { FORMATS } from '../formats/registry';
import type { LogFormat } from '../formats/types';
import { queryRows } from '../query/sqlRows';

const KEY = 'csv_mappings';

/** The column mappings saved in the case, by name. */
export function savedCsvMappings(db: Database): CsvMapping[] {
  const value = queryRows(db, 'SELECT value FROM case_settings WHERE key = ?', [KEY]).rows[0]?.[0];
  if (value === undefined) return [];
  const list = JSON.parse(String(value)) as unknown;
  return Array.isArray(list) ? (list as CsvMapping[]) : [];
}

/** Saves a mapping (replacing one of the same name); refuses an incomplete one with its problems. */
export function saveCsvMapping(db: Database, mapping: CsvMapping): CsvMapping[] {
  const problems = mappingProblems(mapping);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const list = [...savedCsvMappings(db).filter((m) => m.name !== mapping.name), mapping];
  db.run('INSERT INTO case_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [KEY, JSON.stringify(list)]);
  return list;
}

/** The formats an import tries: the case's own mappings first (the analyst's word wins), then the built-in ones. */
export function formatsForCase(db: Database): LogFormat[] {
  return [...savedCsvMappings(db).map(csvMappedFormat), ...FORMATS];
}
