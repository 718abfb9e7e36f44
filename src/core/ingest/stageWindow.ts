import type { NormalizedEvent } from '../model';
import { stageRank } from '../store/stageRank';

/** Records held back: stages of one request logged this close together are merged on the spot. */
export const STAGE_WINDOW = 16;

export interface HeldRecord {
  line: number;
  event: NormalizedEvent;
  raw: string;
}

/** What `add` answers for an event merged with a held stage of its request. */
export const MERGED = 'merged';

/**
 * The last few events of a file, held back before they reach the case: when another stage of a
 * held request comes (same auditID), it is merged here by the case's own rule, so that a merged
 * earlier stage is never packed, handed over, stored or compressed. kube-apiserver writes a
 * request's RequestReceived and ResponseComplete a few lines apart.
 *
 * The case merges the same way (CaseStore's #place): a higher stage takes the held one's place
 * (its content, line and raw record, at the held one's position, hence the same event id), a
 * lower or equal one is dropped. Events leave in the order they came, so the case ends the same
 * as without the window; stages farther apart are still merged by the case.
 */
export class StageWindow {
  readonly #held: HeldRecord[] = [];
  readonly #size: number;

  constructor(size = STAGE_WINDOW) {
    this.#size = size;
  }

  /**
   * Takes an event: MERGED when it merged with a held stage of its request (one record fewer);
   * else the record it pushes out of the window, to be stored now, if any. (Returned, not passed
   * to a callback: a callback made per file would be a new call target at every file for V8.)
   */
  add(line: number, event: NormalizedEvent, raw: string): HeldRecord | typeof MERGED | null {
    const id = event.auditId;
    if (id) {
      for (let i = this.#held.length - 1; i >= 0; i--) {
        const held = this.#held[i];
        if (held.event.auditId !== id) continue;
        if (stageRank(event.stage) > stageRank(held.event.stage)) this.#held[i] = { line, event, raw };
        return MERGED;
      }
    }
    const record = { line, event, raw };
    if (this.#size === 0) return record;
    this.#held.push(record);
    return this.#held.length > this.#size ? (this.#held.shift() as HeldRecord) : null;
  }

  /** Every held record, in order, and the window is empty (the file ended). */
  drain(): HeldRecord[] {
    return this.#held.splice(0);
  }
}
