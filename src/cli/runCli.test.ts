import { describe, expect, it } from 'vitest';
import type { CliIo } from './cliIo';
import { runInProcess } from './cliTestHarness';
import { runCli } from './runCli';

describe('runCli', () => {
  it('prints help on stdout for --help and on stderr (exit 2) with no command', async () => {
    const help = await runInProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: trailhound <command>/);
    const none = await runInProcess([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^Usage: trailhound/);
  });

  it('has help for each command, also as `help <command>`', async () => {
    for (const argv of [['import', '--help'], ['import', '-h'], ['help', 'import'], ['sql', '--help'], ['help', 'sql']]) {
      const run = await runInProcess(argv);
      expect(run.code, argv.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/^Usage: trailhound (import|sql) /);
    }
  });

  it('refuses an unknown command, neutralizing what it echoes', async () => {
    const run = await runInProcess(['\x1b[2Jwipe']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("trailhound: unknown command '\\x1b[2Jwipe' (commands: import, sql, mark, findings, export; see trailhound --help)\n");
    expect((await runInProcess(['toString'])).code).toBe(2);
  });

  it('turns an unexpected error into one line and exit 70', async () => {
    let stderr = '';
    const io: CliIo = {
      stdout: { write: () => { throw new TypeError('stdout exploded'); } },
      stderr: { write: (s: string) => (stderr += s) },
    };
    expect(await runCli(['--version'], io)).toBe(70);
    expect(stderr).toBe('trailhound: internal error: stdout exploded (this is a bug; TRAILHOUND_DEBUG=1 shows details)\n');
  });
});
