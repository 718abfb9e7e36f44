import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../node/atomicWrite';
import { CurrentCases, saveToCurrentCase, validateOpenedCasePath } from './currentCase';

const dir = mkdtempSync(join(tmpdir(), 'trailhound-current-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function readHead(path: string, length: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(length);
    await handle.read(buffer, 0, length, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}

describe('saveToCurrentCase', () => {
  it('writes to the current case, or reports that there is none yet', async () => {
    const target = join(dir, 'case.sqlite');
    expect(await saveToCurrentCase(new Uint8Array([1, 2]), target, writeFileAtomic)).toEqual({ ok: true, value: target });
    expect([...readFileSync(target)]).toEqual([1, 2]);
    expect(await saveToCurrentCase(new Uint8Array([1]), undefined, writeFileAtomic)).toEqual({ ok: true, value: null });
  });

  it('refuses what is not case bytes and reports a failed write', async () => {
    expect((await saveToCurrentCase('x', join(dir, 'a'), writeFileAtomic)).ok).toBe(false);
    expect((await saveToCurrentCase(new Uint8Array(0), join(dir, 'a'), writeFileAtomic)).ok).toBe(false);
    const failed = await saveToCurrentCase(new Uint8Array([1]), join(dir, 'missing', 'a.sqlite'), writeFileAtomic);
    expect(failed).toMatchObject({ ok: false });
  });
});

describe('validateOpenedCasePath', () => {
  it('accepts an absolute path to a SQLite file only', async () => {
    const good = join(dir, 'opened.sqlite');
    writeFileSync(good, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(84)]));
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'just some notes, long enough');
    expect(await validateOpenedCasePath(good, readHead)).toEqual({ ok: true, value: good });
    expect((await validateOpenedCasePath(text, readHead)).ok).toBe(false);
    for (const bad of ['relative.sqlite', '', 42, null, `${good}\0x`, join(dir, 'missing.sqlite')]) {
      expect((await validateOpenedCasePath(bad, readHead)).ok, String(bad)).toBe(false);
    }
  });
});

describe('CurrentCases', () => {
  it('keeps one path per window', () => {
    const cases = new CurrentCases();
    cases.set(1, '/a.sqlite');
    cases.set(2, '/b.sqlite');
    cases.forget(1);
    expect([cases.get(1), cases.get(2)]).toEqual([undefined, '/b.sqlite']);
  });
});
