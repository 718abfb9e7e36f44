import type { ParseContext } from '../formats/types';
import type { ByteReader } from './byteReader';
import { attribution, Cancelled, clockCorrection, CANCELLED_REASON, noCounts, zoneOffsets, type ImportRun, type Outcome, type Source } from './importRun';
import { LogFileReader } from './logFileReader';

/**
 * Reads a log file's (decompressed) bytes into the case, in one transaction. A stream that breaks
 * (truncated gzip or tar, a decompression bound, a read error) leaves the file `partial`: every
 * complete line before the break is kept and the cut-off last line is counted as a reject.
 */
export async function importLogLines(run: ImportRun, source: Source, stream: ByteReader, fileId: number): Promise<Outcome> {
  const { store } = run;
  const ctx: ParseContext = {
    path: source.path,
    ...attribution(run, source.path),
    mtime: source.mtime,
    offsetMinutesFor: zoneOffsets(run, source.path),
    year: run.options.files?.[source.path]?.year ?? run.options.year ?? null,
  };
  const counts = noCounts();
  const reader = new LogFileReader(store, fileId, ctx, counts, run.formats, clockCorrection(run, source.path));
  const result: Outcome = { format: null, counts, status: 'complete', reason: null };
  store.begin();
  try {
    for await (const chunk of stream.rest()) {
      await reader.push(chunk);
      await run.report(source.path, counts);
    }
    await reader.end();
  } catch (err) {
    result.status = 'partial';
    if (err instanceof Cancelled) {
      result.cancelled = true;
      result.reason = `${CANCELLED_REASON} after line ${counts.lines}`;
      reader.abandon('line cut off by the cancelled import');
    } else {
      const message = (err as Error).message;
      reader.abandon(`incomplete last line: ${message}`);
      result.reason = `${message} (read up to line ${counts.lines})`;
    }
  } finally {
    await store.flushAll();
    store.commit();
  }
  result.format = reader.formatId;
  if (result.status === 'complete' && reader.skipReason) {
    result.status = 'skipped';
    result.reason = reader.skipReason;
  }
  await run.report(source.path, counts, true).catch(() => undefined);
  return result;
}
