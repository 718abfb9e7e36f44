/** Where the year of a year-less syslog timestamp came from (kept in the event's details). */
export type YearSource = 'user' | 'mtime' | 'clock';

/**
 * Months a timestamp may step back before it is read as the next year. Syslog is written in time
 * order, so a step back of more than a few months (December to January) is a new year; a short
 * step back is a clock correction.
 */
export const ROLLOVER_BACK_MONTHS = 3;
/**
 * Months a timestamp may jump forward before it is read as the previous year: a late December line
 * written just after a January one (several writers around midnight) must not push every later
 * line a year ahead.
 */
export const ROLLBACK_FORWARD_MONTHS = 8;

/**
 * The year of a file's first year-less entry, from a reference date known to be no earlier than
 * the entry (the file's modification time, or the archive's date): the reference's year when the
 * entry's month is not after the reference's month, else the year before.
 * `month` is 1..12; the reference is read in `offsetMinutes` east of UTC, like the timestamps.
 */
export function inferSyslogYear(month: number, referenceMs: number, offsetMinutes = 0): number {
  const ref = new Date(referenceMs + offsetMinutes * 60_000);
  const refYear = ref.getUTCFullYear();
  return month <= ref.getUTCMonth() + 1 ? refYear : refYear - 1;
}

/** The year of the next entry, from the previous entry's year and month (see the thresholds above). */
export function nextSyslogYear(prevYear: number, prevMonth: number, month: number): number {
  const step = month - prevMonth;
  if (step < -ROLLOVER_BACK_MONTHS) return prevYear + 1;
  if (step > ROLLBACK_FORWARD_MONTHS) return prevYear - 1;
  return prevYear;
}

export interface YearTrackerOptions {
  /** Year of the file's first entry, when the user sets it; later entries still roll over. */
  year: number | null;
  /** The file's modification time (or its archive's date), epoch ms. */
  mtime: number | null;
  offsetMinutes: number;
  /** The clock, the last resort when neither year nor mtime is known. */
  now?: () => number;
}

/**
 * Gives each year-less entry of one file its year, entry after entry: the first from the user's
 * year, else from the file's date, else from the clock; then following the months as they go.
 */
export class SyslogYearTracker {
  readonly source: YearSource;
  readonly #options: YearTrackerOptions;
  #year = 0;
  #month = 0;

  constructor(options: YearTrackerOptions) {
    this.#options = options;
    this.source = options.year !== null ? 'user' : options.mtime !== null ? 'mtime' : 'clock';
  }

  /** The year of an entry in `month` (1..12), the entries being fed in file order. */
  yearFor(month: number): number {
    if (this.#month === 0) {
      const o = this.#options;
      this.#year = o.year ?? inferSyslogYear(month, o.mtime ?? (o.now ?? Date.now)(), o.offsetMinutes);
    } else if (month !== this.#month) {
      this.#year = nextSyslogYear(this.#year, this.#month, month);
    }
    this.#month = month;
    return this.#year;
  }

  /** An entry that carries its own year (an ISO 8601 line in the same file) resets the reckoning. */
  observe(year: number, month: number): void {
    this.#year = year;
    this.#month = month;
  }
}
