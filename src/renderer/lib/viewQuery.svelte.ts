/** An answer that takes longer than this shows a loading indicator; a quicker one never flickers. */
const LOADING_AFTER_MS = 100;

/**
 * A view's query to the worker: the last answer stays on screen (dimmed while `loading`) until
 * the next arrives; a late answer to an older question is dropped; a failure is kept as text.
 */
export class ViewQuery<T> {
  data = $state.raw<T | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #seq = 0;

  async run(fetch: () => Promise<T>): Promise<void> {
    const seq = ++this.#seq;
    const timer = setTimeout(() => {
      if (seq === this.#seq) this.loading = true;
    }, LOADING_AFTER_MS);
    try {
      const data = await fetch();
      if (seq !== this.#seq) return;
      this.data = data;
      this.error = null;
    } catch (err) {
      if (seq === this.#seq) this.error = err instanceof Error ? err.message : String(err);
    } finally {
      clearTimeout(timer);
      if (seq === this.#seq) this.loading = false;
    }
  }
}
