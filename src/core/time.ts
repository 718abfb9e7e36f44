const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an RFC 3339 / ISO 8601 timestamp into UTC epoch milliseconds, keeping microseconds as
 * the fraction (callers that store whole milliseconds truncate with Math.floor, never round, so
 * that ordering matches the original text).
 * A timestamp without a zone is read in `defaultOffsetMinutes` (UTC unless told otherwise).
 * Returns NaN when the text is not such a timestamp.
 */
export function parseIsoTimestamp(text: string, defaultOffsetMinutes = 0): number {
  const fast = parseUtcFast(text);
  return Number.isNaN(fast) ? parseIsoGeneral(text, defaultOffsetMinutes) : fast;
}

/** The minute last seen by the fast path: consecutive log lines share it. */
let cachedMinute = '';
let cachedMinuteMs = NaN;

const digitAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/**
 * kube-apiserver's own shape, `2026-11-21T12:57:58.371234Z`, parsed without a regular expression
 * (two per audit event, a million events): the minute through the general parser once, then
 * only seconds and fraction. NaN for any other shape, which then takes the general path.
 */
function parseUtcFast(text: string): number {
  const n = text.length;
  if (n < 20 || n > 30 || text.charCodeAt(n - 1) !== 90 || text.charCodeAt(10) !== 84 || text.charCodeAt(16) !== 58) return NaN;
  if (n > 20 && text.charCodeAt(19) !== 46) return NaN;
  if (n === 21) return NaN;
  const minute = text.slice(0, 16);
  if (minute !== cachedMinute) {
    cachedMinuteMs = parseIsoGeneral(`${minute}:00Z`, 0);
    cachedMinute = minute;
  }
  const second = digitAt(text, 17) * 10 + digitAt(text, 18);
  if (!(second <= 60)) return NaN;
  let micros = 0;
  for (let i = 20, scale = 100_000; i < n - 1; i++, scale /= 10) {
    const d = digitAt(text, i);
    if (Number.isNaN(d)) return NaN;
    if (scale >= 1) micros += d * scale;
  }
  return cachedMinuteMs + second * 1000 + micros / 1000;
}

function parseIsoGeneral(text: string, defaultOffsetMinutes: number): number {
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
