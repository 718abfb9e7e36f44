import { csvMappedFormat, type CsvMapping } from '../formats/csvMapped';
import { FORMATS } from '../formats/registry';
import type { LogFormat } from '../formats/types';
import type { Platform } from '../platform/platform';
import type { FileCounts } from '../store/caseStore';
import type { PackedBatch } from '../store/packedRows';
import { EventPacker } from './eventPacker';
import type { ImportOptions } from './importFiles';
import { noCounts, readerSettings } from './importRun';
import { LogFileReader } from './logFileReader';

/** The settings of an import that say how a file is read: plain data, cloned to the worker. */
export type ReadOptions = Pick<ImportOptions, 'cluster' | 'node' | 'defaultOffsetMinutes' | 'offsetMinutesBySource' | 'year' | 'files' | 'clockOffsetMs'>;

/** One log file to read in a parse worker. */
export interface ParseJob {
  path: string;
  mtime: number | null;
  options: ReadOptions;
  /** The case's CSV mappings, tried before the built-in formats as on the case's own thread. */
  csvMappings: CsvMapping[];
  /**
   * Set when the case's thread compresses at once (Platform.compressRecordsNow): raw blocks then go
   * to it as they are, but for those the worker seals while it has time (RawCompression `byCase`).
   * Compressing is about 6 % of an import's CPU: it goes to whichever of the two threads has room.
   */
  rawAsIs?: boolean;
}

/** How a file's reading ended in the worker. `counts.merged` holds the reader's merges only: the case finds the others. */
export interface ParseEnd {
  counts: FileCounts;
  formatId: string | null;
  skipReason: string | null;
}

/**
 * Parsing on another thread (a worker thread in the CLI): the file's bytes go there, events come
 * back packed, in order, to `onBatch`, on the thread that owns the case.
 */
export interface ParseOffload {
  /** `onLines`: lines read so far, after every chunk (batches come every few thousand events). */
  open(job: ParseJob, onBatch: (batch: PackedBatch) => void, onLines?: (lines: number) => void): ParseSession;
}

export interface ParseSession {
  /** Hands over the next chunk of the file; resolves when the worker can take more. */
  push(chunk: Uint8Array): Promise<void>;
  /** The file ended: resolves after its last batch was handed to `onBatch`. */
  end(): Promise<ParseEnd>;
  /** The stream broke or the import was cancelled: the held-back last line becomes a reject with this reason. */
  abandon(reason: string): Promise<ParseEnd>;
}

/**
 * What the worker needs to read the file at `path`, as plain data: the settings looked up for that
 * path (the app's lookups are proxies, which cannot be cloned), the rest copied.
 */
export function readOptions(options: ImportOptions, path: string): ReadOptions {
  const own = options.files?.[path];
  const clockFile = options.clockOffsetMs?.files?.[path];
  const nodes = options.clockOffsetMs?.nodes;
  return {
    cluster: options.cluster,
    node: options.node,
    defaultOffsetMinutes: options.defaultOffsetMinutes,
    offsetMinutesBySource: options.offsetMinutesBySource && { ...options.offsetMinutesBySource },
    year: options.year,
    files: own ? { [path]: { ...own } } : undefined,
    clockOffsetMs: {
      files: clockFile !== undefined ? { [path]: clockFile } : undefined,
      nodes: nodes && { ...nodes },
    },
  };
}

/**
 * The CSV mappings that rebuild `formats` in a worker, or null when `formats` is anything else
 * (a test's own list): such an import is read on the case's thread.
 */
export function offloadableMappings(formats: readonly LogFormat[]): CsvMapping[] | null {
  const mappings: CsvMapping[] = [];
  for (const f of formats) {
    if (!('mapping' in f)) break;
    mappings.push((f as { mapping: CsvMapping }).mapping);
  }
  const rest = formats.slice(mappings.length);
  return rest.length === FORMATS.length && rest.every((f, i) => f === FORMATS[i]) ? mappings : null;
}

/** The worker's side of one file: the same reader as on the case's thread, writing packed batches. */
export class PackedLogReader {
  readonly #counts = noCounts();
  readonly #packer: EventPacker;
  readonly #reader: LogFileReader;

  /** `spare`: whether this thread has time to compress a block itself (see ParseJob.rawAsIs). */
  constructor(job: ParseJob, platform: Platform, emit: (batch: PackedBatch) => void, spare: () => boolean = () => false) {
    const { ctx, correctClock } = readerSettings({ options: job.options }, job);
    const formats = [...job.csvMappings.map(csvMappedFormat), ...FORMATS];
    this.#packer = new EventPacker(platform, this.#counts, emit, job.rawAsIs ? { kind: 'byCase', spare } : { kind: 'async' });
    this.#reader = new LogFileReader(this.#packer, 0, ctx, this.#counts, formats, correctClock, platform.decodeAscii ?? null);
  }

  push(chunk: Uint8Array): Promise<void> {
    return this.#reader.push(chunk);
  }

  get lines(): number {
    return this.#counts.lines;
  }

  async end(): Promise<ParseEnd> {
    await this.#reader.end();
    return this.#finish();
  }

  abandon(reason: string): Promise<ParseEnd> {
    this.#reader.abandon(reason);
    return this.#finish();
  }

  async #finish(): Promise<ParseEnd> {
    await this.#packer.flushAll();
    return { counts: { ...this.#counts }, formatId: this.#reader.formatId, skipReason: this.#reader.skipReason };
  }
}
