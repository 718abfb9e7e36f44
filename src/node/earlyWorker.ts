import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The bundled worker's path beside the CLI bundle, or null where it is absent (running from sources). */
export function parseWorkerScript(bundleUrl: string): string | null {
  const path = fileURLToPath(new URL('./parse-worker.mjs', bundleUrl));
  return existsSync(path) ? path : null;
}

/** What a worker thread says, in the order it said it. */
export interface WorkerListeners {
  onMessage(msg: unknown): void;
  onError(err: Error): void;
  onExit(code: number): void;
}

/** A worker thread started before anyone listens to it: what it says is held until `attach`. */
export interface EarlyWorker {
  readonly worker: Worker;
  /**
   * Hands over what was held, in order, then everything that follows; once only. From then on the
   * worker keeps the process alive (a reply awaited must not be cut short): end it with terminate().
   */
  attach(listeners: WorkerListeners): void;
}

type Held = { kind: 'message'; msg: unknown } | { kind: 'error'; err: Error } | { kind: 'exit'; code: number };

/**
 * Starts a worker thread at once and holds its messages, errors and exit until a listener comes.
 * A worker takes about a tenth of a second to boot on a slow machine, as long as the CLI's own
 * bundle takes to load: started first, it boots while the bundle loads. A Worker's events have
 * no queue of their own (a 'message' with no listener is dropped), hence the holding.
 * Until attached, the worker does not keep the process alive: a command that ends without using it
 * (a mistyped flag, --help) just exits.
 */
export function startWorkerEarly(script: string): EarlyWorker {
  const worker = new Worker(script);
  let held: Held[] | null = [];
  let listeners: WorkerListeners | null = null;
  const deliver = (event: Held): void => {
    if (!listeners) {
      held?.push(event);
    } else if (event.kind === 'message') {
      listeners.onMessage(event.msg);
    } else if (event.kind === 'error') {
      listeners.onError(event.err);
    } else {
      listeners.onExit(event.code);
    }
  };
  worker.on('message', (msg: unknown) => deliver({ kind: 'message', msg }));
  worker.on('error', (err: Error) => deliver({ kind: 'error', err }));
  worker.on('exit', (code: number) => deliver({ kind: 'exit', code }));
  // After the listeners: a 'message' listener refs the worker's port, which would keep the process alive.
  worker.unref();
  return {
    worker,
    attach(given) {
      if (listeners) throw new Error('the worker already has its listener');
      listeners = given;
      worker.ref();
      const backlog = held ?? [];
      held = null;
      for (const event of backlog) deliver(event);
    },
  };
}
