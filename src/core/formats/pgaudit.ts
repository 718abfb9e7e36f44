import Papa from 'papaparse';
import { emptyEvent, type NormalizedEvent } from '../model';
import { PGAUDIT_SAMPLES } from './pgauditSamples';
import { readPostgresLine, type PostgresLine } from './postgresLogLine';
import type { LineFormat, LineParser, ParseContext, ParseResult } from './types';

/**
 * pgaudit lines in a PostgreSQL log, source `db-audit`:
 * `<log_line_prefix>LOG:  AUDIT: SESSION,1,1,READ,SELECT,TABLE,public.accounts,"select * from accounts",<not logged>`
 * (fields: audit type, statement id, substatement id, class, command, object type, object name,
 * statement, then with pgaudit.log_rows the row count, then the parameters or <not logged>).
 *
 * | from | column |
 * |---|---|
 * | %m / %t timestamp with its zone abbreviation | ts, ts_text |
 * | %u, %d, %a, %h / %r | user, namespace (the database), user_agent (application_name), src_ip / src_port |
 * | COMMAND, OBJECT_TYPE, OBJECT_NAME | verb, resource, name |
 * | STATEMENT | message |
 * | `pg <CLASS> <COMMAND>` | action (`pg READ SELECT`, `pg DDL CREATE TABLE`) |
 *
 * The other lines of the same log (connections, checkpoints, errors, DETAIL / STATEMENT lines) are
 * events too, with action `other`: they place the audit lines in their session (who connected
 * from where, what failed), and rejecting them would bury the real rejects. Connection lines give
 * their user, database and client. A message that goes on over several lines (a statement with
 * newlines) continues on lines that PostgreSQL starts with a tab: each such line is an event with
 * action `other` and details.continuation, carrying the session of the line it continues.
 */

/** What the message of a non-audit line says about the session (named groups → columns). */
const SESSION_MESSAGES: readonly RegExp[] = [
  /^connection received: host=(?<client>\S+?)(?: port=(?<port>\d+))?$/,
  /^connection authorized: user=(?<user>\S+)(?: database=(?<database>\S+))?(?: application_name=(?<application>\S+))?/,
  /^disconnection: session time: \S+ user=(?<user>\S+) database=(?<database>\S+) host=(?<client>\S+?)(?: port=(?<port>\d+))?$/,
  /^password authentication failed for user "(?<user>[^"]*)"/,
  /^no pg_hba\.conf entry for host "(?<client>[^"]*)", user "(?<user>[^"]*)", database "(?<database>[^"]*)"/,
];

const AUDIT = /^AUDIT: (SESSION|OBJECT),(.*)$/s;
const INTEGER = /^\d+$/;
const NOT_LOGGED = new Set(['<not logged>', '<none>']);

function sessionEvent(line: PostgresLine, ctx: ParseContext, format: string): NormalizedEvent {
  const ev = emptyEvent('db-audit', format, line.ts, line.tsText);
  ev.cluster = ctx.cluster;
  ev.node = ctx.node;
  ev.user = line.user;
  ev.namespace = line.database;
  ev.userAgent = line.application;
  ev.srcIp = line.client;
  ev.srcIps = line.client === null ? null : JSON.stringify([line.client]);
  ev.srcPort = line.clientPort;
  return ev;
}

function baseDetails(line: PostgresLine): Record<string, string | number | boolean> {
  const d: Record<string, string | number | boolean> = { severity: line.severity };
  if (line.pid !== null) d.pid = line.pid;
  if (line.sessionLine !== null) d.session_line = line.sessionLine;
  if (!line.zoneKnown) d.zone_unknown = true;
  return d;
}

/** The CSV fields after `AUDIT: SESSION,`; `open` when the statement's quote is not closed on this line. */
function auditFields(text: string): { fields: string[]; open: boolean } {
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n' });
  const fields = parsed.data[0] ?? [];
  return { fields, open: parsed.errors.some((e) => e.type === 'Quotes') };
}

