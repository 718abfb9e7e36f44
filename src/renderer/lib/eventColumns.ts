import type { FilterField } from '../../core/query/filter';
import type { SortColumn } from '../../core/query/tablePaging';
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

/** Columns the chooser can add to the default set. */
export const EXTRA_COLUMNS: readonly EventColumn[] = [
  { key: 'source', label: 'Source', width: '90px' },
  { key: 'node', label: 'Node', width: '100px' },
  { key: 'verb', label: 'Verb', width: '80px' },
  { key: 'resource', label: 'Resource', width: '130px' },
  { key: 'message', label: 'Message', width: '260px' },
  { key: 'file_id', label: 'File', width: '50px', numeric: true },
  { key: 'line', label: 'Line', width: '64px', numeric: true },
];

export const ALL_COLUMNS: readonly EventColumn[] = [...EVENT_COLUMNS, ...EXTRA_COLUMNS];

/**
 * The columns to show, in the table's order, from the chooser's keys (null: the default set).
 * Time always stays; the last column takes the spare width.
 */
export function chosenColumns(keys: readonly string[] | null): EventColumn[] {
  if (!keys) return [...EVENT_COLUMNS];
  const picked = ALL_COLUMNS.filter((c) => c.key === 'ts' || keys.includes(c.key));
  return picked.map((c, i) => (i === picked.length - 1 && !c.width.startsWith('minmax') ? { ...c, width: `minmax(${c.width}, 1fr)` } : c));
}

export const gridTemplate = (columns: readonly EventColumn[]): string => columns.map((c) => c.width).join(' ');
export const minTableWidth = (columns: readonly EventColumn[]): number => columns.reduce((n, c) => n + (parseInt(c.width.replace('minmax(', ''), 10) || 0), 0);

/** Columns whose values are pills (click filters, Ctrl/Cmd-click opens the page). */
export const PILL_FIELDS: Partial<Record<keyof TableRow, FilterField>> = {
  cluster: 'cluster', node: 'node', user: 'user', src_ip: 'src_ip', namespace: 'namespace', resource: 'resource', name: 'name', verb: 'verb', source: 'source',
};

/** Columns the table sorts by on a header click (the worker sorts; time order is the default). */
export const SORTABLE: ReadonlySet<string> = new Set<SortColumn>(['ts', 'cluster', 'node', 'user', 'src_ip', 'verb', 'action', 'namespace', 'resource', 'name', 'status_code', 'user_agent', 'source']);

/** The narrowest the table gets before it scrolls sideways. */
export const MIN_TABLE_WIDTH = EVENT_COLUMNS.reduce((n, c) => n + (parseInt(c.width.replace('minmax(', ''), 10) || 0), 0);

export function cellText(row: TableRow, key: keyof TableRow, zone: Zone): string {
  const value = row[key];
  if (key === 'ts' && typeof value === 'number') return formatTime(value, zone);
  return displayValue(value);
}
