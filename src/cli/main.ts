import { availableParallelism, constants } from 'node:os';
import { parseWorkerScript, startWorkerEarly } from '../node/earlyWorker';
import { environmentWithHugePages, runAgain, withSmallThreadPools } from '../node/hugePages';
import { EXIT, type CliIo } from './cliIo';

/**
 * The `trailhound` binary (bundled to out/cli/trailhound.mjs). Process concerns live here only; the
 * CLI is a bundle of its own (out/cli/cli.mjs), loaded only by the process that runs the command.
 * On Linux an import runs in a child process started with huge pages for malloc, and on two cores
 * with smaller thread pools (see hugePages.ts; GLIBC_TUNABLES=glibc.malloc.hugetlb=0 keeps it in
 * this one). During an import, Ctrl-C aborts it cleanly (the case is left unchanged; a second
 * Ctrl-C exits at once); so do SIGTERM and SIGHUP, after which the process ends by that signal, as
 * it would have without a listener, but without leaving the case's temp file behind. Other commands keep Node's default, which ends the process even inside
 * a long synchronous query, where a listener would only run after it. A closed stdout pipe
 * (`trailhound sql ... | head`) ends quietly instead of throwing EPIPE.
 */
const argv = process.argv.slice(2);
const rerun = argv[0] === 'import' ? environmentWithHugePages(process.env, process.platform) : null;
const code = rerun ? await runAgain(withSmallThreadPools(rerun, availableParallelism())) : null;
if (code !== null) {
  process.exitCode = code;
} else {
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
  const script = argv[0] === 'import' ? parseWorkerScript(import.meta.url) : null;
  const io: CliIo = {
    stdout: process.stdout, stderr: process.stderr, signal: controller.signal, env: process.env,
    parseWorker: script ? startWorkerEarly(script) : undefined,
  };
  const { runCli } = (await import(new URL('./cli.mjs', import.meta.url).href)) as typeof import('./runCli');
  process.exitCode = await runCli(argv, io);
  if (endedBy) {
    process.removeAllListeners(endedBy);
    process.kill(process.pid, endedBy);
  }
}
