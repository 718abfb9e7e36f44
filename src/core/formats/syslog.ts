import { emptyEvent } from '../model';
import { parseIsoTimestamp } from '../time';
import { applyAuthMessage, type DetailValue } from './authActions';
import { SyslogYearTracker } from './syslogYear';
import type { LineFormat, LineParser, ParseContext, ParseResult } from './types';
import { RFC3164_SAMPLES, RFC5424_SAMPLES, ISO8601_SAMPLES } from './syslogSamples';

/** State of one file being read: the year reckoning of RFC 3164 lines. */
interface SyslogFile {
  ctx: ParseContext;
  years: SyslogYearTracker | null;
}

/** One syslog line layout. `read` returns null when the line is not of this layout. */
interface SyslogFlavour {
  id: 'syslog-rfc3164' | 'syslog-iso8601' | 'syslog-rfc5424';
  /** What a line must look like, for the reject reason. */
  shape: string;
  read(line: string, file: SyslogFile): ParseResult | null;
  /** 1 when the line is of this layout beyond doubt, 0.5 when only its header is, else 0 (sniffing). */
  likeness(line: string): number;
}

const MONTHS: Readonly<Record<string, number>> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};

// The program tag: `sshd[123]:`, `kernel:`, `sshd(pam_unix)[19939]:`, and login's `-- root[2421]:`.
// Without a tag the whole rest is the message (sysklogd's "last message repeated 2 times").
const TAG = String.raw`(?: +(?:((?:-- )?[^\s:\[]+)(?:\[(\d+)\])?: ?)?(.*))?`;

/** Groups: pri, timestamp, month, day, hour, minute, second, fraction, host, program, pid, message. */
const RFC3164_LINE = new RegExp(
  String.raw`^(?:<(\d{1,3})>)?((Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?) +(\S+)${TAG}$`,
  's',
);
/** Groups: pri, timestamp, host, program, pid, message. */
const ISO8601_LINE = new RegExp(
  String.raw`^(?:<(\d{1,3})>)?(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?) +(\S+)${TAG}$`,
  's',
);
/** Groups: pri, version, timestamp, host, app-name, procid, msgid, structured data, message. */
const RFC5424_LINE = /^(?:<(\d{1,3})>)?(?:(\d{1,2}) )?(\d{4}-\d\d-\d\dT\S+|-) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]"\\]|\\.|"(?:[^"\\]|\\.)*")*\])+)(?: \uFEFF?(.*))?$/s;

function baseDetails(program: string | null, pid: string | number | null, pri: string | undefined): Record<string, DetailValue> {
  const details: Record<string, DetailValue> = {};
  if (program !== null) details.program = program;
  if (pid !== null) details.pid = pid;
  if (pri !== undefined) {
    const p = Number(pri);
    details.facility = p >> 3;
    details.severity = p & 7;
  }
  return details;
}

function syslogEvent(
  format: SyslogFlavour['id'], ts: number, tsText: string, host: string | null, program: string | null,
  message: string, line: string, details: Record<string, DetailValue>, ctx: ParseContext,
): ParseResult {
  const ev = emptyEvent('authlog', format, ts, tsText);
  ev.cluster = ctx.cluster;
  ev.node = host ?? ctx.node;
  ev.message = line;
  applyAuthMessage(ev, program, message, details);
  return { kind: 'event', event: ev };
}

function yearsOf(file: SyslogFile): SyslogYearTracker {
  const ctx = file.ctx;
  file.years ??= new SyslogYearTracker({ year: ctx.year, mtime: ctx.mtime, offsetMinutes: ctx.offsetMinutesFor('authlog') });
  return file.years;
}

/** `Mmm dd hh:mm:ss host prog[pid]: msg`: no year, no zone (local time of the host). */
const RFC3164: SyslogFlavour = {
  id: 'syslog-rfc3164',
  shape: 'Mmm dd hh:mm:ss host program[pid]: message',
  read(line, file) {
    const m = RFC3164_LINE.exec(line);
    if (!m) return null;
    const month = MONTHS[m[3]];
    const day = Number(m[4]);
    const hour = Number(m[5]);
    const minute = Number(m[6]);
    const second = Number(m[7]);
    if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return { kind: 'reject', reason: `impossible timestamp ${JSON.stringify(m[2])}` };
    const ctx = file.ctx;
    const years = yearsOf(file);
    const year = years.yearFor(month);
    const fraction = m[8] ? Math.floor(Number((m[8] + '00').slice(0, 3))) : 0;
    const ts = Date.UTC(year, month - 1, day, hour, minute, second, fraction) - ctx.offsetMinutesFor('authlog') * 60_000;
    const program = m[10] ?? null;
    const details = baseDetails(program, m[11] ? Number(m[11]) : null, m[1]);
    if (years.source !== 'user') details.year_inferred = years.source;
    return syslogEvent('syslog-rfc3164', ts, m[2], m[9], program, m[12] ?? '', line, details, ctx);
  },
  likeness(line) {
    const m = RFC3164_LINE.exec(line);
    return !m ? 0 : m[10] !== undefined ? 1 : 0.5;
  },
};

