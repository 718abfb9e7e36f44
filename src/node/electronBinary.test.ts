import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { browserFallbackNotice, locateElectronBinary } from './electronBinary';

const base = mkdtempSync(join(tmpdir(), 'trailhound-electron-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function fakePackage(name: string, pathTxt: string | null, withBinary: boolean): string {
  const dir = join(base, name);
  mkdirSync(join(dir, 'dist'), { recursive: true });
  if (pathTxt !== null) writeFileSync(join(dir, 'path.txt'), pathTxt);
  if (withBinary && pathTxt) writeFileSync(join(dir, 'dist', pathTxt), '');
  return dir;
}

describe('locateElectronBinary', () => {
  it('finds the binary that path.txt names inside dist/', () => {
    const dir = fakePackage('ok', 'electron', true);
    expect(locateElectronBinary(dir)).toBe(join(dir, 'dist', 'electron'));
  });

  it('is null without path.txt (download skipped) or without the binary (download failed)', () => {
    expect(locateElectronBinary(fakePackage('skipped', null, false))).toBeNull();
    expect(locateElectronBinary(fakePackage('broken', 'electron', false))).toBeNull();
    expect(locateElectronBinary(join(base, 'not-installed'))).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as electron/index.js does', () => {
    const override = join(base, 'override');
    mkdirSync(override);
    writeFileSync(join(override, 'electron'), '');
    expect(locateElectronBinary(fakePackage('env', null, false), { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(join(override, 'electron'));
  });

  it('tells in one line how to fetch the binary', () => {
    expect(browserFallbackNotice()).not.toContain('\n');
    expect(browserFallbackNotice()).toContain('node node_modules/electron/install.js');
  });
});
