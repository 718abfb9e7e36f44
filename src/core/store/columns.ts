import type { NormalizedEvent } from '../model';

/**
 * One column of the public `events` view and how it is stored. Repeated strings (users, verbs,
 * namespaces...) are interned into the `strings` table and stored as integer ids: audit logs
 * repeat them millions of times, and integer rows insert about three times faster in sql.js.
 */
export interface EventColumn {
  /** Column name in the public `events` view: a documented interface (docs/schema.md). */
  name: string;
  field: keyof NormalizedEvent;
  interned: boolean;
  type: 'INTEGER' | 'REAL' | 'TEXT';
}

const col = (name: string, field: keyof NormalizedEvent, type: EventColumn['type'], interned = false): EventColumn => ({ name, field, type, interned });

/** Event columns in view order, between `id` and the provenance columns (`file_id`, `line`). */
export const EVENT_COLUMNS: readonly EventColumn[] = [
  col('ts', 'ts', 'INTEGER'),
  col('ts_text', 'tsText', 'TEXT'),
  col('source', 'source', 'TEXT', true),
  col('format', 'format', 'TEXT', true),
  col('cluster', 'cluster', 'TEXT', true),
  col('node', 'node', 'TEXT', true),
  col('user', 'user', 'TEXT', true),
  col('groups', 'groups', 'TEXT', true),
  col('impersonated_user', 'impersonatedUser', 'TEXT', true),
  col('src_ip', 'srcIp', 'TEXT', true),
  col('src_ips', 'srcIps', 'TEXT', true),
  col('src_port', 'srcPort', 'INTEGER'),
  col('user_agent', 'userAgent', 'TEXT', true),
  col('verb', 'verb', 'TEXT', true),
  col('resource', 'resource', 'TEXT', true),
  col('subresource', 'subresource', 'TEXT', true),
  col('namespace', 'namespace', 'TEXT', true),
  col('name', 'name', 'TEXT', true),
  col('api_group', 'apiGroup', 'TEXT', true),
  col('request_uri', 'requestUri', 'TEXT'),
  col('status_code', 'statusCode', 'INTEGER'),
  col('decision', 'decision', 'TEXT', true),
  col('reason', 'reason', 'TEXT', true),
  col('duration_ms', 'durationMs', 'REAL'),
  col('audit_id', 'auditId', 'TEXT'),
  col('stage', 'stage', 'TEXT', true),
  col('action', 'action', 'TEXT', true),
  col('message', 'message', 'TEXT'),
  col('details', 'details', 'TEXT'),
];

/** Name of the stored column in `event_rows`: interned columns hold an id into `strings`. */
export const storedName = (c: EventColumn): string => (c.interned ? `${c.name}_id` : c.name);

/** Stored columns of `event_rows` in insert order. */
export const ROW_COLUMNS: readonly string[] = ['id', ...EVENT_COLUMNS.map(storedName), 'file_id', 'line', 'raw_block', 'raw_index'];

/** Every column of the public `events` view, in order. */
export const VIEW_COLUMNS: readonly string[] = ['id', ...EVENT_COLUMNS.map((c) => c.name), 'file_id', 'line'];
