import type { CaseStore } from '../store/caseStore';

export interface KnownFile {
  id: number;
  path: string;
}

/**
 * Finds files already in the case with the same bytes (same SHA-256). Sizes are kept in memory so
 * that a file is hashed ahead of its import only when a file of its size is already there: on a
 * first import nothing is read twice. A row's size is always the length of the bytes it hashes.
 */
export class DuplicateIndex {
  readonly #store: CaseStore;
  readonly #sizes = new Set<number>();

  constructor(store: CaseStore) {
    this.#store = store;
    const res = store.db.exec("SELECT DISTINCT size FROM files WHERE status != 'skipped' AND sha256 != ''");
    for (const [size] of res[0]?.values ?? []) this.#sizes.add(Number(size));
  }

  /** False when no file of this size is in the case: it cannot be a duplicate. */
  mayHave(size: number): boolean {
    return this.#sizes.has(size);
  }

  find(sha256: string): KnownFile | null {
    const id = this.#store.findFileBySha256(sha256);
    if (id === null) return null;
    const res = this.#store.db.exec('SELECT path FROM files WHERE id = ?', [id]);
    return { id, path: String(res[0]?.values[0]?.[0] ?? '') };
  }

  /** Records a file just imported, so that a copy later in the same drop is found. */
  remember(size: number): void {
    this.#sizes.add(size);
  }
}
