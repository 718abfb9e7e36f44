import { version } from '../../package.json';
import { CliError, EXIT, type CliIo } from './cliIo';
import { MAIN_HELP } from './helpText';
import { runExportCommand } from './exportCommand';
import { runFindingsCommand } from './findingsCommand';
import { runImportCommand } from './importCommand';
import { runMarkCommand } from './markCommand';
import { runSqlCommand } from './sqlCommand';
import { neutralizeForTerminal } from './terminalText';

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  import: runImportCommand,
  sql: runSqlCommand,
  mark: runMarkCommand,
  findings: runFindingsCommand,
  export: runExportCommand,
};

/** One line on stderr, neutralized: messages quote paths and log text. */
function printError(io: CliIo, message: string): void {
  io.stderr.write(`trailhound: ${neutralizeForTerminal(message.split('\n')[0])}\n`);
}

/**
 * Runs the `trailhound` command line and returns the exit status. A user's mistake prints one
 * line; an unexpected error prints one line too (the stack only with TRAILHOUND_DEBUG=1) and
 * exits 70, so that a bug is never mistaken for bad input.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      io.stderr.write(MAIN_HELP);
      return EXIT.usage;
    }
    if (command === '--help' || command === '-h') {
      io.stdout.write(MAIN_HELP);
      return EXIT.ok;
    }
    if (command === '--version' || command === '-V') {
      io.stdout.write(`trailhound ${version}\n`);
      return EXIT.ok;
    }
    if (command === 'help') return rest[0] && COMMANDS[rest[0]] ? await COMMANDS[rest[0]](['--help'], io) : await runCli(['--help'], io);
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!run) throw new CliError(`unknown command '${command}' (commands: ${Object.keys(COMMANDS).join(', ')}; see trailhound --help)`);
    return await run(rest, io);
  } catch (err) {
    if (err instanceof CliError) {
      printError(io, err.message);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message : String(err);
    printError(io, `internal error: ${message} (this is a bug; TRAILHOUND_DEBUG=1 shows details)`);
    if (io.env?.TRAILHOUND_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return EXIT.internal;
  }
}
