import { describe, expect, it } from 'vitest';
import { inferSyslogYear, nextSyslogYear, SyslogYearTracker } from './syslogYear';

const JAN = 1;
const JUN = 6;
const NOV = 11;
const DEC = 12;

describe('inferSyslogYear', () => {
  it("gives the file date's year to an entry of a month up to the file date's month", () => {
    expect(inferSyslogYear(DEC, Date.UTC(2026, 11, 31))).toBe(2026);
    expect(inferSyslogYear(JUN, Date.UTC(2026, 11, 31))).toBe(2026);
    expect(inferSyslogYear(JAN, Date.UTC(2026, 0, 1))).toBe(2026);
  });

  it('gives the year before to an entry of a later month than the file date (mtime in January, December entries)', () => {
    expect(inferSyslogYear(DEC, Date.UTC(2027, 0, 3))).toBe(2026);
    expect(inferSyslogYear(NOV, Date.UTC(2026, 9, 31))).toBe(2025);
  });

  it("reads the file date in the logs' zone", () => {
    // 2026-12-31T23:30Z is already January 2027 at UTC+01:00.
    expect(inferSyslogYear(JAN, Date.UTC(2026, 11, 31, 23, 30), 0)).toBe(2026);
    expect(inferSyslogYear(JAN, Date.UTC(2026, 11, 31, 23, 30), 60)).toBe(2027);
  });
});

describe('nextSyslogYear', () => {
  it('rolls over when the month steps back more than a few months (December to January)', () => {
    expect(nextSyslogYear(2026, DEC, JAN)).toBe(2027);
    expect(nextSyslogYear(2026, 9, JAN)).toBe(2027);
  });

  it('keeps the year for months going forward or a short step back (a clock correction)', () => {
    expect(nextSyslogYear(2026, JAN, 2)).toBe(2026);
    expect(nextSyslogYear(2026, JAN, 8)).toBe(2026);
    expect(nextSyslogYear(2026, 4, 2)).toBe(2026);
  });

  it('steps back a year for a late December line written after a January one', () => {
    expect(nextSyslogYear(2027, JAN, DEC)).toBe(2026);
  });
});

describe('SyslogYearTracker', () => {
  const noClock = (): number => {
    throw new Error('the clock must not be read');
  };

  it('follows a file across the New Year', () => {
    const years = new SyslogYearTracker({ year: null, mtime: Date.UTC(2027, 0, 2), offsetMinutes: 0, now: noClock });
    expect([DEC, DEC, JAN, JAN].map((m) => years.yearFor(m))).toEqual([2026, 2026, 2027, 2027]);
    expect(years.source).toBe('mtime');
  });

  it('does not drift a year for one out-of-order line around midnight', () => {
    const years = new SyslogYearTracker({ year: null, mtime: Date.UTC(2027, 0, 2), offsetMinutes: 0, now: noClock });
    expect([DEC, JAN, DEC, JAN, JAN].map((m) => years.yearFor(m))).toEqual([2026, 2027, 2026, 2027, 2027]);
  });

  it("takes the user's year for the first entry, over the file date, and still rolls over", () => {
    const years = new SyslogYearTracker({ year: 2019, mtime: Date.UTC(2027, 0, 2), offsetMinutes: 0, now: noClock });
    expect([NOV, DEC, JAN].map((m) => years.yearFor(m))).toEqual([2019, 2019, 2020]);
    expect(years.source).toBe('user');
  });

  it('falls back to the clock only without a year and a file date, and says so', () => {
    const years = new SyslogYearTracker({ year: null, mtime: null, offsetMinutes: 0, now: () => Date.UTC(2030, 2, 15) });
    expect(years.source).toBe('clock');
    // A December entry read in March cannot be from the future: last December.
    expect(years.yearFor(DEC)).toBe(2029);
    const march = new SyslogYearTracker({ year: null, mtime: null, offsetMinutes: 0, now: () => Date.UTC(2030, 2, 15) });
    expect(march.yearFor(3)).toBe(2030);
  });

  it('continues from a line that carries its own year', () => {
    const years = new SyslogYearTracker({ year: null, mtime: Date.UTC(2030, 0, 1), offsetMinutes: 0, now: noClock });
    years.observe(2024, DEC);
    expect(years.yearFor(DEC)).toBe(2024);
    expect(years.yearFor(JAN)).toBe(2025);
  });
});
