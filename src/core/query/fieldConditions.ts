import type { SqlCondition } from './filter';

/**
 * Conditions for the filter fields that are not a plain interned column. Each works over
 * `event_rows e` and over summary tables that carry the same columns (event_minutes keeps a NULL
 * status as -1, which reads as "no status" here too).
 */

/** Status classes as the timeline stacks them (timeline.ts STATUS_CLASSES): denied is 401 and 403. */
const STATUS_CLASS_SQL: Record<string, string> = {
  none: 'e.status_code IS NULL OR e.status_code < 0',
  denied: 'e.status_code IN (401, 403)',
  '2xx': 'e.status_code >= 0 AND e.status_code < 300',
  '3xx': 'e.status_code >= 300 AND e.status_code < 400',
  '4xx': 'e.status_code >= 400 AND e.status_code < 500 AND e.status_code NOT IN (401, 403)',
  '5xx': 'e.status_code >= 500',
};

export const STATUS_CLASS_VALUES: readonly string[] = Object.keys(STATUS_CLASS_SQL);

/** A NULL in a negated condition must count as "not matching", so that exclude keeps it. */
const negated = (where: string): string => `NOT coalesce((${where}), 0)`;

export function statusClassCondition(values: readonly string[], negate: boolean): SqlCondition {
  const parts = values.map((v) => {
    const sql = STATUS_CLASS_SQL[v];
    if (!sql) throw new Error(`unknown status class ${v}`);
    return `(${sql})`;
  });
  const where = parts.join(' OR ');
  return { where: negate ? negated(where) : `(${where})`, params: [] };
}

/**
 * A source IP matches an event whose first source IP is it, or whose list of source IPs (proxies
 * add X-Forwarded-For hops) holds it. The JSON arrays are found through the strings' unique index
 * (they all start with `[`), so no event row is parsed. `scan`: a unary + keeps SQLite off the two
 * source-IP indexes, whose OR fetches each matching event from the wide rows (1.3 µs each: slower
 * than scanning the narrow covering index once when an address has a fifth of the events).
 */
export function srcIpCondition(values: readonly string[], negate: boolean, scan = false): SqlCondition {
  const marks = values.map(() => '?').join(', ');
  const plus = scan ? '+' : '';
  const where = `${plus}e.src_ip_id IN (SELECT id FROM strings WHERE value IN (${marks}))
    OR ${plus}e.src_ips_id IN (SELECT s.id FROM strings s JOIN json_each(CASE WHEN json_valid(s.value) THEN s.value ELSE '[]' END) j
      WHERE s.value >= '[' AND s.value < '\\' AND j.value IN (${marks}))`;
  return { where: negate ? negated(where) : `(${where})`, params: [...values, ...values] };
}