function auditEvent(line: PostgresLine, type: string, rest: string, ctx: ParseContext, format: string): ParseResult {
  const { fields, open } = auditFields(rest);
  if (fields.length < 7) return { kind: 'reject', reason: `pgaudit entry with ${fields.length + 1} fields, expected at least 8` };
  const [statementId, substatementId, cls, command, objectType, objectName, statement, ...tail] = fields;
  const ev = sessionEvent(line, ctx, format);
  ev.verb = command || null;
  ev.resource = objectType || null;
  ev.name = objectName || null;
  ev.message = statement === '' || statement === '<not logged>' ? null : statement;
  ev.action = `pg ${cls} ${command}`;
  const d = baseDetails(line);
  d.audit_type = type;
  d.statement_id = INTEGER.test(statementId) ? Number(statementId) : statementId;
  d.substatement_id = INTEGER.test(substatementId) ? Number(substatementId) : substatementId;
  d.class = cls;
  // With pgaudit.log_rows the row count comes before the parameters; without, the parameters come at once.
  let params = tail;
  if (tail.length >= 2 && INTEGER.test(tail[0]) && NOT_LOGGED.has(tail[tail.length - 1])) {
    d.rows = Number(tail[0]);
    params = tail.slice(1);
  }
  if (params.length > 0) d.parameter = params.join(',');
  if (open) d.statement_continues = true;
  ev.details = JSON.stringify(d);
  return { kind: 'event', event: ev };
}

function openPgaudit(ctx: ParseContext): LineParser {
  let previous: PostgresLine | null = null;
  return {
    parseLine(text): ParseResult {
      if (text.trim() === '') return { kind: 'blank' };
      if (text.charCodeAt(0) === 9 /* tab */ && previous) {
        // A continuation of the previous line's message: same session, same time.
        const ev = sessionEvent(previous, ctx, 'pgaudit-postgres-log');
        ev.message = text.slice(1);
        ev.action = 'other';
        ev.details = JSON.stringify({ ...baseDetails(previous), continuation: true });
        return { kind: 'event', event: ev };
      }
      const line = readPostgresLine(text, ctx.offsetMinutesFor('db-audit'));
      if (!line) return { kind: 'reject', reason: 'not a PostgreSQL log line (expected <log_line_prefix with %m or %t>SEVERITY:  message)' };
      const audit = AUDIT.exec(line.message);
      let result: ParseResult;
      if (audit) {
        result = auditEvent(line, audit[1], audit[2], ctx, 'pgaudit-postgres-log');
      } else {
        const ev = sessionEvent(line, ctx, 'pgaudit-postgres-log');
        for (const re of SESSION_MESSAGES) {
          const g = re.exec(line.message)?.groups;
          if (!g) continue;
          if (g.user !== undefined) ev.user = g.user;
          if (g.database !== undefined) ev.namespace = g.database;
          if (g.application !== undefined) ev.userAgent = g.application;
          if (g.client !== undefined && g.client !== '[local]') {
            ev.srcIp = g.client;
            ev.srcIps = JSON.stringify([g.client]);
          }
          if (g.port !== undefined) ev.srcPort = Number(g.port);
          break;
        }
        ev.message = line.message;
        ev.action = 'other';
        ev.details = JSON.stringify(baseDetails(line));
        result = { kind: 'event', event: ev };
      }
      previous = result.kind === 'event' ? line : null;
      return result;
    },
  };
}

function sniffPgaudit(lines: readonly string[]): number {
  let postgres = 0;
  let audit = 0;
  for (const text of lines) {
    if (text.charCodeAt(0) === 9) {
      postgres++;
      continue;
    }
    const line = readPostgresLine(text, 0);
    if (!line) continue;
    postgres++;
    if (line.message.startsWith('AUDIT: ')) audit++;
  }
  if (postgres * 2 < lines.length || postgres === 0) return 0;
  return audit > 0 ? 0.93 : 0.55;
}

export const pgauditPostgresLog = {
  kind: 'lines',
  id: 'pgaudit-postgres-log',
  label: 'PostgreSQL log with pgaudit entries',
  sniff: sniffPgaudit,
  open: openPgaudit,
  samples: PGAUDIT_SAMPLES,
} satisfies LineFormat;
