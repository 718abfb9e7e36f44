import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startWorkerEarly } from './earlyWorker';

const dir = mkdtempSync(join(tmpdir(), 'trailhound-early-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker that speaks first (three messages, then a marker file), then answers each message; 'die' ends it with code 3. */
function script(): { path: string; spoke: string } {
  const path = join(dir, 'talker.mjs');
  const spoke = join(dir, 'spoke');
  writeFileSync(path, `
    import { parentPort } from 'node:worker_threads';
    import { writeFileSync } from 'node:fs';
    for (const word of ['a', 'b', 'c']) parentPort.postMessage(word);
    writeFileSync(${JSON.stringify(spoke)}, '');
    parentPort.on('message', (m) => (m === 'die' ? process.exit(3) : parentPort.postMessage('re:' + m)));
  `);
  return { path, spoke };
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!done()) throw new Error('timed out');
}

describe('a worker started before anyone listens', () => {
  it('holds what it said until attached, then passes everything on in order, its exit too', async () => {
    const { path, spoke } = script();
    const early = startWorkerEarly(path);
    // Its first messages were posted before there was a listener.
    await until(() => existsSync(spoke));
    await new Promise((r) => setTimeout(r, 100));
    const heard: unknown[] = [];
    let exited: number | null = null;
    early.attach({ onMessage: (m) => heard.push(m), onError: (e) => heard.push(e), onExit: (code) => (exited = code) });
    early.worker.postMessage('ping');
    await until(() => heard.length === 4);
    expect(heard).toEqual(['a', 'b', 'c', 're:ping']);
    early.worker.postMessage('die');
    await until(() => exited !== null);
    expect(exited).toBe(3);
    expect(() => early.attach({ onMessage: () => undefined, onError: () => undefined, onExit: () => undefined })).toThrow(/already/);
  });
});
