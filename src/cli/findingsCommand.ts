import { evidenceRows } from '../core/findings/evidence';
import { activityCsv, findingsCsv } from '../core/findings/findingsCsv';
import { timesketchFindings } from '../core/export/timesketch';
import { writeFileAtomicChunks } from '../node/atomicWrite';
import { parseCommandArgs } from './args';
import { openCaseFile } from './caseFile';
import { checkOutputPath } from './caseWrite';
import { CliError, EXIT, type CliIo } from './cliIo';
import { FINDINGS_HELP } from './findingsHelpText';

/** Writes one output atomically; a failure names the file and is the user's to fix (exit 2). */
export async function writeOutput(command: string, path: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<void> {
  try {
    await writeFileAtomicChunks(path, chunks);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${command}: cannot write ${path}: ${(err as Error).message}`);
  }
}

/** `trailhound findings <case> --csv <out.csv> [--excel] [--activity <log.csv>] [--timesketch <out.jsonl>]`. */
export async function runFindingsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('findings', argv, {
    csv: { type: 'string' },
    excel: { type: 'boolean' },
    activity: { type: 'string' },
    timesketch: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.flags.help) {
    io.stdout.write(FINDINGS_HELP);
    return EXIT.ok;
  }
  if (args.positionals.length !== 1) throw new CliError('findings: expected one case file (see trailhound findings --help)');
  const { csv, activity, timesketch } = args.strings;
  if (!csv && !activity && !timesketch) throw new CliError('findings: --csv <out.csv> is required (see trailhound findings --help)');
  const [casePath] = args.positionals;
  for (const out of [csv, activity, timesketch]) if (out) checkOutputPath('findings', out, casePath);

  const store = await openCaseFile(casePath);
  let outputs: { path: string; text: string }[];
  let findings: number;
  let rows: number;
  try {
    const evidence = evidenceRows(store.db);
    findings = new Set(evidence.map((r) => r.finding_id)).size;
    rows = evidence.length;
    outputs = [
      ...(csv ? [{ path: csv, text: findingsCsv(store.db, { bom: args.flags.excel }) }] : []),
      ...(activity ? [{ path: activity, text: activityCsv(store.db, { bom: args.flags.excel }) }] : []),
      ...(timesketch ? [{ path: timesketch, text: timesketchFindings(store.db, evidence) }] : []),
    ];
  } finally {
    store.close();
  }
  for (const out of outputs) await writeOutput('findings', out.path, [out.text]);
  io.stdout.write(`${findings} finding${findings === 1 ? '' : 's'}, ${rows} event row${rows === 1 ? '' : 's'}\n`);
  return EXIT.ok;
}
