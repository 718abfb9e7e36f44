import { EVENT_SOURCES, type EventSource } from '../../core/model';
import type { ImportSettings } from '../../worker/protocol';

/** One file in the import review, as the form edits it (text fields stay text until the import starts). */
export interface ReviewRow {
  path: string;
  cluster: string;
  node: string;
  /** Minutes east of UTC for timestamps written without a zone; null: the zone of the file's source, else the import's. */
  offsetMinutes: number | null;
  /** Blank: the engine infers the year of syslog lines from the file's dates. */
  year: string;
  /** Seconds added to every event's time, + or -; blank is none. */
  clockSeconds: string;
}

/** Zones for timestamps written without one, for the whole import and per source (null: the import's). */
export interface ReviewZones {
  importMinutes: number;
  bySource: Record<EventSource, number | null>;
}

export function noReviewZones(): ReviewZones {
  return { importMinutes: 0, bySource: Object.fromEntries(EVENT_SOURCES.map((s) => [s, null])) as Record<EventSource, number | null> };
}

/** Zones for zone-less timestamps: whole and half hours, and the two quarter-hour zones in use (Nepal, Chatham). */
export const ZONE_OFFSETS: readonly number[] = [
  ...Array.from({ length: 53 }, (_, i) => (i - 24) * 30),
  345, 765,
].sort((a, b) => a - b);

export function zoneLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${minutes < 0 ? '−' : '+'}${hh}:${mm}`;
}

/** Seconds as typed (`+90`, `-3.5`, `7200`): null when blank, NaN when not a number. */
export function parseSeconds(text: string): number | null {
  const t = text.trim().replace(/^\+/, '');
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

function parseYear(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  return /^\d{4}$/.test(t) ? Number(t) : NaN;
}

/** What stops the import from starting, in words, naming the file or node. */
export function reviewProblems(rows: readonly ReviewRow[], nodeClock: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const row of rows) {
    if (Number.isNaN(parseYear(row.year))) problems.push(`${row.path}: the year must have four digits, or stay blank to be inferred`);
    if (Number.isNaN(parseSeconds(row.clockSeconds))) problems.push(`${row.path}: the clock offset must be a number of seconds, like +90 or -3600`);
  }
  for (const [node, text] of Object.entries(nodeClock)) {
    if (Number.isNaN(parseSeconds(text))) problems.push(`node ${node}: the clock offset must be a number of seconds, like +90 or -3600`);
  }
  return problems;
}

/**
 * The settings the worker passes to the engine. A cluster or node left as the path gives it, a zone
 * left to the source or the import, the import's UTC and blank fields are not sent, so that what the
 * engine derives (and a record's own values) still apply.
 */
export function settingsFromReview(
  rows: readonly ReviewRow[],
  derived: Readonly<Record<string, { cluster: string | null; node: string | null }>>,
  nodeClock: Readonly<Record<string, string>>,
  zones: ReviewZones = noReviewZones(),
): ImportSettings {
  const files: NonNullable<ImportSettings['files']> = {};
  const fileClock: Record<string, number> = {};
  for (const row of rows) {
    const path = (Object.hasOwn(derived, row.path) ? derived[row.path] : null) ?? { cluster: null, node: null };
    const own: NonNullable<ImportSettings['files']>[string] = {};
    if (row.cluster.trim() && row.cluster.trim() !== path.cluster) own.cluster = row.cluster.trim();
    if (row.node.trim() && row.node.trim() !== path.node) own.node = row.node.trim();
    if (row.offsetMinutes !== null) own.defaultOffsetMinutes = row.offsetMinutes;
    const year = parseYear(row.year);
    if (year !== null && !Number.isNaN(year)) own.year = year;
    if (Object.keys(own).length > 0) files[row.path] = own;
    const seconds = parseSeconds(row.clockSeconds);
    if (seconds) fileClock[row.path] = Math.round(seconds * 1000);
  }
  const nodes: Record<string, number> = {};
  for (const [node, text] of Object.entries(nodeClock)) {
    const seconds = parseSeconds(text);
    if (seconds) nodes[node] = Math.round(seconds * 1000);
  }
  const settings: ImportSettings = {};
  if (zones.importMinutes !== 0) settings.defaultOffsetMinutes = zones.importMinutes;
  const bySource = Object.entries(zones.bySource).filter((e): e is [EventSource, number] => e[1] !== null);
  if (bySource.length > 0) settings.offsetMinutesBySource = Object.fromEntries(bySource);
  if (Object.keys(files).length > 0) settings.files = files;
  if (Object.keys(fileClock).length > 0 || Object.keys(nodes).length > 0) settings.clockOffsetMs = { files: fileClock, nodes };
  return settings;
}
