import type { EventFilter, FieldValues, FilterField } from '../../core/query/filter';
import { formatRange, zoneLabel, type Zone } from './format';

/** How each filter field is named on a chip and in menus. */
export const FIELD_LABELS: Record<FilterField, string> = {
  source: 'source',
  cluster: 'cluster',
  node: 'node',
  user: 'user',
  src_ip: 'IP',
  verb: 'verb',
  resource: 'resource',
  namespace: 'namespace',
  action: 'action',
  name: 'name',
  status_class: 'status',
};

/** One removable piece of the filter, as the top bar shows it. */
export interface FilterChip {
  key: string;
  kind: 'time' | 'include' | 'exclude' | 'text' | 'findings';
  field: FilterField | null;
  value: string | null;
  label: string;
  text: string;
}

export function filterChips(filter: EventFilter, zone: Zone): FilterChip[] {
  const chips: FilterChip[] = [];
  if (filter.from !== undefined || filter.to !== undefined) {
    const text = `${formatRange(filter.from ?? 0, filter.to ?? 0, zone)} ${zoneLabel(zone)}`;
    chips.push({ key: 'time', kind: 'time', field: null, value: null, label: 'time', text });
  }
  for (const [kind, values] of [['include', filter.include], ['exclude', filter.exclude]] as const) {
    for (const [field, list] of Object.entries(values ?? {}) as [FilterField, string[]][]) {
      for (const value of list ?? []) chips.push({ key: `${kind}:${field}:${value}`, kind, field, value, label: FIELD_LABELS[field] ?? field, text: value });
    }
  }
  if (filter.text) chips.push({ key: 'text', kind: 'text', field: null, value: filter.text, label: 'text', text: filter.text });
  if (filter.findings) chips.push({ key: 'findings', kind: 'findings', field: null, value: null, label: 'findings', text: 'with a finding' });
  return chips;
}

function setList(values: FieldValues | undefined, field: FilterField, list: string[]): FieldValues | undefined {
  const next: FieldValues = { ...values };
  if (list.length) next[field] = list;
  else delete next[field];
  return Object.keys(next).length ? next : undefined;
}

/** Removes undefined keys, so that equal filters look equal (history, saved searches). */
function tidy(filter: EventFilter): EventFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')) as EventFilter;
}

/**
 * "Only this" (include: the field is pinned to this one value) or "everything but this" (exclude:
 * the value joins the field's excluded values). Either way the value leaves the other list.
 */
export function withValue(filter: EventFilter, field: FilterField, value: string, mode: 'include' | 'exclude'): EventFilter {
  if (mode === 'include') {
    const exclude = (filter.exclude?.[field] ?? []).filter((v) => v !== value);
    return tidy({ ...filter, include: setList(filter.include, field, [value]), exclude: setList(filter.exclude, field, exclude) });
  }
  const include = (filter.include?.[field] ?? []).filter((v) => v !== value);
  const exclude = [...new Set([...(filter.exclude?.[field] ?? []), value])];
  return tidy({ ...filter, include: setList(filter.include, field, include), exclude: setList(filter.exclude, field, exclude) });
}

export function withoutChip(filter: EventFilter, chip: FilterChip): EventFilter {
  if (chip.kind === 'time') return tidy({ ...filter, from: undefined, to: undefined });
  if (chip.kind === 'text') return tidy({ ...filter, text: undefined });
  if (chip.kind === 'findings') return tidy({ ...filter, findings: undefined });
  const list = chip.kind === 'include' ? filter.include : filter.exclude;
  const rest = (list?.[chip.field as FilterField] ?? []).filter((v) => v !== chip.value);
  return tidy({ ...filter, [chip.kind]: setList(list, chip.field as FilterField, rest) });
}

export function withText(filter: EventFilter, text: string): EventFilter {
  return tidy({ ...filter, text: text.trim() || undefined });
}
