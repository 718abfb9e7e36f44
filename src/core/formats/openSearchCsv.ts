import { csvHeader, isBlankRow, readCsv } from './csvRecords';
import { integer, parseJsonObject, type JsonObject } from './jsonFields';
import { OPENSEARCH_CSV_SAMPLES } from './openSearchSamples';
import { normalizeSearchHit } from './searchDocument';
import type { DocumentFormat, DocumentRecord, ParseResult } from './types';

/**
 * The Discover "CSV report" of OpenSearch Dashboards / Kibana: a header of field names
 * (`@timestamp`, `user.username`, `verb`, `objectRef.resource`... or `@timestamp`, `host`, `ident`,
 * `pid`, `message`) and one row per document. The row becomes the document it was cut from and
 * goes the way of any search hit (searchDocument.ts).
 *
 * Cells as Discover writes them: times in the `MMM D, YYYY @ HH:mm:ss.SSS` date format, in the zone
 * of the browser that asked for the report (read in the zone set for the row's source, kube-audit
 * or authlog, UTC by default; the written text is kept as ts_text), arrays joined with `, `, numbers with thousands
 * separators, `-` or nothing for a missing field, and a `_source` column of JSON when no columns
 * were chosen.
 */

const TIME_COLUMNS = new Set(['@timestamp', 'requestReceivedTimestamp', 'stageTimestamp', 'time', 'timestamp']);
const ARRAY_COLUMNS = new Set(['sourceIPs', 'user.groups']);
const NUMBER_COLUMNS = new Set(['responseStatus.code', 'pid']);
const META_COLUMNS = new Set(['_index', '_id', '_source', '_score', '_type']);
/** Two of these make a header of kubeaudit fields. */
const AUDIT_HEADER = ['verb', 'objectRef.resource', 'requestURI', 'auditID', 'user.username', 'objectRef.namespace', 'responseStatus.code', 'sourceIPs', 'stage'];

const MONTHS: Readonly<Record<string, string>> = {
  Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06', Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12',
};
const DISCOVER_TIME = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}), (\d{4}) @ (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?$/;

/**
 * `Nov 21, 2026 @ 12:57:58.371` → `2026-11-21T12:57:58.371`, still without a zone: the row's source,
 * known only once the document is classified, decides the zone. Null for any other text.
 */
export function discoverTimeToIso(value: string): string | null {
  const m = DISCOVER_TIME.exec(value);
  if (!m) return null;
  const fraction = m[7] ? `.${m[7]}` : '';
  return `${m[3]}-${MONTHS[m[1]]}-${m[2].padStart(2, '0')}T${m[4]}:${m[5]}:${m[6]}${fraction}`;
}

function cellValue(column: string, value: string): unknown {
  if (ARRAY_COLUMNS.has(column)) {
    if (value.startsWith('[')) {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return [value];
      }
    }
    return value.split(/,\s*/).filter((v) => v !== '');
  }
  if (NUMBER_COLUMNS.has(column)) return integer(value.replace(/,/g, '')) ?? value;
  return value;
}

function sniffDiscoverCsv(head: string): number {
  const header = csvHeader(head);
  if (!header || header.length < 2) return 0;
  const columns = new Set(header);
  if (AUDIT_HEADER.filter((c) => columns.has(c)).length >= 2) return 0.9;
  const program = columns.has('ident') || columns.has('program');
  const host = columns.has('host') || columns.has('hostname') || columns.has('host.name');
  if (columns.has('message') && program && host) return 0.9;
  // No columns chosen: Discover writes the whole document as JSON in a `_source` column.
  return columns.has('_source') ? 0.6 : 0;
}

export const openSearchDiscoverCsv = {
  kind: 'document',
  id: 'opensearch-discover-csv',
  label: 'OpenSearch Dashboards / Kibana Discover CSV export',
  sniff: sniffDiscoverCsv,
  *parseDocument(text, ctx): Iterable<DocumentRecord> {
    const { header, rows } = readCsv(text);
    const at = (name: string): number => header.indexOf(name);
    for (const row of rows) {
      if (isBlankRow(row)) {
        yield { line: row.line, result: { kind: 'blank' }, raw: row.raw };
        continue;
      }
      if (row.cells.length !== header.length) {
        const reason = `row has ${row.cells.length} cells, the header ${header.length}`;
        yield { line: row.line, result: { kind: 'reject', reason }, raw: row.raw };
        continue;
      }
      let source: JsonObject = {};
      const sourceCell = at('_source') >= 0 ? row.cells[at('_source')].trim() : '';
      if (sourceCell.startsWith('{')) {
        const parsed = parseJsonObject(sourceCell, '_source');
        if (parsed.ok) source = parsed.value;
      }
      const writtenTimes: Record<string, string> = {};
      header.forEach((column, i) => {
        const value = row.cells[i].trim();
        if (META_COLUMNS.has(column) || value === '' || value === '-') return;
        if (TIME_COLUMNS.has(column)) {
          const iso = discoverTimeToIso(value);
          if (iso !== null) writtenTimes[column] = value;
          source[column] = iso ?? value;
          return;
        }
        source[column] = cellValue(column, value);
      });
      const cell = (name: string): string | null => (at(name) >= 0 && row.cells[at(name)].trim() !== '' ? row.cells[at(name)].trim() : null);
      const result: ParseResult = normalizeSearchHit({ index: cell('_index'), id: cell('_id'), source, writtenTimes }, ctx, 'opensearch-discover-csv');
      yield { line: row.line, result, raw: row.raw };
    }
  },
  samples: OPENSEARCH_CSV_SAMPLES,
} satisfies DocumentFormat;
