import type { NormalizedEvent } from '../model';

/**
 * The normalized `action` values of authlog events: a documented contract (docs/schema.md,
 * issue 3). Add a value only together with the documentation.
 */
export const AUTH_ACTIONS = [
  'ssh_accepted', 'ssh_failed', 'ssh_invalid_user', 'ssh_max_auth', 'ssh_disconnect',
  'session_open', 'session_close', 'sudo_command', 'sudo_auth_failure', 'su', 'other',
] as const;
export type AuthAction = (typeof AUTH_ACTIONS)[number];

export type DetailValue = string | number | boolean;

/**
 * One line of the classification table. Named groups say where the captured text goes:
 * `user` → user, `ip` and `rhost` → src_ip (a host name goes to details.rhost), `port` → src_port,
 * groups in BOOLEAN_GROUPS → `true` when they took part, groups in NUMERIC_GROUPS → numbers, any
 * other group → details under its own name (empty captures are left out).
 */
export interface AuthRule {
  /** Programs the rule applies to, by base name (see programKey); null for every program. */
  programs: readonly string[] | null;
  pattern: RegExp;
  action: AuthAction;
  /** Fixed details the rule adds (e.g. `invalid_user: true`). */
  details?: Readonly<Record<string, DetailValue>>;
}

const BOOLEAN_GROUPS = new Set(['invalid_user', 'failed']);
const NUMERIC_GROUPS = new Set(['repeat_count', 'attempts', 'disconnect_code', 'uid', 'cert_serial', 'failures']);

const SSHD = ['sshd'];
const SUDO = ['sudo'];
const SU = ['su'];

// Fragments shared by several rules. User names are greedy (`.*`) and anchored on the text that
// follows them, so that a hostile user name holding " from 1.2.3.4 port 1" cannot pose as the
// client address: sshd writes the real address last.
const FROM_IP_PORT = String.raw` from (?<ip>\S+) port (?<port>\d+)`;
const SSH_KEY = String.raw`(?: (?<protocol>ssh\d?))?(?:: (?<key_type>\S+) (?<fingerprint>\S+))?`;
const MAYBE_INVALID = String.raw`(?:(?<invalid_user>invalid user) )?`;
/**
 * "invalid user x 1.2.3.4 port 22", "authenticating user x ...", "user x ...", or just the address.
 * The user is lazy here and the rule anchored at its end (PREAUTH_END), for the same reason.
 */
const WHO_AT = String.raw`(?:(?:(?<invalid_user>invalid) |authenticating )?user (?<user>.*?) )?(?<ip>\S+)`;
const PREAUTH_END = String.raw`(?: \[preauth\])?\s*$`;
const PAM_AUTH_FAILURE = String.raw`authentication failure; logname=(?<logname>\S*) uid=\d* euid=\d* tty=(?<tty>\S*) ruser=(?<ruser>\S*) rhost=(?<rhost>\S*)(?:\s+user=(?<user>\S+))?`;
const SUDO_TAIL = String.raw`(?:TTY=(?<tty>\S*) ; )?PWD=(?<pwd>.*?) ; USER=(?<target_user>\S+) ;(?: GROUP=(?<target_group>\S+) ;)?(?: [A-Z]+=[^;]* ;)* COMMAND=(?<command>.*)$`;

const rule = (programs: readonly string[] | null, source: string, action: AuthAction, details?: Record<string, DetailValue>): AuthRule =>
  ({ programs, pattern: new RegExp(source, 's'), action, details });

/**
 * The classification table, in order: the first matching rule wins. The most frequent sshd
 * messages come first. Anything no rule matches is `other`, with nothing extracted.
 */
