import type { FindingMark } from '../../core/findings/findingsStore';
import type { EngineClient } from './engineClient';

/**
 * The finding marks of the rows the table has drawn, asked from the worker once per event as rows
 * come into view. Plain state, like EventPages; a new instance when findings or the case change.
 */
export class FindingMarksCache {
  readonly #engine: EngineClient;
  readonly #marks = new Map<number, FindingMark>();
  readonly #asked = new Set<number>();
  readonly #onLoaded: () => void;
  readonly #onError: (err: unknown) => void;

  constructor(engine: EngineClient, onLoaded: () => void, onError: (err: unknown) => void) {
    this.#engine = engine;
    this.#onLoaded = onLoaded;
    this.#onError = onError;
  }

  get(eventId: number): FindingMark | undefined {
    return this.#marks.get(eventId);
  }

  ensure(eventIds: readonly number[]): void {
    const missing = eventIds.filter((id) => !this.#asked.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.#asked.add(id);
    this.#engine.call('findingMarks', { eventIds: missing }).then(
      ({ marks }) => {
        for (const mark of marks) this.#marks.set(mark.eventId, mark);
        if (marks.length > 0) this.#onLoaded();
      },
      (err: unknown) => this.#onError(err),
    );
  }
}
