import type { CsvMapping } from '../formats/csvMapped';
import type { PackedBatch } from '../store/packedRows';
import type { ByteReader } from './byteReader';
import { Cancelled, CANCELLED_REASON, noCounts, readerSettings, type ImportRun, type Outcome, type Source } from './importRun';
import { LogFileReader } from './logFileReader';
import { offloadableMappings, readOptions, type ParseEnd, type ParseOffload } from './parseOffload';

/** Reading one file: a LogFileReader on the case's thread, or a parse worker's session. */
interface FileReading {
  push(chunk: Uint8Array): Promise<void>;
  end(): Promise<void>;
  abandon(reason: string): void | Promise<void>;
  readonly formatId: string | null;
  readonly skipReason: string | null;
}

/**
 * Reads a log file's (decompressed) bytes into the case, in one transaction. A stream that breaks
 * (truncated gzip or tar, a decompression bound, a read error) leaves the file `partial`: every
 * complete line before the break is kept and the cut-off last line is counted as a reject.
 */
export async function importLogLines(run: ImportRun, source: Source, stream: ByteReader, fileId: number): Promise<Outcome> {
  const { store } = run;
  const result: Outcome = { format: null, counts: noCounts(), status: 'complete', reason: null };
  const mappings = run.options.parseOffload ? offloadableMappings(run.formats) : null;
  const reading = run.options.parseOffload && mappings
    ? offloadedReading(run, source, fileId, result, run.options.parseOffload, mappings)
    : localReading(run, source, fileId, result);
  store.begin();
  try {
    for await (const chunk of stream.rest()) {
      await reading.push(chunk);
      await run.report(source.path, result.counts);
    }
    await reading.end();
  } catch (err) {
    result.status = 'partial';
    if (err instanceof Cancelled) {
      result.cancelled = true;
      // Counted after abandoning: a parse worker may have read on through the chunks queued for it.
      await reading.abandon('line cut off by the cancelled import');
      result.reason = `${CANCELLED_REASON} after line ${result.counts.lines}`;
    } else {
      const message = (err as Error).message;
      await reading.abandon(`incomplete last line: ${message}`);
      result.reason = `${message} (read up to line ${result.counts.lines})`;
    }
  } finally {
    await store.flushAll();
    store.commit();
  }
  result.format = reading.formatId;
  if (result.status === 'complete' && reading.skipReason) {
    result.status = 'skipped';
    result.reason = reading.skipReason;
  }
  await run.report(source.path, result.counts, true).catch(() => undefined);
  return result;
}

function localReading(run: ImportRun, source: Source, fileId: number, result: Outcome): FileReading {
  const { ctx, correctClock } = readerSettings(run, source);
  return new LogFileReader(run.store, fileId, ctx, result.counts, run.formats, correctClock, run.store.platform.decodeAscii ?? null);
}

/**
 * The file is parsed in a worker; its packed events are stored here as they come back. The worker
 * counts the merges its reader made (stages a few records apart) and every event it packed as
 * stored: the merges the case finds are moved from events to merged.
 */
function offloadedReading(
  run: ImportRun, source: Source, fileId: number, result: Outcome, offload: ParseOffload, csvMappings: CsvMapping[],
): FileReading {
  const translation = run.store.packedJob();
  let merged = 0;
  let failure: unknown = null;
  let ended: ParseEnd | null = null;
  /** A batch's counts lag the lines already reported read; the end's counts are the file's own. */
  const take = (counts: ParseEnd['counts'], final = false): void => {
    const lines = final ? counts.lines : Math.max(counts.lines, result.counts.lines);
    Object.assign(result.counts, counts, { lines, events: counts.events - merged, merged: counts.merged + merged });
  };
  const job = {
    path: source.path, mtime: source.mtime, options: readOptions(run.options, source.path), csvMappings,
    rawAsIs: run.store.platform.compressRecordsNow !== undefined,
  };
  const session = offload.open(
    job,
    (batch: PackedBatch) => {
      if (failure) return;
      try {
        merged += run.store.addPacked(fileId, translation, batch);
        take(batch.counts);
      } catch (err) {
        failure = err;
      }
    },
    // Progress between batches: lines read are exact at once; events follow with their batch.
    (lines) => (result.counts.lines = Math.max(result.counts.lines, lines)),
  );
  const settle = (end: ParseEnd): void => {
    if (failure) throw failure as Error;
    ended = end;
    take(end.counts, true);
  };
  return {
    push: async (chunk) => {
      if (failure) throw failure as Error;
      await session.push(chunk);
    },
    end: async () => settle(await session.end()),
    abandon: async (reason) => settle(await session.abandon(reason)),
    get formatId() {
      return ended?.formatId ?? null;
    },
    get skipReason() {
      return ended?.skipReason ?? null;
    },
  };
}
