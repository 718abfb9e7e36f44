import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseWorkerClient, type FromParseWorker, type ParseWorker } from '../core/ingest/parseWorkerProtocol';

/** The bundled worker's path beside the CLI bundle, or null where it is absent (running from sources). */
export function parseWorkerScript(bundleUrl: string): string | null {
  const path = fileURLToPath(new URL('./parse-worker.mjs', bundleUrl));
  return existsSync(path) ? path : null;
}

/** A worker thread that parses one file at a time for importFiles (src/cli/entries/parse-worker.ts). */
export function startParseWorker(script: string): ParseWorker {
  const worker = new Worker(script);
  // The CLI exits when its work is done, whether or not the worker was closed.
  worker.unref();
  return parseWorkerClient({
    post: (msg, transfer) => worker.postMessage(msg, transfer),
    listen(onMessage, onDeath) {
      worker.on('message', (msg: FromParseWorker) => onMessage(msg));
      worker.on('error', onDeath);
      worker.on('exit', (code) => onDeath(new Error(`the parse worker stopped (exit code ${code})`)));
    },
    terminate: () => worker.terminate(),
  });
}
