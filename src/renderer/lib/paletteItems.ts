import Fuse from 'fuse.js';
import type { EventFilter, FilterField } from '../../core/query/filter';
import type { PaletteIndex, SavedSearchRow } from '../../worker/investigationProtocol';
import type { View } from './session.svelte';

/** One thing the palette can jump to. */
export type PaletteItem =
  | { kind: 'view'; label: string; view: View }
  | { kind: 'saved'; label: string; filter: EventFilter }
  | { kind: 'value'; label: string; field: FilterField; what: string };

export const PALETTE_VIEWS: { label: string; view: View }[] = [
  { label: 'Timeline', view: 'timeline' },
  { label: 'Users', view: 'users' },
  { label: 'IPs', view: 'ips' },
  { label: 'Clusters', view: 'clusters' },
  { label: 'Findings', view: 'findings' },
  { label: 'SQL console', view: 'sql' },
  { label: 'Files', view: 'files' },
];

const VALUE_KINDS: [keyof PaletteIndex, FilterField, string][] = [
  ['users', 'user', 'user'],
  ['ips', 'src_ip', 'IP'],
  ['namespaces', 'namespace', 'namespace'],
  ['resources', 'resource', 'resource'],
  ['names', 'name', 'object'],
  ['clusters', 'cluster', 'cluster'],
  ['nodes', 'node', 'node'],
];

export function paletteItems(index: PaletteIndex | null, saved: readonly SavedSearchRow[]): PaletteItem[] {
  const items: PaletteItem[] = PALETTE_VIEWS.map((v) => ({ kind: 'view', ...v }));
  for (const s of saved) items.push({ kind: 'saved', label: s.name, filter: s.filter });
  if (index) for (const [key, field, what] of VALUE_KINDS) for (const label of index[key]) items.push({ kind: 'value', label, field, what });
  return items;
}

/** Fuzzy search over the items (Fuse.js); with no query, the views and saved searches. */
export function paletteSearcher(items: PaletteItem[]): (query: string, limit: number) => PaletteItem[] {
  const fuse = new Fuse(items, { keys: ['label'], threshold: 0.35, ignoreLocation: true });
  return (query, limit) => {
    if (query.trim() === '') return items.filter((i) => i.kind !== 'value').slice(0, limit);
    return fuse.search(query.trim(), { limit }).map((r) => r.item);
  };
}
