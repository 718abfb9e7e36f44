import { describe, expect, it } from 'vitest';
import { runMeasured } from './measure';

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
