import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRequestPath, startStaticServer, type RunningServer } from './staticServer';

const base = mkdtempSync(join(tmpdir(), 'trailhound-static-'));
const root = join(base, 'renderer');
let server: RunningServer;

beforeAll(async () => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><p>app</p>');
  writeFileSync(join(root, 'assets', 'sql-wasm.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(base, 'secret.txt'), 'outside the root');
  server = await startStaticServer({ root, port: 0, headers: { 'Content-Security-Policy': "default-src 'none'" } });
});
afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

/** A raw request: fetch() would normalize `..` away before sending. */
function raw(path: string, options: { method?: string; host?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: { host: options.host ?? `127.0.0.1:${server.port}` } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('startStaticServer', () => {
  it('serves index.html at / with the given CSP and hardening headers', async () => {
    const res = await raw('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<p>app</p>');
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves WebAssembly as application/wasm', async () => {
    expect((await raw('/assets/sql-wasm.wasm')).headers['content-type']).toBe('application/wasm');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/index.html%00', '/%E0%A4%A'])('never serves outside its root: %s', async (path) => {
    const res = await raw(path);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('outside the root');
  });

  it('refuses other hosts (DNS rebinding) and methods that are not GET or HEAD', async () => {
    expect((await raw('/', { host: 'attacker.example' })).status).toBe(403);
    expect((await raw('/', { method: 'POST' })).status).toBe(405);
    const head = await raw('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('resolveRequestPath', () => {
  it('maps folders to their index.html and ignores the query', () => {
    expect(resolveRequestPath('/srv', '/')).toBe('/srv/index.html');
    expect(resolveRequestPath('/srv', '/a/b.js?v=1#x')).toBe('/srv/a/b.js');
    expect(resolveRequestPath('/srv', '/../../etc/passwd')).toBe('/srv/etc/passwd');
  });
});
