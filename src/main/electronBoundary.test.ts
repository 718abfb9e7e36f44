import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Electron's binary is not installed where the unit tests run, and loading the electron package
 * throws there: only the two wiring files may import it at run time (type-only imports are erased).
 */
describe('electron imports', () => {
  it('appear only in src/main/index.ts and src/preload/index.ts', () => {
    const offenders: string[] = [];
    for (const folder of ['main', 'preload', 'node', 'cli', 'shared']) {
      const dir = join(import.meta.dirname, '..', folder);
      for (const name of readdirSync(dir, { recursive: true }) as string[]) {
        if (!name.endsWith('.ts') || name === 'index.ts' && (folder === 'main' || folder === 'preload')) continue;
        const text = readFileSync(join(dir, name), 'utf8');
        if (/^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]/m.test(text) || /require\(\s*['"]electron['"]\s*\)/.test(text)) offenders.push(`${folder}/${name}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
