import type { SqlValue } from 'sql.js';
import { findingCondition, type FindingFilter } from './findingCondition';
import { srcIpCondition, statusClassCondition } from './fieldConditions';
import { textCondition } from './textSearch';

/**
 * Fields a filter can pin to values: each is an interned column of `event_rows`, but
 * `status_class` (2xx, 3xx, denied, 4xx, 5xx, none: see fieldConditions.ts), and `src_ip`, which
 * also matches the further hops of an event's source IPs.
 */
export const FILTER_FIELDS = ['source', 'cluster', 'node', 'user', 'src_ip', 'verb', 'resource', 'namespace', 'action', 'name', 'status_class'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export type FieldValues = Partial<Record<FilterField, string[]>>;

/**
 * What the analyst is looking at. Every view and query takes the same filter; fields left out do
 * not restrict. Times are UTC epoch ms, `from` inclusive and `to` exclusive. `include` keeps
 * events whose field has one of the values ("only this"); `exclude` drops them ("everything but this").
 */
export interface EventFilter {
  from?: number;
  to?: number;
  include?: FieldValues;
  exclude?: FieldValues;
  /** Only events cited by a finding, optionally with one of these tags or severities. */
  findings?: FindingFilter;
  /** Free text: every word must occur in the event (see textSearch.ts; needs the text index). */
  text?: string;
}

/** A WHERE clause over `event_rows e` and its parameters. */
export interface SqlCondition {
  where: string;
  params: SqlValue[];
}

/** How a condition over `event_rows` should be answered (scanHints.ts decides, from the case). */
export interface ConditionOptions {
  /**
   * Included fields whose values match too many events to fetch them one by one through their
   * index: a unary + keeps SQLite off that index, and they are matched while scanning instead.
   */
  scan?: ReadonlySet<FilterField>;
}

function fieldCondition(field: FilterField, values: readonly string[], negate: boolean, options: ConditionOptions): SqlCondition {
  if (!(FILTER_FIELDS as readonly string[]).includes(field)) throw new Error(`unknown filter field ${field}`);
  if (field === 'status_class') return statusClassCondition(values, negate);
  const scan = options.scan?.has(field) ?? false;
  if (field === 'src_ip') return srcIpCondition(values, negate, scan);
  // The strings table resolves values to ids once; the events are then matched on integers.
  const inList = `${scan ? '+' : ''}e.${field}_id IN (SELECT id FROM strings WHERE value IN (${values.map(() => '?').join(', ')}))`;
  return { where: negate ? `(e.${field}_id IS NULL OR NOT ${inList})` : inList, params: [...values] };
}

export function filterCondition(filter: EventFilter, options: ConditionOptions = {}): SqlCondition {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const add = (c: SqlCondition): void => {
    parts.push(c.where);
    params.push(...c.params);
  };
  if (filter.from !== undefined) add({ where: 'e.ts >= ?', params: [filter.from] });
  if (filter.to !== undefined) add({ where: 'e.ts < ?', params: [filter.to] });
  for (const [negate, values] of [[false, filter.include], [true, filter.exclude]] as const) {
    for (const [field, list] of Object.entries(values ?? {})) {
      if (list && list.length > 0) add(fieldCondition(field as FilterField, list, negate, options));
    }
  }
  if (filter.findings) add(findingCondition(filter.findings));
  const text = filter.text ? textCondition(filter.text) : null;
  if (text) add(text);
  return { where: parts.length ? parts.join(' AND ') : '1', params };
}