export const AUTH_RULES: readonly AuthRule[] = [
  // sshd
  rule(SSHD, String.raw`^Failed (?<method>\S+) for ${MAYBE_INVALID}(?<user>.*)${FROM_IP_PORT}${SSH_KEY}`, 'ssh_failed'),
  rule(SSHD, String.raw`^Invalid user (?<user>.*) from (?<ip>\S+)(?: port (?<port>\d+))?\s*$`, 'ssh_invalid_user', { invalid_user: true }),
  rule(SSHD, String.raw`^(?:error: )?Received disconnect from (?<ip>\S*[^\s:])(?: port (?<port>\d+))?(?::\s?(?<disconnect_code>\d+):\s?(?<disconnect_reason>.*?))?(?: \[preauth\])?\s*$`, 'ssh_disconnect'),
  rule(SSHD, String.raw`^Disconnected from ${WHO_AT}(?: port (?<port>\d+))?${PREAUTH_END}`, 'ssh_disconnect'),
  rule(SSHD, String.raw`^Connection closed by ${WHO_AT}(?: port (?<port>\d+))?${PREAUTH_END}`, 'ssh_disconnect'),
  rule(SSHD, String.raw`^Accepted (?<method>\S+) for (?<user>.*)${FROM_IP_PORT}${SSH_KEY}(?: ID (?<cert_id>.*) \(serial (?<cert_serial>\d+)\) CA (?<ca_key_type>\S+) (?<ca_fingerprint>\S+))?`, 'ssh_accepted'),
  rule(SSHD, String.raw`^(?:pam_unix\(sshd:session\): )?session opened for user (?<user>[^\s(]+)(?:\(uid=(?<uid>\d+)\))?`, 'session_open'),
  rule(SSHD, String.raw`^(?:pam_unix\(sshd:session\): )?session closed for user (?<user>[^\s(]+)`, 'session_close'),
  rule(SSHD, String.raw`^error: maximum authentication attempts exceeded for ${MAYBE_INVALID}(?<user>.*)${FROM_IP_PORT}`, 'ssh_max_auth'),
  rule(SSHD, String.raw`^Disconnecting: Too many authentication failures(?: for ${MAYBE_INVALID}(?<user>.*?))?(?: \[preauth\])?\s*$`, 'ssh_max_auth'),
  rule(SSHD, String.raw`^Disconnecting ${WHO_AT} port (?<port>\d+): Too many authentication failures${PREAUTH_END}`, 'ssh_max_auth'),
  // the same families when their tail is not one of the shapes above: classified, nothing pulled out
  rule(SSHD, String.raw`^(?:error: )?(?:Received disconnect from|Disconnected from|Connection closed by) `, 'ssh_disconnect'),
  rule(SSHD, String.raw`^(?:Disconnecting(?::| .*:) Too many authentication failures|error: maximum authentication attempts exceeded)`, 'ssh_max_auth'),
  // sshd lines that stay `other` but still name a user or a client
  rule(SSHD, String.raw`^input_userauth_request: invalid user (?<user>.*) \[preauth\]`, 'other', { invalid_user: true }),
  rule(SSHD, String.raw`^reverse mapping checking getaddrinfo for (?<hostname>\S+) \[(?<ip>[^\]]+)\] failed`, 'other'),
  rule(SSHD, String.raw`^Did not receive identification string from (?<ip>\S+)(?: port (?<port>\d+))?`, 'other'),
  rule(SSHD, String.raw`^PAM (?<failures>\d+) more authentication failures?; logname=\S* uid=\d* euid=\d* tty=\S* ruser=\S* rhost=(?<rhost>\S*)(?:\s+user=(?<user>\S+))?`, 'other'),

  // sudo: "alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id", or with a refusal first
  rule(SUDO, String.raw`^\s*(?<user>\S+) : ${SUDO_TAIL}`, 'sudo_command'),
  rule(SUDO, String.raw`^\s*(?<user>\S+) : (?<reason>(?<attempts>\d+) incorrect password attempts?) ; ${SUDO_TAIL}`, 'sudo_auth_failure'),
  rule(SUDO, String.raw`^\s*(?<user>\S+) : (?<reason>[^;=]+?) ; ${SUDO_TAIL}`, 'sudo_auth_failure'),
  rule(SUDO, String.raw`^pam_unix\(sudo(?:-i)?:auth\): ${PAM_AUTH_FAILURE}`, 'sudo_auth_failure'),
  rule(SUDO, String.raw`^pam_unix\(sudo(?:-i)?:session\): session (?<session>opened|closed) for user (?<target_user>[^\s(]+)(?:\(uid=\d+\))?(?: by (?<user>[^\s(]*))?`, 'other'),

  // su: every line of su is `su`; these rules only pull out who became whom.
  rule(SU, String.raw`^(?:pam_unix\(su(?:-l)?:session\): )?session (?<session>opened|closed) for user (?<target_user>[^\s(]+)(?:\(uid=\d+\))?(?: by (?<user>[^\s(]*))?`, 'su'),
  rule(SU, String.raw`^(?:pam_unix\(su(?:-l)?:auth\): )?authentication failure; logname=(?<logname>\S*) uid=\d* euid=\d* tty=(?<tty>\S*) ruser=(?<user>\S*) rhost=(?<rhost>\S*)(?:\s+user=(?<target_user>\S+))?`, 'su', { failed: true }),
  rule(SU, String.raw`^(?:(?<failed>FAILED SU) )?\(to (?<target_user>\S+)\) (?<user>\S+) on (?<tty>\S+)`, 'su'),
  rule(SU, String.raw`^(?:Successful su|(?<failed>FAILED su)) for (?<target_user>\S+) by (?<user>\S+)`, 'su'),
  rule(SU, String.raw`^(?:\+|(?<failed>-)) (?<tty>\S+) (?<user>[^\s:]+):(?<target_user>\S+)\s*$`, 'su'),
  rule(SU, String.raw`^'su (?<target_user>\S+)' (?<failed>failed) for (?<user>\S+) on (?<tty>\S+)`, 'su'),
  rule(SU, '', 'su'),

  // systemd-logind and cron: `other`, with the user they name
  rule(['systemd-logind'], String.raw`^New session (?<session_id>\S+) of user (?<user>.+?)\.?$`, 'other'),
  rule(['cron'], String.raw`^\((?<user>[^)]+)\) CMD \((?<command>.*)\)\s*$`, 'other'),

  // any program (cron, login, gdm, sshd's pam lines...)
  rule(null, String.raw`^(?:pam_unix\((?<pam_service>[^:)]+):auth\): )?${PAM_AUTH_FAILURE}`, 'other'),
  rule(null, String.raw`^pam_unix\((?<pam_service>[^:)]+):session\): session (?<session>opened|closed) for user (?<user>[^\s(]+)`, 'other'),
];

