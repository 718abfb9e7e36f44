// The CLI's parse worker (out/cli/parse-worker.mjs): reads log files' bytes into packed events on
// the second core while the main thread stores them.
import { parentPort } from 'node:worker_threads';
import { parseWorkerServer, type ToParseWorker } from '../../core/ingest/parseWorkerProtocol';
import { nodePlatform } from '../../node/nodePlatform';

const port = parentPort;
if (!port) throw new Error('parse-worker runs as a worker thread');
const handle = parseWorkerServer(nodePlatform, (msg, transfer) => port.postMessage(msg, transfer));
port.on('message', (msg: ToParseWorker) => handle(msg));
