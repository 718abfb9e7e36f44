import type { SqlValue } from 'sql.js';

/**
 * "Has a finding" as a filter (issue 5): present means only events cited by a finding; `tags`
 * and `severities` narrow it to findings carrying one of those tags or severities.
 */
export interface FindingFilter {
  tags?: string[];
  severities?: string[];
}

/** The condition over `event_rows e` for a finding filter. */
export function findingCondition(filter: FindingFilter): { where: string; params: SqlValue[] } {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  if (filter.severities && filter.severities.length > 0) {
    parts.push(`f.severity IN (${filter.severities.map(() => '?').join(', ')})`);
    params.push(...filter.severities);
  }
  if (filter.tags && filter.tags.length > 0) {
    parts.push(`EXISTS (SELECT 1 FROM json_each(f.tags) j WHERE j.value IN (${filter.tags.map(() => '?').join(', ')}))`);
    params.push(...filter.tags);
  }
  const where = parts.length ? ` WHERE ${parts.join(' AND ')}` : '';
  return { where: `e.id IN (SELECT fe.event_id FROM finding_events fe JOIN findings f ON f.id = fe.finding_id${where})`, params };
}