/** rsyslog's and syslogd's repeat marker: the repeated message is classified, with its count. */
const REPEATED = /^message repeated (\d+) times: \[ ?(.*?)\]?\s*$/s;
const IP_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}:[0-9A-Fa-f:.]*(?:%[\w.-]+)?)$/;

/** Where a program's lines are looked up: `sshd(pam_unix)` (old pam_unix style), `sshd-session` (OpenSSH 9.8+) read as sshd. */
const PROGRAM_ALIASES: Record<string, string> = {
  'sshd-session': 'sshd', 'sshd-auth': 'sshd', CRON: 'cron', crond: 'cron', 'su-l': 'su',
};

export function programKey(program: string | null): string {
  if (!program) return '';
  const paren = program.indexOf('(');
  const base = paren > 0 ? program.slice(0, paren) : program;
  return PROGRAM_ALIASES[base] ?? base;
}

// Where a capture goes (see AuthRule).
const USER = 0;
const ADDRESS = 1;
const PORT = 2;
const FLAG = 3;
const NUMBER = 4;
const TEXT = 5;

interface Capture {
  index: number;
  name: string;
  kind: number;
}

/** A rule as run: its pattern without group names (V8 then builds no `groups` object per match). */
interface CompiledRule {
  action: AuthAction;
  pattern: RegExp;
  captures: readonly Capture[];
  fixed: readonly (readonly [string, DetailValue])[];
}

function captureKind(name: string): number {
  if (name === 'user') return USER;
  if (name === 'ip' || name === 'rhost') return ADDRESS;
  if (name === 'port') return PORT;
  if (BOOLEAN_GROUPS.has(name)) return FLAG;
  return NUMERIC_GROUPS.has(name) ? NUMBER : TEXT;
}

/** Turns named groups into plain numbered ones, remembering which number holds which name. */
export function stripGroupNames(source: string): { source: string; names: (string | null)[] } {
  const names: (string | null)[] = [];
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
    } else if (ch === '[') {
      inClass = true;
    } else if (ch === '(') {
      const named = /^\?<([A-Za-z_]\w*)>/.exec(source.slice(i + 1, i + 40));
      if (named) {
        names.push(named[1]);
        out += '(';
        i += named[0].length;
        continue;
      }
      if (source[i + 1] !== '?') names.push(null);
    }
    out += ch;
  }
  return { source: out, names };
}

