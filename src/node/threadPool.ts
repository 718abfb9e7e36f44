/** Machines of this many cores or fewer get a small pool. */
const SMALL_MACHINE_CORES = 2;
/** libuv's pool on a small machine: it only reads files and inflates gzip there. */
const SMALL_POOL_THREADS = 1;

/**
 * The size of libuv's thread pool for an import: one thread on a machine of two cores or fewer,
 * unless the user sized it (null: leave it). The pool defaults to four threads, which on two cores
 * only take turns with the import's two busy threads (the case's and the parse worker's): one took
 * 0.15 s off an import of a million lines (9 of 9 alternating pairs, two-core VM). libuv reads the
 * variable when its pool starts, at the first file read: the entry that sets it must be CommonJS,
 * as loading an ES module reads files through the pool.
 */
export function importThreadPoolSize(env: NodeJS.ProcessEnv, cores: number): string | null {
  if (cores > SMALL_MACHINE_CORES || env.UV_THREADPOOL_SIZE !== undefined) return null;
  return String(SMALL_POOL_THREADS);
}
