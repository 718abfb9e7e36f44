import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import type { CallType, EngineCalls, EngineRequest, EngineResponse, FileToImport, ImportProgress, ImportResult, ImportSettings } from '../../worker/protocol';
import type { ExportChunk } from '../../worker/findingsProtocol';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: ImportProgress) => void;
  onChunk?: (chunk: ExportChunk) => void;
}

/** A running import: its outcome, and a way to stop it (what was read so far stays in the case). */
export interface ImportHandle {
  done: Promise<ImportResult>;
  cancel(): void;
}

/**
 * The renderer's only door to the engine worker: typed calls that resolve with the worker's answer.
 * The wasm is fetched here, on the page, and handed to the worker as bytes: fetch inside workers
 * is unreliable under file:// in Electron.
 */
export class EngineClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  readonly #ready: Promise<void>;
  #nextId = 1;

  constructor() {
    this.#worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'trailhound-engine' });
    this.#worker.addEventListener('message', (event: MessageEvent<EngineResponse>) => this.#receive(event.data));
    this.#worker.addEventListener('error', (event) => this.#failAll(`The engine stopped: ${event.message || 'worker error'}`));
    this.#ready = this.#init();
  }

  async #init(): Promise<void> {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`could not load the SQLite engine (${response.status})`);
    const wasmBinary = await response.arrayBuffer();
    await this.#send('init', { wasmBinary }, [wasmBinary]).done;
  }

  /** Sends one request once the engine is ready; resolves with its result or rejects with the engine's message. */
  async call<K extends CallType>(type: K, args: EngineCalls[K]['args'], transfer: Transferable[] = []): Promise<EngineCalls[K]['result']> {
    await this.#ready;
    return this.#send(type, args, transfer).done;
  }

  /** A call whose answer streams: each chunk as it arrives, then the result (an export of events). */
  async stream<K extends CallType>(type: K, args: EngineCalls[K]['args'], onChunk: (chunk: ExportChunk) => void): Promise<EngineCalls[K]['result']> {
    await this.#ready;
    const sent = this.#send(type, args);
    const pending = this.#pending.get(sent.id);
    if (pending) pending.onChunk = onChunk;
    return sent.done;
  }

  importFiles(files: FileToImport[], onProgress: (progress: ImportProgress) => void, analyst: string | null = null, settings: ImportSettings = {}): ImportHandle {
    let importId: number | null = null;
    let cancelled = false;
    const done = this.#ready.then(() => {
      const sent = this.#send('importFiles', { files, analyst, settings }, [], onProgress);
      importId = sent.id;
      if (cancelled) this.#cancel(sent.id);
      return sent.done;
    });
    return {
      done,
      cancel: () => {
        cancelled = true;
        if (importId !== null) this.#cancel(importId);
      },
    };
  }

  #cancel(importId: number): void {
    void this.#send('cancelImport', { importId }).done.catch(() => undefined);
  }

  #send<K extends CallType>(
    type: K,
    args: EngineCalls[K]['args'],
    transfer: Transferable[] = [],
    onProgress?: (progress: ImportProgress) => void,
  ): { id: number; done: Promise<EngineCalls[K]['result']> } {
    const id = this.#nextId++;
    const done = new Promise<EngineCalls[K]['result']>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
    });
    this.#worker.postMessage({ type, id, ...args } as EngineRequest, transfer);
    return { id, done };
  }

  #receive(message: EngineResponse): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    if (message.type === 'chunk') {
      pending.onChunk?.(message.chunk);
      return;
    }
    this.#pending.delete(message.id);
    if (message.type === 'error') pending.reject(new Error(message.message));
    else pending.resolve(message.result);
  }

  #failAll(reason: string): void {
    for (const pending of this.#pending.values()) pending.reject(new Error(reason));
    this.#pending.clear();
  }
}
