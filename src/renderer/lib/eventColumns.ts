import type { TableRow } from '../../core/query/timeline';
import { displayValue, formatTime, type Zone } from './format';

export interface EventColumn {
  key: keyof TableRow;
  label: string;
  /** A CSS grid track: fixed for short values, flexible for the last, long one. */
  width: string;
  numeric?: boolean;
}

/** The table's columns, most telling first; the drawer shows every column of the event. */
export const EVENT_COLUMNS: readonly EventColumn[] = [
  { key: 'ts', label: 'Time', width: '186px' },
  { key: 'cluster', label: 'Cluster', width: '100px' },
  { key: 'user', label: 'User', width: '220px' },
  { key: 'src_ip', label: 'Source IP', width: '118px' },
  { key: 'action', label: 'Action', width: '190px' },
  { key: 'namespace', label: 'Namespace', width: '104px' },
  { key: 'name', label: 'Name', width: '190px' },
  { key: 'status_code', label: 'Status', width: '62px', numeric: true },
  { key: 'user_agent', label: 'User agent', width: 'minmax(180px, 1fr)' },
];

export const GRID_TEMPLATE = EVENT_COLUMNS.map((c) => c.width).join(' ');

/** The narrowest the table gets before it scrolls sideways. */
export const MIN_TABLE_WIDTH = EVENT_COLUMNS.reduce((n, c) => n + (parseInt(c.width.replace('minmax(', ''), 10) || 0), 0);

export function cellText(row: TableRow, key: keyof TableRow, zone: Zone): string {
  const value = row[key];
  if (key === 'ts' && typeof value === 'number') return formatTime(value, zone);
  return displayValue(value);
}
