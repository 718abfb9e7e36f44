import { runReadOnlySql, SqlError } from '../core/query/readOnlySql';
import type { ResultSet } from '../core/query/sqlRows';
import { parseCommandArgs } from './args';
import { openCaseFile } from './caseFile';
import { CliError, EXIT, type CliIo, type TextSink } from './cliIo';
import { SQL_HELP } from './helpText';
import { csvChunks, jsonChunks, tableChunks } from './sqlOutput';

/** Writes in batches: one write per row is slow, one string for a million rows is too big. */
function writeChunks(out: TextSink, chunks: Iterable<string>): void {
  let buffer = '';
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= 1 << 16) {
      out.write(buffer);
      buffer = '';
    }
  }
  if (buffer) out.write(buffer);
}

/**
 * `trailhound sql <case> "<SELECT ...>" [--json | --csv]`: one read-only statement over the case.
 * The case file is only read, never written (SQLite refuses writes: PRAGMA query_only).
 */
export async function runSqlCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('sql', argv, { json: { type: 'boolean' }, csv: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (args.flags.help) {
    io.stdout.write(SQL_HELP);
    return EXIT.ok;
  }
  if (args.flags.json && args.flags.csv) throw new CliError('sql: choose one of --json and --csv');
  if (args.positionals.length !== 2) {
    throw new CliError(`sql: expected a case file and one SQL statement in quotes, got ${args.positionals.length} argument${args.positionals.length === 1 ? '' : 's'} (see trailhound sql --help)`);
  }
  const [casePath, sql] = args.positionals;
  const store = await openCaseFile(casePath);
  let result: ResultSet;
  try {
    result = runReadOnlySql(store.db, sql);
  } catch (err) {
    if (err instanceof SqlError) throw new CliError(`sql: ${err.message}`);
    throw err;
  } finally {
    store.close();
  }
  if (args.flags.json) writeChunks(io.stdout, jsonChunks(result));
  else if (args.flags.csv) writeChunks(io.stdout, csvChunks(result));
  else {
    writeChunks(io.stdout, tableChunks(result));
    if (io.stderr.isTTY) io.stderr.write(`(${result.rows.length.toLocaleString('en-US')} row${result.rows.length === 1 ? '' : 's'})\n`);
  }
  return EXIT.ok;
}
