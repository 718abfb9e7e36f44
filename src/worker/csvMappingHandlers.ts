import { csvHeader } from '../core/formats/csvRecords';
import { attributeFromPath } from '../core/ingest/attribution';
import type { CaseStore } from '../core/store/caseStore';
import { savedCsvMappings, saveCsvMapping } from '../core/store/csvMappings';
import type { CsvMappingCalls } from './csvMappingProtocol';

/** Enough of a file to hold its header line; a header longer than this is not one a person maps by hand. */
const HEAD_BYTES = 64 * 1024;

type Handlers = { [K in keyof CsvMappingCalls]: (req: CsvMappingCalls[K]['args']) => Promise<CsvMappingCalls[K]['result']> | CsvMappingCalls[K]['result'] };

/** A first line that starts like JSON or a syslog line is no header, even when it holds commas. */
const NOT_A_HEADER = /^\s*[[{<]/;

export async function headerOfFile(file: Blob): Promise<string[] | null> {
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (NOT_A_HEADER.test(firstLine) || firstLine.includes('\0')) return null;
  const header = csvHeader(firstLine);
  return header && header.length >= 2 && header.every((cell) => cell !== '') ? header : null;
}

export function csvMappingHandlers(store: () => CaseStore): Handlers {
  return {
    attributions: ({ paths }) => ({ attributions: paths.map((path) => attributeFromPath(path)) }),
    csvHeader: async ({ file }) => ({ header: await headerOfFile(file) }),
    csvMappings: () => ({ mappings: savedCsvMappings(store().db) }),
    saveCsvMapping: ({ mapping }) => ({ mappings: saveCsvMapping(store().db, mapping) }),
  };
}
