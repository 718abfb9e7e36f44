import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { importHeapFlag } from './importHeap';

describe("V8's heap growing factor for an import", () => {
  it('is raised, unless the user set it on the command line', () => {
    expect(importHeapFlag([])).toBe('--heap-growing-percent=1000');
    expect(importHeapFlag(['--max-old-space-size=4096'])).toBe('--heap-growing-percent=1000');
    expect(importHeapFlag(['--heap-growing-percent=200'])).toBeNull();
    expect(importHeapFlag(['--heap_growing_percent=50'])).toBeNull();
  });

  it('is a flag the running V8 knows', () => {
    // setFlagsFromString passes over an unknown flag without a word: V8 itself must list it.
    const name = (importHeapFlag([]) as string).split('=')[0];
    expect(spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout).toContain(`  ${name} (`);
  });
});
