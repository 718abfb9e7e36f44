import type { Platform } from '../platform/platform';
import { transferables, type PackedBatch } from '../store/packedRows';
import { PackedLogReader, type ParseEnd, type ParseJob, type ParseOffload, type ParseSession } from './parseOffload';

/** To the parse worker: one file at a time, opened, fed chunk by chunk, then ended or abandoned. */
export type ToParseWorker =
  | { type: 'open'; job: ParseJob }
  | { type: 'chunk'; chunk: Uint8Array }
  | { type: 'end' }
  | { type: 'abandon'; reason: string };

export type FromParseWorker =
  | { type: 'ready' }
  | { type: 'batch'; batch: PackedBatch }
  /** A chunk was read: `lines` so far, for progress between batches. */
  | { type: 'ack'; lines: number }
  | { type: 'ended'; end: ParseEnd }
  | { type: 'error'; message: string };

/** The host's worker (a Node worker thread, a Web Worker), seen from the thread that owns the case. */
export interface ParseWorkerPort {
  post(msg: ToParseWorker, transfer: ArrayBuffer[]): void;
  /** `onDeath`: the worker crashed or exited. */
  listen(onMessage: (msg: FromParseWorker) => void, onDeath: (err: Error) => void): void;
  terminate(): Promise<unknown>;
}

export interface ParseWorker extends ParseOffload {
  /** True once the worker has started and said so; false if it died first (then read on the case's thread). */
  readonly ready: Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Chunks (256 KiB each) handed to the worker and not yet parsed: 24 MiB, a quarter of a second of
 * parsing, so that the worker does not run dry while the case's thread is busy storing and
 * compressing (at 8 MiB it did: a million audit lines imported 0.3 s slower, alternating runs).
 */
const IN_FLIGHT = 96;

/**
 * The case's side of a parse worker (ParseOffload). Chunks are transferred, not copied twice; at
 * most IN_FLIGHT wait in the worker, so a fast reader cannot buffer a whole archive in memory.
 */
export function parseWorkerClient(port: ParseWorkerPort): ParseWorker {
  let onBatch: ((batch: PackedBatch) => void) | null = null;
  let onLines: ((lines: number) => void) | null = null;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  let ending: { resolve(end: ParseEnd): void; reject(err: Error): void } | null = null;
  let failure: Error | null = null;
  let dead: Error | null = null;
  let started: (ok: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => (started = resolve));

  const fail = (err: Error): void => {
    failure = err;
    inFlight = 0;
    wake?.();
    ending?.reject(err);
    ending = null;
  };
  port.listen(
    (msg) => {
      if (msg.type === 'ready') {
        started(true);
      } else if (msg.type === 'batch') {
        onBatch?.(msg.batch);
      } else if (msg.type === 'ack') {
        onLines?.(msg.lines);
        inFlight--;
        wake?.();
      } else if (msg.type === 'ended') {
        ending?.resolve(msg.end);
        ending = null;
      } else {
        fail(new Error(msg.message));
      }
    },
    (err) => {
      dead = err;
      started(false);
      fail(err);
    },
  );

  const takeFailure = (): void => {
    const err = failure;
    if (!err) return;
    failure = null;
    throw err;
  };
  /** Ends the file; after an error the worker has reported, abandoning still reaches it (its reader is intact). */
  const finish = (msg: ToParseWorker): Promise<ParseEnd> => {
    if (msg.type === 'abandon') failure = null;
    takeFailure();
    if (dead) return Promise.reject(dead);
    return new Promise<ParseEnd>((resolve, reject) => {
      ending = { resolve, reject };
      port.post(msg, []);
    }).finally(() => {
      onBatch = null;
      onLines = null;
      inFlight = 0;
    });
  };

  return {
    ready,
    open(job, batches, lines): ParseSession {
      if (onBatch) throw new Error('the parse worker reads one file at a time');
      if (dead) throw dead;
      failure = null;
      onBatch = batches;
      onLines = lines ?? null;
      port.post({ type: 'open', job }, []);
      return {
        async push(chunk) {
          takeFailure();
          // Transferred: a view into a larger (pooled) buffer is copied out first.
          const own = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice();
          inFlight++;
          port.post({ type: 'chunk', chunk: own }, [own.buffer as ArrayBuffer]);
          while (inFlight >= IN_FLIGHT && !failure) await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          takeFailure();
        },
        end: () => finish({ type: 'end' }),
        abandon: (reason) => finish({ type: 'abandon', reason }),
      };
    },
    async close() {
      dead ??= new Error('the parse worker was closed');
      await port.terminate();
    },
  };
}

/**
 * The worker's side: returns the handler of its incoming messages. Messages are handled one at a
 * time, in order; after an error the file stays open, as the case's side answers by abandoning it.
 * `spare`: whether the worker has been waiting for work lately, and so has time to compress raw
 * blocks itself (ParseJob.rawAsIs).
 */
export function parseWorkerServer(
  platform: Platform, post: (msg: FromParseWorker, transfer: ArrayBuffer[]) => void, spare: () => boolean = () => false,
): (msg: ToParseWorker) => void {
  let reader: PackedLogReader | null = null;
  let queue: Promise<void> = Promise.resolve();
  post({ type: 'ready' }, []);

  const handle = async (msg: ToParseWorker): Promise<void> => {
    if (msg.type === 'open') {
      reader = new PackedLogReader(msg.job, platform, (batch) => post({ type: 'batch', batch }, transferables(batch)), spare);
      return;
    }
    if (!reader) throw new Error(`parse worker: ${msg.type} without an open file`);
    if (msg.type === 'chunk') {
      await reader.push(msg.chunk);
      post({ type: 'ack', lines: reader.lines }, []);
    } else {
      const end = msg.type === 'end' ? await reader.end() : await reader.abandon(msg.reason);
      reader = null;
      post({ type: 'ended', end }, []);
    }
  };
  return (msg) => {
    queue = queue.then(() => handle(msg)).catch((err: unknown) => {
      post({ type: 'error', message: err instanceof Error ? err.message : String(err) }, []);
    });
  };
}
