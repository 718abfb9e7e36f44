import Papa from 'papaparse';
import type { Database, SqlValue } from 'sql.js';
import { restoreNeutralized } from '../export/csv';
import { parseIsoTimestamp } from '../time';
import { queryRows } from '../query/sqlRows';
import { FINDINGS_CSV_HEADER } from './findingsCsv';
import { FindingError, inSavepoint, listFindings, markFinding } from './findingsStore';
import { isSeverity, splitTags, type Severity } from './severity';

export interface FindingsCsvImport {
  /** Data rows read (one per event of each finding). */
  rows: number;
  /** Findings added to the case. */
  added: number;
  /** Findings already in the case (same events): left as they are, so a round trip adds nothing. */
  duplicates: number;
  /** Rows whose event is not in this case (neither its audit ID nor its file SHA-256 and line). */
  unmatchedRows: number;
}

type Record_ = Record<(typeof FINDINGS_CSV_HEADER)[number], string>;

interface CsvFinding {
  sourceId: string;
  severity: Severity;
  tags: string[];
  note: string;
  analyst: string | null;
  rows: Record_[];
}

/** Reads the CSV strictly: the exact header, then records of as many cells, neutralization undone. */
function readRecords(text: string): Record_[] {
  const body = text.replace(/^\uFEFF/, '');
  const newline = /^[^\n]*\r\n/.test(body) ? '\r\n' : '\n';
  const parsed = Papa.parse<string[]>(body, { delimiter: ',', newline, skipEmptyLines: 'greedy' });
  const serious = parsed.errors.find((e) => e.type !== 'Delimiter');
  if (serious) throw new FindingError(`not a readable CSV: ${serious.message} (row ${(serious.row ?? 0) + 1})`);
  const [header, ...records] = parsed.data;
  if (!header || header.join(',') !== FINDINGS_CSV_HEADER.join(',')) {
    throw new FindingError(`not a Trailhound findings CSV: the header must be exactly ${FINDINGS_CSV_HEADER.join(',')}`);
  }
  return records.map((cells, i) => {
    if (cells.length !== FINDINGS_CSV_HEADER.length) throw new FindingError(`row ${i + 2} has ${cells.length} cells, expected ${FINDINGS_CSV_HEADER.length}`);
    return Object.fromEntries(FINDINGS_CSV_HEADER.map((name, c) => [name, restoreNeutralized(cells[c])])) as Record_;
  });
}

function groupFindings(records: Record_[]): CsvFinding[] {
  const groups = new Map<string, CsvFinding>();
  records.forEach((r, i) => {
    if (!r.finding_id) throw new FindingError(`row ${i + 2} has no finding_id`);
    if (!isSeverity(r.severity)) throw new FindingError(`row ${i + 2}: unknown severity '${r.severity}' (info, low, medium, high, critical)`);
    let group = groups.get(r.finding_id);
    if (!group) {
      group = { sourceId: r.finding_id, severity: r.severity, tags: splitTags(r.tags), note: r.note, analyst: r.analyst || null, rows: [] };
      groups.set(r.finding_id, group);
    }
    group.rows.push(r);
  });
  return [...groups.values()];
}

/** Event ids by audit ID, for every audit ID in the CSV at once (a scan per 500 IDs, not per row). */
function eventsByAuditId(db: Database, records: Record_[]): Map<string, number> {
  const ids = [...new Set(records.map((r) => r.audit_id).filter(Boolean))];
  const found = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const { rows } = queryRows(db, `SELECT audit_id, id FROM event_rows WHERE audit_id IN (${chunk.map(() => '?').join(',')})`, chunk);
    for (const [auditId, id] of rows) found.set(String(auditId), Number(id));
  }
  return found;
}

/** The event a row cites by its file's SHA-256 and line (its time narrows the search to the ts index). */
function eventByFileLine(db: Database, r: Record_): number | null {
  if (!r.file_sha256 || !/^\d+$/.test(r.line)) return null;
  const ts = Math.floor(parseIsoTimestamp(r.time_utc));
  const byTime = Number.isFinite(ts) ? 'e.ts = ? AND ' : '';
  const params: SqlValue[] = [...(byTime ? [ts] : []), Number(r.line), r.file_sha256];
  const row = queryRows(db, `SELECT e.id FROM event_rows e WHERE ${byTime}e.line = ? AND e.file_id IN (SELECT id FROM files WHERE sha256 = ?) LIMIT 1`, params).rows[0];
  return row ? Number(row[0]) : null;
}

const eventSetKey = (ids: readonly number[]): string => [...ids].sort((a, b) => a - b).join(',');

/**
 * Adds the findings of a findings CSV (FINDINGS_CSV_HEADER) to the case. Each row's event is
 * found by its audit ID, else by its file's SHA-256 and line; a finding whose events are exactly
 * those of a finding already in the case is a duplicate and is skipped, so exporting and
 * importing into the same case changes nothing. Each added finding is logged as imported by
 * `actor`, keeping its own analyst. All or nothing: a malformed CSV adds no finding.
 */
export function importFindingsCsv(db: Database, text: string, actor: string | null, sourceName: string, now = Date.now()): FindingsCsvImport {
  const records = readRecords(text);
  const findings = groupFindings(records);
  const byAuditId = eventsByAuditId(db, records);
  const known = new Set(listFindings(db).map((f) => eventSetKey(f.eventIds)));
  const result: FindingsCsvImport = { rows: records.length, added: 0, duplicates: 0, unmatchedRows: 0 };
  inSavepoint(db, () => {
    for (const finding of findings) {
      const eventIds: number[] = [];
      for (const r of finding.rows) {
        const id = (r.audit_id ? byAuditId.get(r.audit_id) : undefined) ?? eventByFileLine(db, r);
        if (id === undefined || id === null) result.unmatchedRows++;
        else if (!eventIds.includes(id)) eventIds.push(id);
      }
      if (eventIds.length === 0) continue;
      const key = eventSetKey(eventIds);
      if (known.has(key)) {
        result.duplicates++;
        continue;
      }
      known.add(key);
      markFinding(db, { eventIds, severity: finding.severity, tags: finding.tags, note: finding.note, analyst: finding.analyst }, now, {
        action: 'finding.import',
        actor,
        details: { source: sourceName, source_finding_id: finding.sourceId },
      });
      result.added++;
    }
  });
  return result;
}
