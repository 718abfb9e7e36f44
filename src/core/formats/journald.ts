import { emptyEvent } from '../model';
import { applyAuthMessage, type DetailValue } from './authActions';
import { JOURNALD_SAMPLES } from './journaldSamples';
import type { LineFormat, ParseContext, ParseResult } from './types';

/** The journal fields an authlog event reads (journalctl -o json writes every value as a string). */
interface JournalEntry {
  __REALTIME_TIMESTAMP?: unknown;
  _SOURCE_REALTIME_TIMESTAMP?: unknown;
  _HOSTNAME?: unknown;
  SYSLOG_IDENTIFIER?: unknown;
  _COMM?: unknown;
  SYSLOG_PID?: unknown;
  _PID?: unknown;
  MESSAGE?: unknown;
  PRIORITY?: unknown;
  SYSLOG_FACILITY?: unknown;
  _SYSTEMD_UNIT?: unknown;
  _TRANSPORT?: unknown;
}

const MICROS = /^\d{1,19}$/;
const INTEGER = /^-?\d{1,15}$/;
const utf8 = new TextDecoder('utf-8', { fatal: false });

function isByteArray(v: unknown[]): v is number[] {
  return v.every((b) => typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= 255);
}

/**
 * A journal field as text. journalctl writes a field that is not printable UTF-8 as an array of
 * bytes, a field present several times as an array of its values (the first is taken), and a
 * field over its size limit as null.
 */
function fieldText(v: unknown): { text: string; binary: boolean } | null {
  if (typeof v === 'string') return { text: v, binary: false };
  if (typeof v === 'number') return { text: String(v), binary: false };
  if (Array.isArray(v) && v.length > 0) {
    if (isByteArray(v)) return { text: utf8.decode(new Uint8Array(v)), binary: true };
    return fieldText(v[0]);
  }
  return null;
}

const text = (v: unknown): string | null => {
  const t = fieldText(v);
  return t && t.text !== '' ? t.text : null;
};

function integer(v: unknown): number | null {
  const t = text(v);
  return t !== null && INTEGER.test(t) ? Number(t) : null;
}

/** `1795262278371234` µs → epoch ms (floored) and `2026-11-21T11:57:58.371234Z`. */
function realtime(v: unknown): { ts: number; tsText: string } | null {
  const t = typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : typeof v === 'string' ? v : null;
  if (t === null || !MICROS.test(t)) return null;
  const micros = t.padStart(4, '0');
  const ts = Number(micros.slice(0, -3));
  if (!Number.isSafeInteger(ts) || ts > 8.64e15) return null;
  const iso = new Date(ts).toISOString();
  return { ts, tsText: `${iso.slice(0, -1)}${micros.slice(-3)}Z` };
}

function parseEntry(line: string): { ok: true; entry: JournalEntry } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${(err as Error).message.slice(0, 120)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'JSON line is not a journal entry object' };
  return { ok: true, entry: value as JournalEntry };
}

/** json-seq output (journalctl -o json-seq) puts an RS character before each record. */
const unwrap = (line: string): string => (line.charCodeAt(0) === 0x1e ? line.slice(1) : line);

function looksLikeJournalLine(line: string): boolean {
  const l = unwrap(line);
  if (l.charCodeAt(0) !== 123 /* { */ || !l.includes('"__REALTIME_TIMESTAMP"')) return false;
  const parsed = parseEntry(l);
  return parsed.ok && realtime(parsed.entry.__REALTIME_TIMESTAMP) !== null;
}

function normalizeEntry(e: JournalEntry, ctx: ParseContext): ParseResult {
  const time = realtime(e.__REALTIME_TIMESTAMP) ?? realtime(e._SOURCE_REALTIME_TIMESTAMP);
  if (!time) return { kind: 'reject', reason: 'journal entry without a readable __REALTIME_TIMESTAMP' };
  const ev = emptyEvent('authlog', 'journald-json', time.ts, time.tsText);
  ev.cluster = ctx.cluster;
  ev.node = text(e._HOSTNAME) ?? ctx.node;
  const program = text(e.SYSLOG_IDENTIFIER) ?? text(e._COMM);
  const message = fieldText(e.MESSAGE);
  ev.message = message?.text ?? null;
  const details: Record<string, DetailValue> = {};
  if (program !== null) details.program = program;
  const pid = integer(e.SYSLOG_PID) ?? integer(e._PID);
  if (pid !== null) details.pid = pid;
  const priority = integer(e.PRIORITY);
  if (priority !== null) details.severity = priority;
  const facility = integer(e.SYSLOG_FACILITY);
  if (facility !== null) details.facility = facility;
  const unit = text(e._SYSTEMD_UNIT);
  if (unit !== null) details.unit = unit;
  const transport = text(e._TRANSPORT);
  if (transport !== null) details.transport = transport;
  if (message?.binary) details.message_binary = true;
  if (!message) details.message_missing = true;
  applyAuthMessage(ev, program, message?.text ?? '', details);
  return { kind: 'event', event: ev };
}

/** `journalctl -o json` (or json-seq): one journal entry object per line. */
export const journaldJson = {
  kind: 'lines',
  id: 'journald-json',
  label: 'systemd journal export (journalctl -o json)',
  sniff(lines) {
    if (lines.length === 0) return 0;
    let hits = 0;
    for (const line of lines) if (looksLikeJournalLine(line)) hits++;
    if (hits === 0) return 0;
    return hits * 2 >= lines.length ? 0.95 : 0.4;
  },
  open(ctx) {
    return {
      parseLine(line) {
        const l = unwrap(line);
        if (l.trim() === '') return { kind: 'blank' };
        const parsed = parseEntry(l);
        if (!parsed.ok) return { kind: 'reject', reason: parsed.reason };
        return normalizeEntry(parsed.entry, ctx);
      },
    };
  },
  samples: JOURNALD_SAMPLES,
} satisfies LineFormat;
