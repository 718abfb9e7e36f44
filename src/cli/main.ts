import { availableParallelism, constants } from 'node:os';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { parseWorkerScript, startWorkerEarly } from '../node/earlyWorker';
import { importHeapFlag } from '../node/importHeap';
import { importThreadPoolSize } from '../node/threadPool';
import { EXIT, type CliIo } from './cliIo';

/**
 * The `trailhound` binary (bundled, as CommonJS, to out/cli/trailhound.cjs). Process concerns live
 * here only; the CLI is a bundle of its own (out/cli/cli.mjs). CommonJS so that an import can size
 * libuv's thread pool before it starts (see threadPool.ts); an import also lets V8's heap grow
 * further between full GCs (see importHeap.ts). During an import, Ctrl-C aborts it
 * cleanly (the case is left unchanged; a second Ctrl-C exits at once); so do SIGTERM and SIGHUP,
 * after which the process ends by that signal, as it would have without a listener, but without
 * leaving the case's temp file behind. Other commands keep Node's default, which ends the process
 * even inside a long synchronous query, where a listener would only run after it. A closed stdout
 * pipe (`trailhound sql ... | head`) ends quietly instead of throwing EPIPE.
 */
const argv = process.argv.slice(2);
if (argv[0] === 'import') {
  const poolSize = importThreadPoolSize(process.env, availableParallelism());
  if (poolSize !== null) process.env.UV_THREADPOOL_SIZE = poolSize;
  // Before the parse worker starts: its isolate takes the flag too.
  const heapFlag = importHeapFlag(process.execArgv);
  if (heapFlag !== null) setFlagsFromString(heapFlag);
}
void main();

async function main(): Promise<void> {
  const selfUrl = pathToFileURL(__filename).href;
  const controller = new AbortController();
  let endedBy: NodeJS.Signals | null = null;
  if (argv[0] === 'import') {
    let interrupts = 0;
    process.on('SIGINT', () => {
      interrupts++;
      if (interrupts > 1) process.exit(EXIT.interrupted);
      controller.abort();
    });
    for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        if (endedBy) process.exit(128 + constants.signals[signal]);
        endedBy = signal;
        controller.abort();
      });
    }
  }
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.ok);
    throw err;
  });
  // An import's parse worker boots while the CLI's bundle loads (both take about a tenth of a second).
  const script = argv[0] === 'import' ? parseWorkerScript(selfUrl) : null;
  const io: CliIo = {
    stdout: process.stdout, stderr: process.stderr, signal: controller.signal, env: process.env,
    parseWorker: script ? startWorkerEarly(script) : undefined,
  };
  const { runCli } = (await import(new URL('./cli.mjs', selfUrl).href)) as typeof import('./runCli');
  const status = await runCli(argv, io);
  if (endedBy) {
    process.removeAllListeners(endedBy);
    process.kill(process.pid, endedBy);
  } else if (argv[0] === 'import') {
    // Once its report is out, an import's process ends at once: tearing down a heap that held a
    // million events took some 50 ms, and the case is written and synced already.
    await exitWhenWritten([process.stdout, process.stderr], status);
  } else {
    process.exitCode = status;
  }
}

/** Exits with `status` once everything written to `streams` has been handed to the system. */
async function exitWhenWritten(streams: NodeJS.WriteStream[], status: number): Promise<void> {
  await Promise.all(streams.map((s) => new Promise<void>((resolve) => s.write('', () => resolve()))));
  process.exit(status);
}
