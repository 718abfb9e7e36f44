import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { browserFallbackNotice, locateElectronBinary } from './electronBinary';
import { startStaticServer, type RunningServer } from './staticServer';

/** Tried first by `npm run web`; when taken, any free port is used instead. */
const DEFAULT_PORT = 7480;

export interface StartOptions {
  /** Serve in the browser even where Electron could start (`npm run web`). */
  web: boolean;
  /** An explicit port must be free; without one, 7480 or else any free port. */
  port: number | null;
  /** Build output folder (tests build elsewhere so as not to disturb out/). */
  outDir: string;
}

export function parseStartArgs(argv: readonly string[], root: string): StartOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: { web: { type: 'boolean' }, port: { type: 'string' }, 'out-dir': { type: 'string' } },
    strict: true,
  });
  const port = values.port === undefined ? null : Number(values.port);
  if (port !== null && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new Error(`--port must be a port number, not ${values.port}`);
  return { web: values.web ?? false, port, outDir: resolve(root, values['out-dir'] ?? 'out') };
}

function run(command: string, args: string[], cwd: string): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/** electron-vite builds main, preload and renderer; warnings and errors only, to keep the console readable. */
async function buildApp(root: string, outDir: string): Promise<void> {
  const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  const args = [cli, 'build', '--logLevel', 'warn', ...(outDir === join(root, 'out') ? [] : ['--outDir', outDir])];
  const code = await run(process.execPath, args, root);
  if (code !== 0) throw new Error(`the app build failed (electron-vite build exited with ${code})`);
}

async function launchElectron(binary: string, root: string): Promise<number> {
  const env = { ...process.env };
  // Set, it would make the binary behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.'], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((done) => child.on('exit', (code) => done(code ?? 0)));
}

async function listen(rendererDir: string, port: number | null): Promise<RunningServer> {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY };
  try {
    return await startStaticServer({ root: rendererDir, port: port ?? DEFAULT_PORT, headers });
  } catch (err) {
    if (port !== null || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return startStaticServer({ root: rendererDir, port: 0, headers });
  }
}

/**
 * `npm start`: the desktop app where Electron's binary is installed; elsewhere one line saying
 * so, and the same UI served to the browser on 127.0.0.1 (`npm run web` goes there directly).
 * Resolves with the exit status once the app or the server has stopped.
 */
export async function startApp(argv: readonly string[], root: string): Promise<number> {
  const options = parseStartArgs(argv, root);
  const binary = options.web ? null : locateElectronBinary(join(root, 'node_modules/electron'), process.env);
  if (!options.web && !binary) console.error(browserFallbackNotice());
  await buildApp(root, options.outDir);
  if (binary) return launchElectron(binary, root);

  const server = await listen(join(options.outDir, 'renderer'), options.port);
  console.log(`Trailhound is running at ${server.url} (Ctrl-C to stop)`);
  return new Promise((done) => {
    const stop = (): void => {
      void server.close().then(() => done(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
