import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import { browserFallbackNotice, locateElectronBinary } from './electronBinary';

const ROOT = join(import.meta.dirname, '../..');
// Inside the project (electron-vite only empties output folders there), away from out/ itself.
mkdirSync(join(ROOT, 'out'), { recursive: true });
const outDir = mkdtempSync(join(ROOT, 'out', '.start-test-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** `npm start` on this machine, where Electron's binary cannot be installed. */
describe.skipIf(locateElectronBinary(join(ROOT, 'node_modules/electron'), process.env) !== null)('scripts/start.mjs without the Electron binary', () => {
  it('prints the one-line fallback, serves the UI with the CSP header, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--out-dir', outDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match) done(match[1]);
      });
      void exited.then(() => fail(new Error(`start.mjs exited early: ${stderr}`)));
    });
    try {
      expect(stderr.split('\n').filter((l) => l.includes('Electron'))).toEqual([browserFallbackNotice()]);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const html = await page.text();
      expect(html).toMatch(/^<!doctype html>/i);
      const script = /src="\.\/([^"]+\.js)"/.exec(html)?.[1];
      if (script) expect((await fetch(new URL(script, url))).headers.get('content-type')).toMatch(/^text\/javascript/);
      expect((await fetch(new URL('missing.html', url))).status).toBe(404);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toEqual({ code: 0, signal: null });
  }, 180_000);

  it('built a sandbox-ready preload: one CommonJS file that requires only electron', () => {
    expect(readdirSync(join(outDir, 'preload'))).toEqual(['index.cjs']);
    expect(existsSync(join(outDir, 'main', 'index.js'))).toBe(true);
    const exposed: Record<string, unknown> = {};
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
      ipcRenderer: { invoke: async () => null, on: () => undefined, removeListener: () => undefined },
      webUtils: { getPathForFile: () => '' },
    };
    const sandboxRequire = (name: string): unknown => {
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return fakeElectron;
    };
    // How Electron runs a sandboxed preload: its text as a function body, with a require that knows only electron's modules.
    new Function('require', 'module', 'exports', readFileSync(join(outDir, 'preload', 'index.cjs'), 'utf8'))(sandboxRequire, { exports: {} }, {});
    expect(Object.keys(exposed)).toEqual(['trailhound']);
    expect(Object.keys(exposed.trailhound as object).sort()).toEqual(['caseOpened', 'onMenuCommand', 'saveCase', 'saveCaseAs']);
  });
});
