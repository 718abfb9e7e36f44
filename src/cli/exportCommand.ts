import { eventsCsvChunks, type CsvChunk } from '../core/export/eventsCsv';
import { timesketchEventChunks } from '../core/export/timesketch';
import { SqlError } from '../core/query/readOnlySql';
import { queryNumber } from '../core/query/sqlRows';
import { userCondition } from '../core/query/userCondition';
import type { SqlCondition } from '../core/query/filter';
import { parseCommandArgs } from './args';
import { openCaseFile } from './caseFile';
import { checkOutputPath } from './caseWrite';
import { CliError, EXIT, type CliIo } from './cliIo';
import { EXPORT_HELP } from './findingsHelpText';
import { writeOutput } from './findingsCommand';

/** The chunks' text, drawing "exported N of M events" on a terminal as they pass. */
function* withProgress(chunks: Iterable<CsvChunk>, io: CliIo, total: number, what: string): Generator<string> {
  for (const chunk of chunks) {
    if (io.stderr.isTTY) io.stderr.write(`\r${what}: ${chunk.rows.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} events`);
    yield chunk.text;
  }
  if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
}

/** `trailhound export <case> [--where "<cond>"] --csv <out.csv> [--excel] [--timesketch <out.jsonl>]`. */
export async function runExportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('export', argv, {
    where: { type: 'string' },
    csv: { type: 'string' },
    excel: { type: 'boolean' },
    timesketch: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.flags.help) {
    io.stdout.write(EXPORT_HELP);
    return EXIT.ok;
  }
  if (args.positionals.length !== 1) throw new CliError('export: expected one case file (see trailhound export --help)');
  const { csv, timesketch } = args.strings;
  if (!csv && !timesketch) throw new CliError('export: --csv <out.csv> is required (see trailhound export --help)');
  const [casePath] = args.positionals;
  for (const out of [csv, timesketch]) if (out) checkOutputPath('export', out, casePath);

  const store = await openCaseFile(casePath);
  try {
    let cond: SqlCondition;
    try {
      cond = userCondition(store.db, args.strings.where ?? '');
    } catch (err) {
      if (err instanceof SqlError) throw new CliError(`export: ${err.message}`);
      throw err;
    }
    // Nothing in an export writes: SQLite is told so for the whole run.
    store.db.run('PRAGMA query_only = 1');
    const total = queryNumber(store.db, `SELECT count(*) FROM event_rows e WHERE ${cond.where}`, cond.params);
    if (csv) await writeOutput('export', csv, withProgress(eventsCsvChunks(store.db, cond, { bom: args.flags.excel }), io, total, csv));
    if (timesketch) await writeOutput('export', timesketch, withProgress(timesketchEventChunks(store.db, cond), io, total, timesketch));
    io.stdout.write(`${total} event${total === 1 ? '' : 's'} exported\n`);
  } finally {
    store.close();
  }
  return EXIT.ok;
}
