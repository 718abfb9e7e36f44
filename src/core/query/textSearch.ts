import type { SqlCondition } from './filter';

/**
 * Free-text search over events, by an FTS4 index (`event_fts`, built after import by
 * ensureTextIndex; FTS5 is not compiled into sql.js). The index holds each event's user, source
 * IPs, user agent, namespace, resource, name, node, cluster, action, reason, message and details.
 */
export const TEXT_INDEX_TABLE = 'event_fts';

const TOKEN = /[\p{L}\p{N}]+/gu;

/**
 * The analyst's words as an FTS4 query. Each whitespace-separated word matches as a phrase of its
 * letters and digits, so `10.0.1.12`, `alice@corp.example` and `payments-api` match those values
 * and not their parts scattered over a record; a trailing `*` matches a prefix (`secret*`). All
 * words must match. Every phrase is quoted, so that no word is read as an operator (AND, NEAR...).
 * Returns null when the text holds no letter or digit.
 */
export function textMatchQuery(text: string): string | null {
  const phrases: string[] = [];
  for (const word of text.trim().split(/\s+/)) {
    const tokens = word.toLowerCase().match(TOKEN);
    if (!tokens) continue;
    const prefix = word.endsWith('*') ? '*' : '';
    phrases.push(`"${tokens.join(' ')}${prefix}"`);
  }
  return phrases.length > 0 ? phrases.join(' ') : null;
}

/** The condition over `event_rows e` for a free-text filter; null when the text matches everything. */
export function textCondition(text: string): SqlCondition | null {
  const match = textMatchQuery(text);
  if (match === null) return null;
  return { where: `e.id IN (SELECT docid FROM ${TEXT_INDEX_TABLE} WHERE ${TEXT_INDEX_TABLE} MATCH ?)`, params: [match] };
}
