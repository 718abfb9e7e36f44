/**
 * The app's parse worker, started by the engine worker: reads log files' bytes into packed events
 * on another core while the engine stores them (src/core/ingest/parseWorkerProtocol.ts).
 */
import { parseWorkerServer, type FromParseWorker, type ToParseWorker } from '../core/ingest/parseWorkerProtocol';
import { workerPlatform } from './workerPlatform';

interface ParseWorkerScope {
  postMessage(message: FromParseWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToParseWorker>) => void): void;
}
const scope = self as unknown as ParseWorkerScope;
const handle = parseWorkerServer(workerPlatform, (msg, transfer) => scope.postMessage(msg, transfer));
scope.addEventListener('message', (event) => handle(event.data));
