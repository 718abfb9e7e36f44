import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, posix, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // The right type lets the browser compile sql.js's WebAssembly while it streams in.
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.log': 'text/plain; charset=utf-8',
  '.gz': 'application/gzip',
};

export interface StaticServerOptions {
  /** The folder served (out/renderer). */
  root: string;
  /** Loopback only by default: the app holds evidence and must not be reachable from the network. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Sent with every response (the Content-Security-Policy, above all). */
  headers?: Record<string, string>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stops listening and drops open connections (keep-alive ones would hold the process). */
  close(): Promise<void>;
}

/**
 * The file under `root` a request path names, or null when it would leave `root` (`..`, encoded
 * slashes, NUL). `/` and folder paths serve their index.html.
 */
export function resolveRequestPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  let relative = posix.normalize(`/${decoded}`);
  if (relative.endsWith('/')) relative += 'index.html';
  const base = resolve(root);
  const file = resolve(join(base, relative));
  return file.startsWith(base + sep) ? file : null;
}

/** Requests must name this server by its loopback address: a guard against DNS rebinding. */
function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].some((h) => hostHeader === `${h}:${port}`);
}

async function respond(req: IncomingMessage, res: ServerResponse, options: StaticServerOptions, port: number): Promise<void> {
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  // Rebuilt files keep their names (index.html): never serve a stale copy.
  res.setHeader('Cache-Control', 'no-store');
  const fail = (status: number, text: string): void => {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`${text}\n`);
  };
  if (!isLoopbackHost(req.headers.host, port)) return fail(403, 'forbidden host');
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method not allowed');
  const file = resolveRequestPath(options.root, req.url ?? '/');
  if (!file) return fail(404, 'not found');
  let size: number;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) return fail(404, 'not found');
    size = stats.size;
  } catch {
    return fail(404, 'not found');
  }
  res.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'Content-Length': size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}

/** A minimal static file server for the built UI (the browser fallback of `npm start`). */
export function startStaticServer(options: StaticServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  let port = 0;
  const server = createServer((req, res) => {
    respond(req, res, options, port).catch(() => res.destroy());
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      port = (server.address() as AddressInfo).port;
      resolvePromise({
        url: `http://${host}:${port}/`,
        port,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        }),
      });
    });
  });
}
