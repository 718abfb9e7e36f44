import type { Zone } from './format';

const TIME_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|UTC)?$/i;

/**
 * A time typed by the analyst, in the zone the screen shows (a trailing Z or UTC forces UTC):
 * `2026-11-21`, `2026-11-21 02:07`, `2026-11-21 02:07:30.125`, ISO with a T. Null when unreadable.
 */
export function parseTimeInput(text: string, zone: Zone): number | null {
  const m = TIME_RE.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const millis = Number((m[7] ?? '0').padEnd(3, '0'));
  if (zone === 'utc' || m[8]) return Date.UTC(y, mo - 1, d, h, mi, s, millis);
  return new Date(y, mo - 1, d, h, mi, s, millis).getTime();
}

/** The zone's offset from UTC at a moment, in ms (for hour-of-day buckets in the zone shown). */
export function zoneOffsetMs(zone: Zone, at: number): number {
  return zone === 'utc' ? 0 : -new Date(at).getTimezoneOffset() * 60_000;
}
