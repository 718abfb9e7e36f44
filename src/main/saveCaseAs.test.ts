import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../node/atomicWrite';
import { MAX_CASE_BYTES, validateSaveCaseArgs } from './saveCaseArgs';
import { saveCaseAs, saveDialogOptions } from './saveCaseAs';

const dir = mkdtempSync(join(tmpdir(), 'trailhound-save-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bytes = new Uint8Array([83, 81, 76]);

describe('validateSaveCaseArgs', () => {
  it('accepts bytes and a plain file name', () => {
    expect(validateSaveCaseArgs(bytes, ' incident-42.sqlite ')).toEqual({ ok: true, value: { bytes, name: 'incident-42.sqlite' } });
  });

  it.each([
    ['a string', 'x', 'a.sqlite'],
    ['an array', [1, 2], 'a.sqlite'],
    ['empty bytes', new Uint8Array(0), 'a.sqlite'],
    ['an ArrayBuffer', new ArrayBuffer(3), 'a.sqlite'],
  ])('refuses %s as bytes', (_what, value, name) => {
    expect(validateSaveCaseArgs(value, name).ok).toBe(false);
  });

  it('refuses bytes over the size bound without reading them', () => {
    const huge = { byteLength: MAX_CASE_BYTES + 1 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    expect(validateSaveCaseArgs(huge, 'a.sqlite')).toEqual({ ok: false, error: 'the case is larger than 2 GiB' });
  });

  it.each(['../a.sqlite', '/etc/passwd', 'sub/a.sqlite', 'C:\\a.sqlite', '..', '.', '', '   ', 'a\u0000b', 'a\nb', 'x'.repeat(201), 42, null])('refuses the name %j', (name) => {
    expect(validateSaveCaseArgs(bytes, name).ok).toBe(false);
  });
});

describe('saveCaseAs', () => {
  it('saves atomically where the user chose, proposing the suggested name in the default folder', async () => {
    const asked: string[] = [];
    const target = join(dir, 'chosen.sqlite');
    const result = await saveCaseAs(bytes, 'case.sqlite', { askPath: async (p) => (asked.push(p), target), write: writeFileAtomic, defaultDir: '/home/analyst/Documents' });
    expect(result).toEqual({ ok: true, value: target });
    expect(asked).toEqual(['/home/analyst/Documents/case.sqlite']);
    expect(readFileSync(target)).toEqual(Buffer.from(bytes));
  });

  it('resolves null when the user cancels, writing nothing', async () => {
    let wrote = false;
    const result = await saveCaseAs(bytes, 'case.sqlite', { askPath: async () => null, write: async () => void (wrote = true), defaultDir: dir });
    expect(result).toEqual({ ok: true, value: null });
    expect(wrote).toBe(false);
  });

  it('never asks when the arguments are invalid, and reports a failed write as a Result', async () => {
    let asked = false;
    const refused = await saveCaseAs('nope', 'case.sqlite', { askPath: async () => ((asked = true), null), write: writeFileAtomic, defaultDir: dir });
    expect(refused.ok).toBe(false);
    expect(asked).toBe(false);
    const failed = await saveCaseAs(bytes, 'case.sqlite', { askPath: async () => join(dir, 'missing-folder', 'x.sqlite'), write: writeFileAtomic, defaultDir: dir });
    expect(failed).toMatchObject({ ok: false });
    expect(!failed.ok && failed.error).toMatch(/^could not save x\.sqlite: /);
    expect(readdirSync(dir)).toEqual(['chosen.sqlite']);
  });

  it('asks before overwriting', () => {
    expect(saveDialogOptions('/d/case.sqlite').properties).toContain('showOverwriteConfirmation');
  });
});
