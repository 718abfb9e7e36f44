import { formatTimestamp } from '../../core/time';

export type Zone = 'utc' | 'local';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Counts with thousands separators, always in the same (en-US) grouping so screenshots and tests agree. */
export function formatCount(n: number): string {
  return integer.format(n);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** 0:07, 3:25, 1:02:03. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** How long something took: "0.42 s" under a minute, then 1:05. */
export function formatElapsed(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return formatDuration(ms);
}

/** A time range, the end without its date when both ends share it: 2026-11-21 02:00:00.000 → 03:00:00.000. */
export function formatRange(from: number, to: number, zone: Zone): string {
  const a = formatTimestamp(from, zone);
  const b = formatTimestamp(to, zone);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} → ${b.slice(11)}` : `${a} → ${b}`;
}

/** The one timestamp format of every screen: 2026-11-21 12:57:58.371. */
export function formatTime(ts: number, zone: Zone): string {
  return formatTimestamp(ts, zone);
}

/** The zone label shown next to times: UTC, or the machine's zone name. */
export function zoneLabel(zone: Zone): string {
  if (zone === 'utc') return 'UTC';
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local';
}

/**
 * A time axis label as short as the bucket width allows: the date for day buckets, minutes for
 * minute buckets, seconds below that.
 */
export function formatAxisTime(ts: number, bucketMs: number, zone: Zone): string {
  const full = formatTimestamp(ts, zone);
  if (bucketMs >= 86_400_000) return full.slice(0, 10);
  if (bucketMs >= 60_000) return full.slice(5, 16);
  return full.slice(11, 19);
}

/** For text that a library insists on treating as HTML (ECharts tooltips): log data stays text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A SQL value as display text; NULL is an em dash. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (value instanceof Uint8Array) return `(${value.length} bytes)`;
  return String(value);
}
