import { describe, expect, it } from 'vitest';
import { median, runMeasured } from './measure';

describe.runIf(process.platform === 'linux')('runMeasured', () => {
  it("counts the memory of the processes the command starts (the CLI's import runs in a child)", async () => {
    // The parent holds little; its child touches 200 MB and holds it for a while before exiting.
    const child = 'const b = Buffer.alloc(200 * 2 ** 20, 1); setTimeout(() => console.log(b[5]), 400);';
    const parent = `require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(child)}], { stdio: 'inherit' });`;
    const run = await runMeasured(process.execPath, ['-e', parent]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('1\n');
    expect(run.peakRssMb).toBeGreaterThan(200);
  });
});

describe('median', () => {
  it('takes the middle run, or the mean of the middle two, whatever the order', () => {
    expect(median([12.4, 9.8, 10.1])).toBe(10.1);
    expect(median([3, 1, 4, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });
});
