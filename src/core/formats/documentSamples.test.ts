import { describe, expect, it } from 'vitest';
import { detectFormat, FORMATS } from './registry';
import type { DocumentFormat, DocumentSample, ParseContext } from './types';

/**
 * Every registered document format's sample documents, in one table (the counterpart of
 * formatSamples.test.ts for line formats): each document is read in this context and must yield
 * exactly the listed records, in order: events with the listed fields (details compared as JSON
 * objects), rejects, or blanks.
 */
const SAMPLE_CONTEXT: ParseContext = {
  path: 'samples/sample.log',
  cluster: 'sample',
  node: null,
  mtime: Date.UTC(2026, 11, 31),
  offsetMinutesFor: () => 0,
  year: null,
};

const withSamples = FORMATS.filter((f): f is DocumentFormat & { samples: readonly DocumentSample[] } => f.kind === 'document' && (f.samples?.length ?? 0) > 0);
const table = withSamples.flatMap((format) => format.samples.map((sample, i) => ({ format, sample, name: `${format.id} #${i + 1}` })));

const firstLines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '').slice(0, 20);
/** What importFiles sniffs a document from: its lines up to the 20th non-blank one, at most 64 KiB. */
function headOf(text: string): string {
  const lines = text.split('\n');
  let nonBlank = 0;
  const end = lines.findIndex((l) => l.trim() !== '' && ++nonBlank === 20);
  return (end < 0 ? lines : lines.slice(0, end + 1)).join('\n').slice(0, 64 * 1024);
}

describe('document format samples', () => {
  it('covers the export document formats', () => {
    expect(withSamples.map((f) => f.id)).toEqual(expect.arrayContaining([
      'eks-cloudwatch-events', 'aks-diagnostic-records', 'gke-audit-array', 'opensearch-search-response', 'opensearch-discover-csv', 'platform-kubectl-csv',
    ]));
  });

  it.each(table)('$name', ({ format, sample }) => {
    const records = [...format.parseDocument(sample.input, { ...SAMPLE_CONTEXT })];
    expect(records.map((r) => r.result.kind)).toEqual(sample.expect.map((e) => ('reject' in e ? 'reject' : 'blank' in e ? 'blank' : 'event')));
    records.forEach((record, i) => {
      const want = sample.expect[i];
      if ('reject' in want || 'blank' in want || record.result.kind !== 'event') return;
      const { details, ...fields } = want;
      expect(record.result.event, `record ${i + 1}`).toMatchObject(fields);
      if (details !== undefined) {
        expect(record.result.event.details === null ? null : JSON.parse(record.result.event.details)).toEqual(details === null ? null : JSON.parse(details));
      }
    });
  });

  it.each(table)('$name is detected as its own format', ({ format, sample }) => {
    expect(detectFormat(firstLines(sample.input), headOf(sample.input))?.format.id).toBe(format.id);
  });
});
