import { parseWorkerClient, type FromParseWorker, type ParseWorker } from '../core/ingest/parseWorkerProtocol';
import { startWorkerEarly, type EarlyWorker } from './earlyWorker';

export { parseWorkerScript } from './earlyWorker';

/**
 * A worker thread that parses one file at a time for importFiles (src/cli/entries/parse-worker.ts):
 * `early`, when the process started it before loading the CLI (src/cli/main.ts), else started now.
 * The CLI exits when its work is done, whether or not the worker was closed.
 */
export function startParseWorker(script: string, early: EarlyWorker = startWorkerEarly(script)): ParseWorker {
  const { worker } = early;
  return parseWorkerClient({
    post: (msg, transfer) => worker.postMessage(msg, transfer),
    listen(onMessage, onDeath) {
      early.attach({
        onMessage: (msg) => onMessage(msg as FromParseWorker),
        onError: onDeath,
        onExit: (code) => onDeath(new Error(`the parse worker stopped (exit code ${code})`)),
      });
    },
    terminate: () => worker.terminate(),
  });
}
