/**
 * Saves a while after the last change, not on every keystroke: each save is a full copy of the
 * case, so a burst of edits (marking ten events in a row) costs one save. A change during a save
 * schedules another one after it.
 */
export class Autosave {
  readonly #delayMs: number;
  readonly #save: () => Promise<void>;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(delayMs: number, save: () => Promise<void>) {
    this.#delayMs = delayMs;
    this.#save = save;
  }

  schedule(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
  }

  /** Saves now if a save is pending (and waits for one under way). */
  async flush(): Promise<void> {
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    } else if (!this.#running) {
      return;
    }
    if (this.#running) {
      await this.#running;
      return;
    }
    this.#running = this.#save().catch(() => undefined);
    await this.#running;
    this.#running = null;
    if (this.#again) {
      this.#again = false;
      this.schedule();
    }
  }

  cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#again = false;
  }
}