/** rsyslog's RSYSLOG_FileFormat: RFC 3339 timestamp (µs, zone), then as RFC 3164. */
const ISO8601: SyslogFlavour = {
  id: 'syslog-iso8601',
  shape: 'YYYY-MM-DDThh:mm:ss.ffffff+hh:mm host program[pid]: message',
  read(line, file) {
    const m = ISO8601_LINE.exec(line);
    if (!m) return null;
    const precise = parseIsoTimestamp(m[2], file.ctx.offsetMinutesFor('authlog'));
    if (Number.isNaN(precise)) return { kind: 'reject', reason: `impossible timestamp ${JSON.stringify(m[2])}` };
    // A year-less line later in the same file continues from this one.
    yearsOf(file).observe(Number(m[2].slice(0, 4)), Number(m[2].slice(5, 7)));
    const program = m[4] ?? null;
    const details = baseDetails(program, m[5] ? Number(m[5]) : null, m[1]);
    return syslogEvent('syslog-iso8601', Math.floor(precise), m[2], m[3], program, m[6] ?? '', line, details, file.ctx);
  },
  likeness(line) {
    const m = ISO8601_LINE.exec(line);
    return !m ? 0 : m[4] !== undefined ? 1 : 0.5;
  },
};

const nil = (v: string): string | null => (v === '-' ? null : v);

/** `<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG`, PRI and version optional in files. */
const RFC5424: SyslogFlavour = {
  id: 'syslog-rfc5424',
  shape: '<PRI>1 TIMESTAMP HOST APP-NAME PROCID MSGID STRUCTURED-DATA MSG',
  read(line, file) {
    const m = RFC5424_LINE.exec(line);
    if (!m) return null;
    if (m[3] === '-') return { kind: 'reject', reason: 'RFC 5424 record without a timestamp' };
    const precise = parseIsoTimestamp(m[3], file.ctx.offsetMinutesFor('authlog'));
    if (Number.isNaN(precise)) return { kind: 'reject', reason: `unreadable timestamp ${JSON.stringify(m[3].slice(0, 40))}` };
    const program = nil(m[5]);
    const procid = nil(m[6]);
    const details = baseDetails(program, procid !== null && /^\d+$/.test(procid) ? Number(procid) : procid, m[1]);
    const msgid = nil(m[7]);
    if (msgid !== null) details.msgid = msgid;
    if (m[8] !== '-') details.structured_data = m[8];
    return syslogEvent('syslog-rfc5424', Math.floor(precise), m[3], nil(m[4]), program, m[9] ?? '', line, details, file.ctx);
  },
  likeness(line) {
    const m = RFC5424_LINE.exec(line);
    if (!m) return 0;
    // Without PRI and version the layout could be an rsyslog line whose message has dashes.
    return m[1] !== undefined || m[2] !== undefined || ISO8601.likeness(line) < 1 ? 1 : 0.5;
  },
};

const BLANK = /^\s*$/;

/**
 * A file of one layout may hold lines of another (rsyslog's template changed during the file's
 * life): each line is tried against the file's layout first, then the others.
 */
function openSyslog(order: readonly SyslogFlavour[], ctx: ParseContext): LineParser {
  const file: SyslogFile = { ctx, years: null };
  const reason = `not a syslog line (expected ${order[0].shape})`;
  return {
    parseLine(line) {
      if (line.length === 0 || (line.charCodeAt(0) <= 32 && BLANK.test(line))) return { kind: 'blank' };
      for (const flavour of order) {
        const result = flavour.read(line, file);
        if (result) return result;
      }
      return { kind: 'reject', reason };
    },
  };
}

/**
 * Confidence from the first lines: high only when most lines are of the layout. JSON and CSV never
 * match (every layout starts with a timestamp or a PRI and needs a space-separated host).
 */
function sniffSyslog(flavour: SyslogFlavour, lines: readonly string[]): number {
  let score = 0;
  let sure = 0;
  for (const line of lines) {
    const likeness = flavour.likeness(line);
    score += likeness;
    if (likeness === 1) sure++;
  }
  // Lines that only share the header (a CRI container log: `<RFC 3339> stdout F ...`) claim nothing alone.
  if (sure === 0) return 0;
  const ratio = score / lines.length;
  return ratio >= 0.5 ? 0.6 + 0.3 * ratio : 0.3 * ratio;
}

export const syslogRfc3164 = {
  kind: 'lines',
  id: 'syslog-rfc3164',
  label: 'Syslog, traditional (RFC 3164: auth.log, secure)',
  sniff: (lines) => sniffSyslog(RFC3164, lines),
  open: (ctx) => openSyslog([RFC3164, ISO8601, RFC5424], ctx),
  samples: RFC3164_SAMPLES,
} satisfies LineFormat;

export const syslogIso8601 = {
  kind: 'lines',
  id: 'syslog-iso8601',
  label: 'Syslog, high-precision timestamps (rsyslog RFC 3339)',
  sniff: (lines) => sniffSyslog(ISO8601, lines),
  open: (ctx) => openSyslog([ISO8601, RFC5424, RFC3164], ctx),
  samples: ISO8601_SAMPLES,
} satisfies LineFormat;

export const syslogRfc5424 = {
  kind: 'lines',
  id: 'syslog-rfc5424',
  label: 'Syslog, RFC 5424',
  sniff: (lines) => sniffSyslog(RFC5424, lines),
  open: (ctx) => openSyslog([RFC5424, ISO8601, RFC3164], ctx),
  samples: RFC5424_SAMPLES,
} satisfies LineFormat;