function compile(r: AuthRule): CompiledRule {
  const { source, names } = stripGroupNames(r.pattern.source);
  const captures: Capture[] = [];
  names.forEach((name, i) => {
    if (name !== null) captures.push({ index: i + 1, name, kind: captureKind(name) });
  });
  return { action: r.action, pattern: new RegExp(source, r.pattern.flags), captures, fixed: Object.entries(r.details ?? {}) };
}

const COMPILED: readonly { rule: AuthRule; compiled: CompiledRule }[] = AUTH_RULES.map((rule) => ({ rule, compiled: compile(rule) }));
const GENERIC = COMPILED.filter((r) => r.rule.programs === null).map((r) => r.compiled);
/** Rules by program name as written in the log (so the name is normalized once per name). */
const byProgram = new Map<string, readonly CompiledRule[]>();
const BY_PROGRAM_LIMIT = 1000;

function rulesFor(program: string | null): readonly CompiledRule[] {
  const written = program ?? '';
  let rules = byProgram.get(written);
  if (!rules) {
    const key = programKey(program);
    const specific = COMPILED.filter((r) => r.rule.programs?.includes(key)).map((r) => r.compiled);
    rules = specific.length === 0 ? GENERIC : specific.concat(GENERIC);
    // Program names come from the logs: bound the cache against a file of random tags.
    if (byProgram.size < BY_PROGRAM_LIMIT) byProgram.set(written, rules);
  }
  return rules;
}

export interface AuthClassification {
  action: AuthAction;
  user: string | null;
  srcIp: string | null;
  srcPort: number | null;
  /** What else the message says (method, fingerprint, sudo command...); null when nothing. */
  details: Record<string, DetailValue> | null;
}

function classifyInto(program: string | null, message: string, out: AuthClassification): void {
  let text = message;
  let repeat: number | null = null;
  if (text.charCodeAt(0) === 109 /* m */ && text.startsWith('message repeated ')) {
    const r = REPEATED.exec(text);
    if (r) {
      repeat = Number(r[1]);
      text = r[2];
    }
  }
  for (const r of rulesFor(program)) {
    const m = r.pattern.exec(text);
    if (!m) continue;
    out.action = r.action;
    for (const [name, value] of r.fixed) (out.details ??= {})[name] = value;
    for (const c of r.captures) {
      const v = m[c.index];
      if (v === undefined) continue;
      switch (c.kind) {
        case USER:
          out.user = v === '' ? null : v;
          break;
        case ADDRESS:
          if (v === '') break;
          if (IP_ADDRESS.test(v)) out.srcIp ??= v;
          else (out.details ??= {}).rhost = v;
          break;
        case PORT:
          out.srcPort = Number(v);
          break;
        case FLAG:
          (out.details ??= {})[c.name] = true;
          break;
        case NUMBER:
          if (v !== '') (out.details ??= {})[c.name] = Number(v);
          break;
        default:
          if (v !== '') (out.details ??= {})[c.name] = v;
      }
    }
    break;
  }
  if (repeat !== null) (out.details ??= {}).repeat_count = repeat;
}

/**
 * Classifies one authentication message (the syslog MSG part, or journald's MESSAGE) of a program
 * into the normalized action, pulling out user, client address and port, and details.
 */
export function classifyAuthMessage(program: string | null, message: string): AuthClassification {
  const out: AuthClassification = { action: 'other', user: null, srcIp: null, srcPort: null, details: null };
  classifyInto(program, message, out);
  return out;
}

/**
 * Fills an authlog event from its message: action, user, client address and port, and the details
 * JSON (the format's own fields first, then what the message says).
 */
export function applyAuthMessage(ev: NormalizedEvent, program: string | null, message: string, details: Record<string, DetailValue>): void {
  const c: AuthClassification = { action: 'other', user: null, srcIp: null, srcPort: null, details };
  classifyInto(program, message, c);
  ev.action = c.action;
  ev.user = c.user;
  if (c.srcIp !== null) {
    ev.srcIp = c.srcIp;
    // An address passed IP_ADDRESS: nothing in it needs JSON escaping.
    ev.srcIps = `["${c.srcIp}"]`;
  }
  ev.srcPort = c.srcPort;
  ev.details = JSON.stringify(details);
}
