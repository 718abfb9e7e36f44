import type { EventFilter, FilterField } from './filter';

/**
 * The filter with one field pinned to one value, as an entity's page shows it: the page of alice
 * under "only bob" shows alice, and a page is never emptied by its own value being excluded.
 */
export function pinned(filter: EventFilter, field: FilterField, value: string): EventFilter {
  const exclude = { ...filter.exclude };
  delete exclude[field];
  return { ...filter, include: { ...filter.include, [field]: [value] }, exclude };
}

/** Whether a filter restricts nothing. */
export function isEmptyFilter(filter: EventFilter): boolean {
  const lists = [...Object.values(filter.include ?? {}), ...Object.values(filter.exclude ?? {})];
  return filter.from === undefined && filter.to === undefined && !filter.text && !filter.findings && lists.every((l) => !l || l.length === 0);
}
