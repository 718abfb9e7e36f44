import { describe, expect, it } from 'vitest';
import { detectFormat, FORMATS } from './registry';
import type { FormatSample, LineFormat, ParseContext } from './types';

/**
 * Every registered line format's sample records, in one table: each sample is read by a fresh
 * parser in this context and must produce the listed fields (details compared as JSON objects),
 * or a reject.
 */
const SAMPLE_CONTEXT: ParseContext = {
  path: 'samples/sample.log',
  cluster: 'sample',
  node: null,
  mtime: Date.UTC(2026, 11, 31),
  offsetMinutesFor: () => 0,
  year: null,
};

const withSamples = FORMATS.filter((f): f is LineFormat & { samples: readonly FormatSample[] } => f.kind === 'lines' && (f.samples?.length ?? 0) > 0);

const table = withSamples.flatMap((format) => format.samples.map((sample, i) => ({ format, sample, name: `${format.id} #${i + 1}` })));

describe('format samples', () => {
  it('covers the syslog and journald formats', () => {
    expect(withSamples.map((f) => f.id)).toEqual(expect.arrayContaining(['syslog-rfc3164', 'syslog-iso8601', 'syslog-rfc5424', 'journald-json']));
  });

  it.each(table)('$name', ({ format, sample }) => {
    const result = format.open({ ...SAMPLE_CONTEXT }).parseLine(sample.input);
    if ('reject' in sample.expect) {
      expect(result.kind, `expected a reject for ${sample.input}`).toBe('reject');
      return;
    }
    expect(result.kind, result.kind === 'reject' ? result.reason : '').toBe('event');
    if (result.kind !== 'event') return;
    const { details, ...fields } = sample.expect;
    expect(result.event).toMatchObject(fields);
    if (details !== undefined) {
      expect(details === null ? null : JSON.parse(details)).toEqual(result.event.details === null ? null : JSON.parse(result.event.details));
    }
  });

  it.each(withSamples)('$id is the format detected for its own samples', (format) => {
    const lines = format.samples.filter((s) => !('reject' in s.expect) && !('format' in s.expect && s.expect.format !== format.id)).map((s) => s.input);
    const detected = detectFormat(lines, lines.join('\n'));
    expect(detected?.format.id).toBe(format.id);
  });
});
