import type { NormalizedEvent } from '../model';
import { stageRank } from '../store/stageRank';

/** Records held back: stages of one request logged this close together are merged on the spot. */
export const STAGE_WINDOW = 16;

interface Held {
  line: number;
  event: NormalizedEvent;
  raw: string;
}

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
  readonly #held: Held[] = [];
  readonly #size: number;
  readonly #emit: (line: number, event: NormalizedEvent, raw: string) => void;

  constructor(emit: (line: number, event: NormalizedEvent, raw: string) => void, size = STAGE_WINDOW) {
    this.#emit = emit;
    this.#size = size;
  }

  /** Takes an event; true when it was merged with a held stage of its request (one record fewer). */
  add(line: number, event: NormalizedEvent, raw: string): boolean {
    const id = event.auditId;
    if (id) {
      for (let i = this.#held.length - 1; i >= 0; i--) {
        const held = this.#held[i];
        if (held.event.auditId !== id) continue;
        if (stageRank(event.stage) > stageRank(held.event.stage)) this.#held[i] = { line, event, raw };
        return true;
      }
    }
    if (this.#size === 0) {
      this.#emit(line, event, raw);
      return false;
    }
    this.#held.push({ line, event, raw });
    if (this.#held.length > this.#size) {
      const oldest = this.#held.shift() as Held;
      this.#emit(oldest.line, oldest.event, oldest.raw);
    }
    return false;
  }

  /** Lets every held event go, in order (the file ended). */
  drain(): void {
    for (const held of this.#held.splice(0)) this.#emit(held.line, held.event, held.raw);
  }
}
