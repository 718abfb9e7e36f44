import { resolve } from 'node:path';
import { recordImports } from '../core/findings/activityLog';
import { importFiles } from '../core/ingest/importFiles';
import { queryNumber } from '../core/query/sqlRows';
import { collectDiskInputs, InputPathError, type DiskInput } from '../node/diskInputs';
import { HostFileError } from '../node/hostFile';
import { parseWorkerScript, startParseWorker } from '../node/parseWorker';
import { parseCommandArgs } from './args';
import { openCaseForImport, type ImportCase } from './caseFile';
import { analystName } from './caseWrite';
import { CliError, EXIT, type CliIo } from './cliIo';
import { IMPORT_HELP } from './helpText';
import { importJson, importSummaryLine, importTable, isIncomplete, totalsOf } from './importReport';
import { importOptionsFromFlags, readCsvMapping } from './importOptions';
import { formatsForCase, saveCsvMapping } from '../core/store/csvMappings';
import { createProgressLine } from './progressLine';

/** The files under the given paths (the case itself left out); what is passed over is said on stderr. */
async function listInputs(paths: string[], casePath: string, io: CliIo): Promise<DiskInput[]> {
  let collected;
  try {
    collected = await collectDiskInputs(paths, new Set([resolve(casePath)]));
  } catch (err) {
    if (err instanceof InputPathError) throw new CliError(`import: ${err.message}`);
    throw err;
  }
  for (const p of collected.passedOver) io.stderr.write(`trailhound: passed over ${p.path}: ${p.reason}\n`);
  if (collected.inputs.length === 0) throw new CliError(`import: no files found in ${paths.join(', ')}`);
  return collected.inputs;
}

/**
 * `trailhound import <paths...> --case <file> [--json]`: adds files and folders to a case,
 * creating it when missing, and writes it back atomically. Ctrl-C leaves the case untouched.
 */
export async function runImportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('import', argv, {
    case: { type: 'string', short: 'c' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    cluster: { type: 'string' }, node: { type: 'string' }, year: { type: 'string' }, 'utc-offset': { type: 'string', multiple: true },
    'csv-map': { type: 'string' },
  });
  if (args.flags.help) {
    io.stdout.write(IMPORT_HELP);
    return EXIT.ok;
  }
  const casePath = args.strings.case;
  if (!casePath) throw new CliError('import: --case <file> is required (see trailhound import --help)');
  if (args.positionals.length === 0) throw new CliError('import: no files or folders given (see trailhound import --help)');
  const attribution = importOptionsFromFlags({ ...args.strings, 'utc-offset': args.lists['utc-offset'] });

  // Parsing runs on the second core where the bundled worker is at hand (not when run from sources);
  // it starts now (the binary started it already), while the inputs are listed and the case is opened.
  const script = parseWorkerScript(import.meta.url);
  const started = script ? startParseWorker(script, io.parseWorker) : null;
  let collected;
  let opened: ImportCase | undefined;
  try {
    collected = await listInputs(args.positionals, casePath, io);
    const mapping = args.strings['csv-map'] === undefined ? null : await readCsvMapping(args.strings['csv-map']);
    opened = await openCaseForImport(casePath);
    if (mapping) saveCsvMapping(opened.store.db, mapping);
  } catch (err) {
    await opened?.discard().catch(() => undefined);
    await started?.close();
    throw err;
  }
  const { store, created } = opened;
  const progress = createProgressLine(io.stderr);
  const parseWorker = started && (await started.ready) ? started : null;
  let summary;
  let caseEvents;
  try {
    summary = await importFiles(store, collected, {
      ...attribution, formats: formatsForCase(store.db), signal: io.signal, onProgress: (p) => progress.update(p),
      parseOffload: parseWorker ?? undefined,
    });
    progress.clear();
    // The signal is checked too: importFiles reports `cancelled` only when files were left unread.
    if (summary.cancelled || io.signal?.aborted) {
      await opened.discard();
      io.stderr.write(`trailhound: import interrupted; ${casePath} was not changed\n`);
      return EXIT.interrupted;
    }
    // Chain of custody: who imported which file, with its SHA-256.
    recordImports(store.db, analystName(undefined, io.env), summary.files);
    caseEvents = queryNumber(store.db, 'SELECT count(*) FROM event_rows');
  } catch (err) {
    // Whatever went wrong, the case stays as it was and no temp file is left behind.
    await opened.discard().catch(() => undefined);
    if (err instanceof HostFileError) throw new CliError(`import: cannot write ${casePath} (left as it was): ${err.message}`);
    throw err;
  } finally {
    progress.clear();
    await parseWorker?.close();
  }
  try {
    await opened.save();
  } catch (err) {
    throw new CliError(`import: cannot write ${casePath}: ${(err as Error).message}`);
  }

  const totals = totalsOf(summary.files);
  io.stdout.write(args.flags.json
    ? importJson({ case: casePath, created, files: summary.files, totals, case_events: caseEvents, elapsed_ms: Math.round(summary.elapsedMs) })
    : importTable(summary.files));
  io.stderr.write(importSummaryLine(casePath, totals, summary.elapsedMs, created) + '\n');
  return isIncomplete(totals) ? EXIT.incomplete : EXIT.ok;
}
