import type { EarlyWorker } from '../node/earlyWorker';

/** Exit statuses: the contract of issue 2 (and sysexits' EX_SOFTWARE for our own bugs). */
export const EXIT = {
  ok: 0,
  /** The import completed, but some line was rejected or some file is partial or skipped. */
  incomplete: 1,
  /** Usage error, missing path, unreadable or foreign case, invalid or writing SQL. */
  usage: 2,
  /** A bug in Trailhound, not the user's mistake. */
  internal: 70,
  /** Interrupted with Ctrl-C (128 + SIGINT), as shells report it. */
  interrupted: 130,
} as const;

/** A user's mistake: printed as one line, exit status 2 unless said otherwise. */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.usage) {
    super(message);
    this.exitCode = exitCode;
  }
}

export interface TextSink {
  write(text: string): unknown;
  /** A terminal: progress is drawn only there. */
  isTTY?: boolean;
  columns?: number;
}

/** Where a command writes: the process's streams in the binary, strings in tests. */
export interface CliIo {
  /** The result alone (table, JSON or CSV). */
  stdout: TextSink;
  /** Messages and progress. */
  stderr: TextSink;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
  env?: Readonly<Record<string, string | undefined>>;
  /** The binary's import parse worker, started as the process began (src/cli/main.ts). */
  parseWorker?: EarlyWorker;
}
