import { inSavepoint, markFinding, MAX_FINDING_EVENTS } from '../core/findings/findingsStore';
import { isSeverity, normalizeTags, SEVERITIES } from '../core/findings/severity';
import { SqlError } from '../core/query/readOnlySql';
import { queryRows } from '../core/query/sqlRows';
import { eventIdsWhere } from '../core/query/userCondition';
import { parseCommandArgs } from './args';
import { openCaseFile } from './caseFile';
import { analystName, writeCaseFile } from './caseWrite';
import { CliError, EXIT, type CliIo } from './cliIo';
import { MARK_HELP } from './findingsHelpText';

/** Events that already carry a finding with exactly this severity, these tags and this note. */
function alreadyMarked(store: Awaited<ReturnType<typeof openCaseFile>>, severity: string, tags: string[], note: string): Set<number> {
  const { rows } = queryRows(
    store.db,
    'SELECT fe.event_id FROM finding_events fe JOIN findings f ON f.id = fe.finding_id WHERE f.severity = ? AND f.tags = ? AND f.note = ?',
    [severity, JSON.stringify(tags), note],
  );
  return new Set(rows.map((r) => Number(r[0])));
}

/**
 * `trailhound mark <case> --where "<cond>" [--severity S] [--tag T]... [--note N] [--analyst A]`:
 * one finding per matching event, logged, the case written back atomically.
 */
export async function runMarkCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCommandArgs('mark', argv, {
    where: { type: 'string' },
    severity: { type: 'string' },
    tag: { type: 'string', multiple: true },
    note: { type: 'string' },
    analyst: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (args.flags.help) {
    io.stdout.write(MARK_HELP);
    return EXIT.ok;
  }
  if (args.positionals.length !== 1) throw new CliError('mark: expected one case file (see trailhound mark --help)');
  const where = args.strings.where;
  if (where === undefined) throw new CliError('mark: --where "<SQL condition on events>" is required (see trailhound mark --help)');
  const severity = args.strings.severity ?? 'info';
  if (!isSeverity(severity)) throw new CliError(`mark: unknown severity '${severity}' (one of ${SEVERITIES.join(', ')})`);
  const tags = normalizeTags(args.lists.tag ?? []);
  const note = args.strings.note ?? '';
  const analyst = analystName(args.strings.analyst, io.env);
  const [casePath] = args.positionals;

  const store = await openCaseFile(casePath);
  let added = 0;
  let skipped = 0;
  try {
    let ids: number[];
    try {
      ids = eventIdsWhere(store.db, where);
    } catch (err) {
      if (err instanceof SqlError) throw new CliError(`mark: ${err.message}`);
      throw err;
    }
    const marked = alreadyMarked(store, severity, tags, note);
    const todo = ids.filter((id) => !marked.has(id));
    skipped = ids.length - todo.length;
    if (todo.length > MAX_FINDING_EVENTS) {
      throw new CliError(`mark: the condition matches ${todo.length.toLocaleString('en-US')} events; at most ${MAX_FINDING_EVENTS.toLocaleString('en-US')} findings per run, narrow it`);
    }
    const now = Date.now();
    inSavepoint(store.db, () => {
      for (const id of todo) markFinding(store.db, { eventIds: [id], severity, tags, note, analyst }, now);
    });
    added = todo.length;
  } catch (err) {
    store.close();
    throw err;
  }
  if (added > 0) await writeCaseFile(store, casePath, 'mark');
  else store.close();
  io.stdout.write(`${added} finding${added === 1 ? '' : 's'} added\n`);
  const already = skipped > 0 ? `; ${skipped} matching event${skipped === 1 ? ' was' : 's were'} already marked the same way` : '';
  io.stderr.write(`trailhound: marked ${added} event${added === 1 ? '' : 's'} as ${severity} in ${casePath}${already}\n`);
  return EXIT.ok;
}
