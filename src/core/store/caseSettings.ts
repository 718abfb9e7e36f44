import type { Database } from 'sql.js';
import { DEFAULT_INTERNAL_CIDRS, parseCidr } from '../net/cidr';
import { queryRows } from '../query/sqlRows';

const INTERNAL_CIDRS = 'internal_cidrs';

/** The networks this case counts as the organization's own (internal); the defaults until the analyst sets them. */
export function internalCidrs(db: Database): string[] {
  const value = queryRows(db, 'SELECT value FROM case_settings WHERE key = ?', [INTERNAL_CIDRS]).rows[0]?.[0];
  if (value === undefined) return [...DEFAULT_INTERNAL_CIDRS];
  const list = JSON.parse(String(value)) as unknown;
  return Array.isArray(list) ? list.map(String) : [...DEFAULT_INTERNAL_CIDRS];
}

/** Sets the internal networks; refuses the whole list, naming the culprits, if any entry is not a CIDR. */
export function setInternalCidrs(db: Database, cidrs: readonly string[]): string[] {
  const list = cidrs.map((c) => c.trim()).filter((c) => c !== '');
  const bad = list.filter((c) => parseCidr(c) === null);
  if (bad.length > 0) throw new Error(`not a CIDR range: ${bad.join(', ')} (write it like 10.0.0.0/8 or fd00::/8)`);
  db.run('INSERT INTO case_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [INTERNAL_CIDRS, JSON.stringify(list)]);
  return list;
}
