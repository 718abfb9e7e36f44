import { readFile } from 'node:fs/promises';
import { mappingProblems, type CsvMapping } from '../core/formats/csvMapped';
import type { ImportOptions } from '../core/ingest/importFiles';
import { EVENT_SOURCES, type EventSource } from '../core/model';
import { CliError } from './cliIo';

/** The import's attribution and time options as given on the command line. */
export interface ImportFlags {
  cluster?: string;
  node?: string;
  year?: string;
  /** Each `--utc-offset`, in order: a zone for the whole import, or `<source>=<zone>`. */
  'utc-offset'?: readonly string[];
}

type AttributionOptions = Pick<ImportOptions, 'cluster' | 'node' | 'year' | 'defaultOffsetMinutes' | 'offsetMinutesBySource'>;

/** `+02:00`, `-0530`, `+2`, `Z` or `UTC`: minutes east of UTC. */
export function parseUtcOffset(text: string): number {
  if (/^(z|utc)$/i.test(text)) return 0;
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m || Number(m[2]) > 14 || Number(m[3] ?? 0) > 59) {
    throw new CliError(`import: --utc-offset takes a zone offset such as +02:00, -05:30 or Z, or <source>=<offset> (got ${JSON.stringify(text)})`);
  }
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const isEventSource = (name: string): name is EventSource => (EVENT_SOURCES as readonly string[]).includes(name);

/**
 * The `--utc-offset` values: `+01:00` for the whole import, `authlog=+01:00` for the events of one
 * source (which wins over the whole import's); each at most once.
 */
export function parseUtcOffsets(values: readonly string[]): Pick<ImportOptions, 'defaultOffsetMinutes' | 'offsetMinutesBySource'> {
  const options: Pick<ImportOptions, 'defaultOffsetMinutes' | 'offsetMinutesBySource'> = {};
  const bySource: Partial<Record<EventSource, number>> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq < 0) {
      if (options.defaultOffsetMinutes !== undefined) throw new CliError('import: --utc-offset for the whole import given more than once');
      options.defaultOffsetMinutes = parseUtcOffset(value);
      continue;
    }
    const source = value.slice(0, eq);
    if (!isEventSource(source)) {
      throw new CliError(`import: --utc-offset ${value}: unknown source ${JSON.stringify(source)} (sources: ${EVENT_SOURCES.join(', ')})`);
    }
    if (Object.hasOwn(bySource, source)) throw new CliError(`import: --utc-offset for ${source} given more than once`);
    bySource[source] = parseUtcOffset(value.slice(eq + 1));
  }
  if (Object.keys(bySource).length > 0) options.offsetMinutesBySource = bySource;
  return options;
}

/** Turns the flags into the engine's import options, refusing malformed values with a usage error. */
export function importOptionsFromFlags(flags: ImportFlags): AttributionOptions {
  const options: AttributionOptions = {};
  for (const key of ['cluster', 'node'] as const) {
    const value = flags[key];
    if (value === undefined) continue;
    if (value.trim() === '') throw new CliError(`import: --${key} needs a name`);
    options[key] = value;
  }
  if (flags.year !== undefined) {
    if (!/^\d{4}$/.test(flags.year)) throw new CliError(`import: --year takes a four-digit year (got ${JSON.stringify(flags.year)})`);
    options.year = Number(flags.year);
  }
  return { ...options, ...parseUtcOffsets(flags['utc-offset'] ?? []) };
}

/**
 * A column mapping for CSV/TSV files no built-in format reads, as JSON:
 * {"name": "vpn", "columns": {"time": "When", "user": "Who", "src_ip": "From"}, "timeFormat": "iso"}.
 */
export async function readCsvMapping(path: string): Promise<CsvMapping> {
  let mapping: CsvMapping;
  try {
    mapping = JSON.parse(await readFile(path, 'utf8')) as CsvMapping;
  } catch (err) {
    throw new CliError(`import: cannot read the CSV mapping ${path}: ${(err as Error).message}`);
  }
  if (typeof mapping !== 'object' || mapping === null || typeof mapping.name !== 'string' || typeof mapping.columns !== 'object') {
    throw new CliError(`import: ${path} is not a CSV mapping ({"name": ..., "columns": {"time": ..., ...}})`);
  }
  const problems = mappingProblems(mapping);
  if (problems.length > 0) throw new CliError(`import: CSV mapping ${path}: ${problems.join('; ')}`);
  return mapping;
}
