// The CLI's parse worker (out/cli/parse-worker.mjs): reads log files' bytes into packed events on
// the second core while the main thread stores them. Messages are handled one at a time, in order.
import { parentPort } from 'node:worker_threads';
import { PackedLogReader } from '../../core/ingest/parseOffload';
import { transferables } from '../../core/store/packedRows';
import { nodePlatform } from '../../node/nodePlatform';
import type { ToParseWorker } from '../../node/parseWorker';

const port = parentPort;
if (!port) throw new Error('parse-worker runs as a worker thread');

let reader: PackedLogReader | null = null;
let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: ToParseWorker) => {
  queue = queue.then(() => handle(msg)).catch((err: unknown) => {
    // The reader stays open: the main thread answers an error by abandoning the file.
    port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  });
});

async function handle(msg: ToParseWorker): Promise<void> {
  if (msg.type === 'open') {
    reader = new PackedLogReader(msg.job, nodePlatform, (batch) => port?.postMessage({ type: 'batch', batch }, transferables(batch)));
    return;
  }
  if (!reader) throw new Error(`parse worker: ${msg.type} without an open file`);
  if (msg.type === 'chunk') {
    await reader.push(msg.chunk);
    port?.postMessage({ type: 'ack' });
  } else {
    const end = msg.type === 'end' ? await reader.end() : await reader.abandon(msg.reason);
    reader = null;
    port?.postMessage({ type: 'ended', end });
  }
}
