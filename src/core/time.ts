const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an RFC 3339 / ISO 8601 timestamp into UTC epoch milliseconds, keeping microseconds as
 * the fraction (callers that store whole milliseconds truncate with Math.floor, never round, so
 * that ordering matches the original text).
 * A timestamp without a zone is read in `defaultOffsetMinutes` (UTC unless told otherwise).
 * Returns NaN when the text is not such a timestamp.
 */
export function parseIsoTimestamp(text: string, defaultOffsetMinutes = 0): number {
  const m = ISO_RE.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return NaN;
  const ms = frac ? Number((frac + '00000').slice(0, 6)) / 1000 : 0;
  let offset = defaultOffsetMinutes;
  if (zone && zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  } else if (zone === 'Z') {
    offset = 0;
  }
  return Date.UTC(Number(y), month - 1, day, hour, minute, second) + ms - offset * 60_000;
}

/** Formats epoch milliseconds the way every screen and export shows time: 2026-11-21 12:57:58.371. */
export function formatTimestamp(ts: number, zone: 'utc' | 'local' = 'utc'): string {
  const d = new Date(ts);
  if (zone === 'utc') return d.toISOString().replace('T', ' ').replace('Z', '');
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}
