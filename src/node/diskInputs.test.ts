import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectDiskInputs, InputPathError, storedNameForFile } from './diskInputs';

const root = mkdtempSync(join(tmpdir(), 'trailhound-inputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const base = mkdtempSync(join(root, 't-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(base, path, '..'), { recursive: true });
    writeFileSync(join(base, path), text);
  }
  return base;
}

describe('collectDiskInputs', () => {
  it('records a folder\'s files under the folder\'s own name, walked in name order', async () => {
    const base = tree({ 'logs/prod-eu-1/kube-apiserver/audit.log': 'a\n', 'logs/prod-eu-1/kube-apiserver/audit-1.log': 'b\n', 'logs/a.txt': 'c' });
    const { inputs } = await collectDiskInputs([join(base, 'logs')]);
    expect(inputs.map((i) => i.path)).toEqual(['logs/a.txt', 'logs/prod-eu-1/kube-apiserver/audit-1.log', 'logs/prod-eu-1/kube-apiserver/audit.log']);
    expect(inputs[0].size).toBe(1);
    expect(typeof inputs[0].mtime).toBe('number');
    const chunks: Uint8Array[] = [];
    for await (const c of inputs[2].open()) chunks.push(c);
    expect(Buffer.concat(chunks).toString()).toBe('a\n');
  });

  it('skips the paths it is told to (the case itself) and stray temp files', async () => {
    const base = tree({ 'logs/case.sqlite': 'x', 'logs/.case.sqlite.0123456789ab.tmp': 'x', 'logs/audit.log': 'x' });
    const { inputs } = await collectDiskInputs([join(base, 'logs')], new Set([join(base, 'logs/case.sqlite')]));
    expect(inputs.map((i) => i.path)).toEqual(['logs/audit.log']);
  });

  it('reads a file named twice only once', async () => {
    const base = tree({ 'logs/audit.log': 'x' });
    const { inputs } = await collectDiskInputs([join(base, 'logs/audit.log'), join(base, 'logs'), join(base, 'logs/audit.log')]);
    expect(inputs).toHaveLength(1);
  });

  it('follows symlinked files, reports symlinked folders instead of looping', async () => {
    const base = tree({ 'logs/real/audit.log': 'x' });
    symlinkSync(join(base, 'logs'), join(base, 'logs/real/loop'));
    symlinkSync(join(base, 'logs/real/audit.log'), join(base, 'logs/linked.log'));
    const { inputs, passedOver } = await collectDiskInputs([join(base, 'logs')]);
    expect(inputs.map((i) => i.path)).toEqual(['logs/linked.log', 'logs/real/audit.log']);
    expect(passedOver).toEqual([{ path: 'logs/real/loop', reason: 'symlinked folder not followed' }]);
  });

  it('names a missing path in a user-readable error', async () => {
    await expect(collectDiskInputs([join(root, 'nope.log')])).rejects.toThrow(InputPathError);
    await expect(collectDiskInputs([join(root, 'nope.log')])).rejects.toThrow(/^no such file or folder: /);
  });
});

describe('storedNameForFile', () => {
  it('keeps a relative path below the current folder, else only the file name', () => {
    expect(storedNameForFile('prod-eu-1/kube-apiserver/audit.log')).toBe('prod-eu-1/kube-apiserver/audit.log');
    expect(storedNameForFile('./a/./b.log')).toBe('a/b.log');
    expect(storedNameForFile('../elsewhere/b.log')).toBe('b.log');
    expect(storedNameForFile('/var/log/kube-apiserver/audit.log')).toBe('audit.log');
  });
});
