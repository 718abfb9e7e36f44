import { emptyEvent, type NormalizedEvent } from '../model';
import { parseIsoTimestamp } from '../time';
import { csvHeader, isBlankRow, readCsv } from './csvRecords';
import type { DocumentFormat, DocumentRecord, ParseResult } from './types';

/** Event fields a CSV column can be mapped to. */
export const MAPPABLE_FIELDS = [
  'time', 'user', 'src_ip', 'src_port', 'action', 'verb', 'cluster', 'node', 'namespace', 'resource', 'name', 'status_code', 'user_agent', 'message',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** How the analyst said an unknown CSV or TSV reads: which column holds what. Saved in the case and reused. */
export interface CsvMapping {
  name: string;
  /** Event field → header cell of the column holding it; `time` is required. */
  columns: Partial<Record<MappableField, string>>;
  /** ISO 8601 / RFC 3339 (a zone-less time is read in the zone set for the file, else for source `other`), or epoch seconds or milliseconds. */
  timeFormat?: 'iso' | 'epoch-s' | 'epoch-ms';
}

const TEXT_FIELDS: Partial<Record<MappableField, keyof NormalizedEvent>> = {
  user: 'user', src_ip: 'srcIp', action: 'action', verb: 'verb', cluster: 'cluster', node: 'node', namespace: 'namespace',
  resource: 'resource', name: 'name', user_agent: 'userAgent', message: 'message',
};

/** Checks a mapping before it is used or saved; returns the problems in words. */
export function mappingProblems(mapping: CsvMapping, header?: readonly string[]): string[] {
  const problems: string[] = [];
  if (mapping.name.trim() === '') problems.push('the mapping needs a name');
  if (!mapping.columns.time) problems.push('choose the column that holds the time');
  if (header) {
    for (const [field, column] of Object.entries(mapping.columns)) {
      if (column && !header.includes(column)) problems.push(`${field}: no column named ${JSON.stringify(column)}`);
    }
  }
  return problems;
}

function parseTime(text: string, mapping: CsvMapping, offsetMinutes: number): number {
  const t = text.trim();
  if (mapping.timeFormat === 'epoch-s') return /^\d+(\.\d+)?$/.test(t) ? Number(t) * 1000 : NaN;
  if (mapping.timeFormat === 'epoch-ms') return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
  return parseIsoTimestamp(t, offsetMinutes);
}

/**
 * A format made from the analyst's column mapping (source `other`, format `csv-mapped`). It
 * claims a file whose header holds every mapped column; the columns left unmapped go to details.
 */
export function csvMappedFormat(mapping: CsvMapping): DocumentFormat & { mapping: CsvMapping } {
  const wanted = Object.values(mapping.columns).filter((c): c is string => !!c);
  return {
    kind: 'document',
    id: 'csv-mapped',
    // Kept as data: a parse worker rebuilds the format from it.
    mapping,
    label: `CSV mapped as "${mapping.name}"`,
    sniff(head) {
      const header = csvHeader(head);
      return header && wanted.length > 0 && wanted.every((c) => header.includes(c)) ? 0.99 : 0;
    },
    *parseDocument(text, ctx): Iterable<DocumentRecord> {
      const { header, rows } = readCsv(text);
      const index = (column: string | undefined): number => (column ? header.indexOf(column) : -1);
      const timeAt = index(mapping.columns.time);
      const mapped = new Set(wanted.map((c) => header.indexOf(c)));
      for (const row of rows) {
        if (isBlankRow(row)) {
          yield { line: row.line, result: { kind: 'blank' }, raw: row.raw };
          continue;
        }
        const timeText = row.cells[timeAt] ?? '';
        const ms = parseTime(timeText, mapping, ctx.offsetMinutesFor('other'));
        let result: ParseResult;
        if (Number.isNaN(ms)) {
          result = { kind: 'reject', reason: `unreadable time ${JSON.stringify(timeText.slice(0, 40))} in column ${JSON.stringify(mapping.columns.time)}` };
        } else {
          const ev = emptyEvent('other', 'csv-mapped', Math.floor(ms), timeText.trim());
          ev.cluster = ctx.cluster;
          ev.node = ctx.node;
          for (const [field, key] of Object.entries(TEXT_FIELDS) as [MappableField, keyof NormalizedEvent][]) {
            const value = row.cells[index(mapping.columns[field])]?.trim();
            if (value) (ev[key] as string | null) = value;
          }
          const status = Number(row.cells[index(mapping.columns.status_code)]);
          if (Number.isInteger(status) && row.cells[index(mapping.columns.status_code)]?.trim()) ev.statusCode = status;
          const port = Number(row.cells[index(mapping.columns.src_port)]);
          if (Number.isInteger(port) && port > 0) ev.srcPort = port;
          if (ev.srcIp) ev.srcIps = JSON.stringify([ev.srcIp]);
          const rest: Record<string, string> = { mapping: mapping.name };
          header.forEach((h, i) => {
            if (!mapped.has(i) && row.cells[i]?.trim()) rest[h] = row.cells[i];
          });
          ev.details = JSON.stringify(rest);
          result = { kind: 'event', event: ev };
        }
        yield { line: row.line, result, raw: row.raw };
      }
    },
  };
}
