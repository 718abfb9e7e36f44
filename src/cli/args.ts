import { parseArgs } from 'node:util';
import { CliError } from './cliIo';

export interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** A string option that may be given several times (`--tag a --tag b`): its values land in `lists`. */
  multiple?: boolean;
}

export interface ParsedArgs {
  flags: Record<string, boolean>;
  strings: Record<string, string | undefined>;
  lists: Record<string, string[]>;
  positionals: string[];
}

/**
 * Parses one command's arguments strictly: an unknown option, a missing value or an option given
 * twice is a usage error (exit 2) with a one-line message naming the command's --help.
 */
export function parseCommandArgs(command: string, argv: readonly string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, o]) => [name, { type: o.type, multiple: true, ...(o.short ? { short: o.short } : {}) }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${command}: ${usageMessage(err)} (see trailhound ${command} --help)`);
  }
  const flags: Record<string, boolean> = {};
  const strings: Record<string, string | undefined> = {};
  const lists: Record<string, string[]> = {};
  for (const [name, o] of Object.entries(spec)) {
    const values = (parsed.values as Record<string, (string | boolean)[] | undefined>)[name] ?? [];
    if (o.multiple) lists[name] = values as string[];
    else if (o.type === 'string' && values.length > 1) throw new CliError(`${command}: --${name} given more than once`);
    if (o.type === 'boolean') flags[name] = values.length > 0;
    else strings[name] = values[0] as string | undefined;
  }
  return { flags, strings, lists, positionals: parsed.positionals };
}

function usageMessage(err: unknown): string {
  const { code, message } = err as { code?: string; message: string };
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']*)'/.exec(message)?.[1] ?? '';
    return `unknown option ${option}; put an argument that starts with '-' after --`;
  }
  return message.replace(/\.$/, '');
}
