/**
 * The parts of a PostgreSQL stderr log line (`log_destination = stderr`, with or without the
 * logging collector): the log_line_prefix, whatever its escapes, then `SEVERITY:  message`.
 *
 * The prefix is not parsed by one fixed layout: each part is found by its own shape, so
 * `%m [%p] %q%u@%d `, `%t [%p]: [%l-1] user=%u,db=%d,app=%a,client=%h `, RDS's `%t:%r:%u@%d:[%p]:`
 * and the pgaudit README's `%m %u %d [%p]: ` are all read.
 */
export interface PostgresLine {
  /** The timestamp as written, zone included: `2026-11-21 12:57:58.371 UTC`. */
  tsText: string;
  /** UTC epoch ms; the zone read from the abbreviation, or the default when unknown. */
  ts: number;
  zoneKnown: boolean;
  pid: number | null;
  sessionLine: string | null;
  user: string | null;
  database: string | null;
  application: string | null;
  client: string | null;
  clientPort: number | null;
  severity: string;
  message: string;
}

/** Where the message starts: PostgreSQL writes the severity, a colon and two spaces. */
const SEVERITY = /(?:^|[\s:\]])(LOG|ERROR|WARNING|NOTICE|INFO|DEBUG[1-5]?|FATAL|PANIC|DETAIL|HINT|STATEMENT|CONTEXT|LOCATION|QUERY): {2}/;
const TIME = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?: ([A-Za-z]{1,5}|[+-]\d\d(?::?\d\d)?))?/;
const PID = /\[(\d+)\]/;
const SESSION_LINE = /\[(\d+-\d+)\]/;
/** `user=%u,db=%d,app=%a,client=%h`; PostgreSQL writes an unknown value as `[unknown]`. */
const KEY_VALUE = /\b(user|db|database|app|application|client|host|remote)=(\[[^\]]*\]|[^,\s\]]*)/g;
const USER_AT_DB = /(?:^|[\s:])([A-Za-z_][\w.$-]*)@([A-Za-z_][\w.$-]*)(?=[\s:\]]|$)/;
/** %r: host(port); %h alone is a bare host. */
const REMOTE = /(?:^|[\s:])([\w.-]+|\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:]+:[0-9a-fA-F:.]*)\((\d{1,5})\)(?=[\s:\]]|$)/;
/** The pgaudit README's `%m %u %d [%p]: `: two bare words between the time and the pid. */
const BARE_USER_DB = /^\s+([A-Za-z_][\w.$-]*) ([A-Za-z_][\w.$-]*) \[\d+\]/;

/** Zone abbreviations PostgreSQL writes for common time zones (log_timezone); others are unknown. */
const ZONES: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480,
  HST: -600, SGT: 480, HKT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

function zoneOffset(zone: string | undefined, fallback: number): { offset: number; known: boolean } {
  if (zone === undefined) return { offset: fallback, known: false };
  const numeric = /^([+-])(\d\d)(?::?(\d\d))?$/.exec(zone);
  if (numeric) return { offset: (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0)), known: true };
  const named = ZONES[zone.toUpperCase()];
  return named === undefined ? { offset: fallback, known: false } : { offset: named, known: true };
}

const orNull = (v: string | undefined): string | null => (v === undefined || v === '' || v === '[unknown]' ? null : v);

/** The line's parts, or null when it is not a PostgreSQL log line with a timestamp in its prefix. */
export function readPostgresLine(line: string, defaultOffsetMinutes: number): PostgresLine | null {
  const time = TIME.exec(line);
  if (!time) return null;
  const sev = SEVERITY.exec(line);
  if (!sev) return null;
  const cut = sev.index + sev[0].length - sev[1].length - 3;
  const prefix = line.slice(0, cut);
  const [, y, mo, d, h, mi, s, frac] = time;
  const zone = zoneOffset(time[8], defaultOffsetMinutes);
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0;
  const ts = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms) - zone.offset * 60_000;
  if (Number.isNaN(ts) || +mo < 1 || +mo > 12 || +d > 31 || +h > 23 || +mi > 59) return null;

  const out: PostgresLine = {
    tsText: time[0], ts, zoneKnown: zone.known, pid: null, sessionLine: null, user: null, database: null,
    application: null, client: null, clientPort: null, severity: sev[1], message: line.slice(sev.index + sev[0].length),
  };
  const rest = prefix.slice(time[0].length);
  const pid = PID.exec(rest);
  if (pid) out.pid = Number(pid[1]);
  out.sessionLine = SESSION_LINE.exec(rest)?.[1] ?? null;
  for (const kv of rest.matchAll(KEY_VALUE)) {
    const value = orNull(kv[2]);
    if (kv[1] === 'user') out.user = value;
    else if (kv[1] === 'db' || kv[1] === 'database') out.database = value;
    else if (kv[1] === 'app' || kv[1] === 'application') out.application = value;
    else out.client = value;
  }
  const remote = REMOTE.exec(rest);
  if (remote) {
    out.client ??= remote[1].replace(/^\[|\]$/g, '');
    out.clientPort = Number(remote[2]);
  }
  const userAtDb = USER_AT_DB.exec(rest) ?? BARE_USER_DB.exec(rest);
  if (userAtDb) {
    out.user ??= orNull(userAtDb[1]);
    out.database ??= orNull(userAtDb[2]);
  }
  if (out.client !== null) {
    // %h of a client that came through the socket, or a host(port) pair left whole.
    const m = /^(.+)\((\d{1,5})\)$/.exec(out.client);
    if (m) {
      out.client = m[1];
      out.clientPort ??= Number(m[2]);
    }
    if (out.client === '[local]') out.client = null;
  }
  return out;
}
