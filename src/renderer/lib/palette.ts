import type { StackBy } from '../../core/query/timeline';

/**
 * One palette everywhere (UI.md): reads blue, writes amber, deletes red, denied magenta, SSH green,
 * database teal, platform grey. Mid-tones that hold up on both the dark and the light theme.
 */
export const SERIES_COLORS: Record<string, string> = {
  read: '#4f8ff7',
  write: '#f0a43a',
  delete: '#e5484d',
  other: '#8d86c9',
  ssh: '#3fb950',
  database: '#22b8a8',
  platform: '#8b949e',
  '2xx': '#4f8ff7',
  '3xx': '#8d86c9',
  denied: '#d946ef',
  '4xx': '#f0a43a',
  '5xx': '#e5484d',
  none: '#8b949e',
};

export const SERIES_LABELS: Record<string, string> = {
  read: 'Read',
  write: 'Write',
  delete: 'Delete',
  other: 'Other',
  ssh: 'SSH',
  database: 'Database',
  platform: 'Platform',
  '2xx': '2xx',
  '3xx': '3xx',
  denied: 'Denied (401/403)',
  '4xx': 'Other 4xx',
  '5xx': '5xx',
  none: 'No status',
};

export const STACK_LABELS: Record<StackBy, string> = { activity: 'Activity', status: 'Status' };

export function seriesColor(key: string): string {
  return SERIES_COLORS[key] ?? '#8b949e';
}

/** Status codes colored like the chart: denied magenta, server errors red, other client errors amber. */
export function statusClass(code: unknown): string {
  if (typeof code !== 'number') return '';
  if (code === 401 || code === 403) return 'status-denied';
  if (code >= 500) return 'status-error';
  if (code >= 400) return 'status-warn';
  return '';
}
