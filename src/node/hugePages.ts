import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/**
 * glibc's switch that makes malloc ask the kernel for transparent huge pages on the memory it maps
 * (glibc 2.35 and later; older ones, and other C libraries, ignore it). An import writes the case,
 * a few hundred megabytes, into one large buffer: in 4 KiB pages that is about 80,000 page faults,
 * about a second of system time on a virtual machine; in 2 MiB pages, a few hundred.
 */
export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

/**
 * The environment to run the process again with, so that malloc uses huge pages: null where that
 * is not needed or not wanted (not Linux; already set; the user set the switch either way).
 * glibc reads its tunables only as a process starts, hence a second process.
 */
export function environmentWithHugePages(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): NodeJS.ProcessEnv | null {
  if (platform !== 'linux') return null;
  const tunables = env.GLIBC_TUNABLES ?? '';
  if (tunables.split(':').some((t) => t.startsWith('glibc.malloc.hugetlb='))) return null;
  return { ...env, GLIBC_TUNABLES: tunables ? `${tunables}:${HUGE_PAGES_TUNABLE}` : HUGE_PAGES_TUNABLE };
}

/** Machines of this many cores or fewer get small pools. */
const SMALL_MACHINE_CORES = 2;
/** libuv's pool on a small machine: it only reads files and inflates gzip there (the import's threads compress). */
const SMALL_UV_POOL_THREADS = 1;
/** V8's pool on a small machine (garbage collection and compiling); one was no faster. */
const SMALL_V8_POOL_THREADS = 2;

/**
 * `env` with Node's two thread pools (libuv's, which reads files, inflates and writes; V8's, which
 * collects garbage and compiles) cut down on a machine of two cores or fewer, unless the user
 * sized them. Each defaults to four threads, which on two cores only take turns with the import's
 * two busy threads: fewer threads switch less. Two threads each took 0.3-0.9 s off an import of a
 * million lines (alternating runs, two-core VM); once the import's own threads compressed the
 * original records, one libuv thread took 0.15 s more off (9 of 9 pairs).
 */
export function withSmallThreadPools(env: NodeJS.ProcessEnv, cores: number): NodeJS.ProcessEnv {
  if (cores > SMALL_MACHINE_CORES) return env;
  const out = { ...env };
  out.UV_THREADPOOL_SIZE ??= String(SMALL_UV_POOL_THREADS);
  const options = env.NODE_OPTIONS ?? '';
  if (!/--v8-pool-size\b/.test(options)) out.NODE_OPTIONS = `${options} --v8-pool-size=${SMALL_V8_POOL_THREADS}`.trim();
  return out;
}

/**
 * Runs this same command again in a child process with `env`; resolves with its exit code (128 +
 * the signal's number when a signal ended it), or null when it could not be started. Ctrl-C at a
 * terminal reaches the child itself (the whole foreground process group gets it), so this process
 * only ignores it; SIGTERM and SIGHUP, sent to this process alone, are passed on.
 */
export function runAgain(env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    const ignore = (): void => undefined;
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    process.on('SIGHUP', forward);
    const done = (code: number | null): void => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      process.off('SIGHUP', forward);
      resolve(code);
    };
    child.on('error', () => done(null));
    child.on('exit', (code, signal) => done(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}
