import { parseWorkerClient, type FromParseWorker, type ParseWorker } from '../core/ingest/parseWorkerProtocol';

/**
 * The engine's parse worker, a Web Worker of its own: started on the first import, kept for the
 * next ones, started again if it dies. Where workers cannot start workers, imports parse in the
 * engine's thread as before.
 */
let current: ParseWorker | null = null;
const START_TIMEOUT_MS = 10_000;

export async function engineParseWorker(): Promise<ParseWorker | null> {
  if (current) return current;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  const client = parseWorkerClient({
    post: (msg, transfer) => worker.postMessage(msg, transfer),
    listen(onMessage, onDeath) {
      worker.addEventListener('message', (event: MessageEvent<FromParseWorker>) => onMessage(event.data));
      worker.addEventListener('error', (event) => {
        if (current === client) current = null;
        onDeath(new Error(`the parse worker failed: ${event.message || 'it could not start'}`));
      });
    },
    terminate: () => Promise.resolve(worker.terminate()),
  });
  // A worker that neither starts nor fails within this time is given up: the import must not wait on it.
  const gaveUp = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), START_TIMEOUT_MS));
  if (!(await Promise.race([client.ready, gaveUp]))) {
    await client.close();
    return null;
  }
  current = client;
  return client;
}
