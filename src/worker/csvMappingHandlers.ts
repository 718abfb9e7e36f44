import { csvHeader, isBlankRow, readCsv } from '../core/formats/csvRecords';
import { attributeFromPath } from '../core/ingest/attribution';
import type { CaseStore } from '../core/store/caseStore';
import { savedCsvMappings, saveCsvMapping } from '../core/store/csvMappings';
import type { CsvHead, CsvMappingCalls } from './csvMappingProtocol';

/** Enough of a file to hold its header and a first row; a header longer than this is not one a person maps by hand. */
const HEAD_BYTES = 64 * 1024;

type Handlers = { [K in keyof CsvMappingCalls]: (req: CsvMappingCalls[K]['args']) => Promise<CsvMappingCalls[K]['result']> | CsvMappingCalls[K]['result'] };

/** A first line that starts like JSON or markup is no header, even when it holds commas. */
const NOT_A_HEADER = /^\s*[[{<]/;

/** The header of a file that may be a CSV or TSV, and its first data row (cells may be cut at HEAD_BYTES). */
export async function headOfFile(file: Blob): Promise<CsvHead> {
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const text = new TextDecoder('utf-8').decode(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (NOT_A_HEADER.test(firstLine) || firstLine.includes('\0')) return { header: null, sample: [] };
  const header = csvHeader(firstLine);
  if (!header || header.length < 2 || header.some((cell) => cell === '')) return { header: null, sample: [] };
  // The last line of the slice may be cut: only complete lines are read for the sample.
  const complete = text.slice(0, text.lastIndexOf('\n') + 1) || text;
  const row = readCsv(complete).rows.find((r) => !isBlankRow(r));
  return { header, sample: row ? row.cells.map((c) => c.trim()) : [] };
}

export function csvMappingHandlers(store: () => CaseStore): Handlers {
  return {
    attributions: ({ paths }) => ({ attributions: paths.map((path) => attributeFromPath(path)) }),
    csvHeader: ({ file }) => headOfFile(file),
    csvMappings: () => ({ mappings: savedCsvMappings(store().db) }),
    saveCsvMapping: ({ mapping }) => ({ mappings: saveCsvMapping(store().db, mapping) }),
  };
}
