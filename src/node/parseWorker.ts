import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseEnd, ParseJob, ParseOffload, ParseSession } from '../core/ingest/parseOffload';
import type { PackedBatch } from '../core/store/packedRows';

export type ToParseWorker =
  | { type: 'open'; job: ParseJob }
  | { type: 'chunk'; chunk: Uint8Array }
  | { type: 'end' }
  | { type: 'abandon'; reason: string };

type FromParseWorker =
  | { type: 'batch'; batch: PackedBatch }
  | { type: 'ack' }
  | { type: 'ended'; end: ParseEnd }
  | { type: 'error'; message: string };

/** Chunks (256 KiB each) handed to the worker and not yet parsed: enough to keep it busy, little memory. */
const IN_FLIGHT = 8;

export interface ParseWorker extends ParseOffload {
  close(): Promise<void>;
}

/** The bundled worker's path beside the CLI bundle, or null where it is absent (running from sources). */
export function parseWorkerScript(bundleUrl: string): string | null {
  const path = fileURLToPath(new URL('./parse-worker.mjs', bundleUrl));
  return existsSync(path) ? path : null;
}

/**
 * A worker thread that parses one file at a time for importFiles (ParseOffload). Chunks are
 * transferred, not copied twice; at most IN_FLIGHT wait in the worker, so a fast reader cannot
 * buffer a whole archive in memory.
 */
export function startParseWorker(script: string): ParseWorker {
  const worker = new Worker(script);
  worker.unref();
  let onBatch: ((batch: PackedBatch) => void) | null = null;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  let ending: { resolve(end: ParseEnd): void; reject(err: Error): void } | null = null;
  let failure: Error | null = null;
  let dead: Error | null = null;

  const fail = (err: Error): void => {
    failure = err;
    inFlight = 0;
    wake?.();
    ending?.reject(err);
    ending = null;
  };
  worker.on('message', (msg: FromParseWorker) => {
    if (msg.type === 'batch') {
      onBatch?.(msg.batch);
    } else if (msg.type === 'ack') {
      inFlight--;
      wake?.();
    } else if (msg.type === 'ended') {
      ending?.resolve(msg.end);
      ending = null;
    } else {
      fail(new Error(msg.message));
    }
  });
  const die = (err: Error): void => {
    dead = err;
    fail(err);
  };
  worker.on('error', die);
  worker.on('exit', (code) => die(new Error(`the parse worker stopped (exit code ${code})`)));

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
      worker.postMessage(msg);
    }).finally(() => {
      onBatch = null;
      inFlight = 0;
    });
  };

  return {
    open(job, batches): ParseSession {
      if (onBatch) throw new Error('the parse worker reads one file at a time');
      failure = null;
      onBatch = batches;
      worker.postMessage({ type: 'open', job } satisfies ToParseWorker);
      return {
        async push(chunk) {
          takeFailure();
          // Transferred: a view into a larger (pooled) buffer is copied out first.
          const own = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice();
          inFlight++;
          worker.postMessage({ type: 'chunk', chunk: own } satisfies ToParseWorker, [own.buffer as ArrayBuffer]);
          while (inFlight >= IN_FLIGHT && !failure) await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
          takeFailure();
        },
        end: () => finish({ type: 'end' }),
        abandon: (reason) => finish({ type: 'abandon', reason }),
      };
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
