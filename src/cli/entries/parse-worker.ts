// The CLI's parse worker (out/cli/parse-worker.mjs): reads log files' bytes into packed events on
// the second core while the main thread stores them.
import { parentPort } from 'node:worker_threads';
import { parseWorkerServer, type ToParseWorker } from '../../core/ingest/parseWorkerProtocol';
import { nodePlatform } from '../../node/nodePlatform';
import { recentIdleness } from '../../node/recentIdleness';

const port = parentPort;
if (!port) throw new Error('parse-worker runs as a worker thread');
// A worker that has been waiting for work compresses the raw blocks it seals; else the case's thread does.
const handle = parseWorkerServer(nodePlatform, (msg, transfer) => port.postMessage(msg, transfer), recentIdleness());
port.on('message', (msg: ToParseWorker) => handle(msg));
