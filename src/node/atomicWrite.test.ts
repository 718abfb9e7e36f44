import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAtomicTempName, writeFileAtomic, writeFileAtomicChunks } from './atomicWrite';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'trailhound-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('writeFileAtomic', () => {
  it('creates a file and replaces it, leaving no temp file behind', async () => {
    const target = join(dir, 'case.sqlite');
    await writeFileAtomic(target, bytes('one'));
    await writeFileAtomic(target, bytes('two'));
    expect(readFileSync(target, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['case.sqlite']);
  });

  it('keeps the permissions of the file it replaces', async () => {
    const target = join(dir, 'case.sqlite');
    writeFileSync(target, 'old');
    chmodSync(target, 0o600);
    await writeFileAtomic(target, bytes('new'));
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it('writes through a symlink to the file it points to', async () => {
    const real = join(dir, 'real.sqlite');
    writeFileSync(real, 'old');
    symlinkSync(real, join(dir, 'link.sqlite'));
    await writeFileAtomic(join(dir, 'link.sqlite'), bytes('new'));
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  it('on failure removes its temp file and leaves the old target untouched', async () => {
    const target = join(dir, 'occupied');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'precious');
    await expect(writeFileAtomic(target, bytes('new'))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['occupied']);
    expect(readFileSync(join(target, 'keep.txt'), 'utf8')).toBe('precious');
  });

  it('fails without creating anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'case.sqlite'), bytes('x'))).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names temp files recognizably', () => {
    expect(isAtomicTempName('.case.sqlite.0123456789ab.tmp')).toBe(true);
    expect(isAtomicTempName('case.sqlite')).toBe(false);
  });
});

describe('writeFileAtomicChunks', () => {
  it('writes chunks as they come and leaves the old file whole when the producer fails', async () => {
    const target = join(dir, 'out.csv');
    await writeFileAtomicChunks(target, ['a,b\r\n', bytes('1,2\r\n')]);
    expect(readFileSync(target, 'utf8')).toBe('a,b\r\n1,2\r\n');
    async function* failing(): AsyncIterable<string> {
      yield 'partial';
      throw new Error('producer failed');
    }
    await expect(writeFileAtomicChunks(target, failing())).rejects.toThrow('producer failed');
    expect(readFileSync(target, 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });
});
