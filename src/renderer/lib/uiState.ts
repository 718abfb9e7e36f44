import type { EventFilter } from '../../core/query/filter';
import type { StackBy } from '../../core/query/timeline';
import type { View } from './session.svelte';

/** What a case remembers of the window that saved it, so that reopening lands where the analyst left off. */
export interface UiState {
  view: View;
  filter: EventFilter;
  selectedId: number | null;
  stackBy: StackBy;
}

const VIEWS: readonly View[] = ['timeline', 'import', 'files', 'findings', 'users', 'ips', 'clusters', 'sql'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The UI state stored in a case, checked: the case file may come from anyone, and a missing or
 * odd value falls back to the default rather than break the window. Null when nothing usable.
 */
export function readUiState(value: unknown): UiState | null {
  if (!isObject(value)) return null;
  const view = VIEWS.includes(value.view as View) ? (value.view as View) : 'timeline';
  const filter = isObject(value.filter) ? (value.filter as EventFilter) : {};
  const selectedId = typeof value.selectedId === 'number' && Number.isSafeInteger(value.selectedId) ? value.selectedId : null;
  const stackBy: StackBy = value.stackBy === 'status' ? 'status' : 'activity';
  return { view, filter, selectedId, stackBy };
}
