/** Which column a list is sorted by, and which way. */
export interface SortState<T> {
  key: keyof T;
  desc: boolean;
}

/** A column of a sortable table's head. */
export interface SortColumn<T> {
  key: keyof T;
  label: string;
  /** Numbers: right-aligned, and the first click sorts the biggest first. */
  numeric?: boolean;
  title?: string;
}

/** A sorted copy: numbers by value, text by code point (stable, and the same on every machine). */
export function sortRows<T>(rows: readonly T[], sort: SortState<T>): T[] {
  const dir = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
    const s = String(x ?? '');
    const t = String(y ?? '');
    return (s < t ? -1 : s > t ? 1 : 0) * dir;
  });
}

/** The sort after a click on a column header: the same column flips; a new one starts with the biggest numbers first. */
export function toggledSort<T>(sort: SortState<T>, key: keyof T, numeric: boolean): SortState<T> {
  return sort.key === key ? { key, desc: !sort.desc } : { key, desc: numeric };
}
