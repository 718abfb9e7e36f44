import type { EventFilter } from '../../core/query/filter';
import type { StackBy } from '../../core/query/timeline';
import type { FileToImport, ImportProgress, ImportResult, Overview } from '../../worker/protocol';
import { caseNameFromPath, saveCaseBytes, suggestedCaseFileName } from './caseFile';
import { EngineClient, type ImportHandle } from './engineClient';
import type { Zone } from './format';
import { fetchSampleFiles } from './sampleData';

export type View = 'timeline' | 'import' | 'files';
export type CaseState = 'empty' | 'unsaved' | 'saving' | 'saved';

export interface ImportRun {
  progress: ImportProgress | null;
  cancelling: boolean;
}

/**
 * What the window shows and the case it works on: one instance, shared by every component.
 * Every query goes to the engine worker; results land here as raw state.
 */
export class Session {
  readonly engine = new EngineClient();
  view = $state<View>('timeline');
  zone = $state<Zone>('utc');
  stackBy = $state<StackBy>('activity');
  filter = $state.raw<EventFilter>({});
  /** Earlier filters, for "zoom out". */
  zoomHistory = $state.raw<EventFilter[]>([]);
  /** Shown in the top bar; the file name once the case was opened or saved. */
  caseName = $state('Untitled case');
  caseState = $state<CaseState>('empty');
  /** Bumped whenever the case's content changes, so that every view queries again. */
  revision = $state(0);
  overview = $state.raw<Overview | null>(null);
  loading = $state(false);
  importRun = $state.raw<ImportRun | null>(null);
  lastImport = $state.raw<ImportResult | null>(null);
  selectedId = $state<number | null>(null);
  error = $state<string | null>(null);
  #importHandle: ImportHandle | null = null;
  /** The case file's name (without suffix) once opened or saved: the next save suggests it again. */
  #fileName: string | null = null;
  #overviewSeq = 0;

  get hasEvents(): boolean {
    return (this.overview?.total ?? 0) > 0;
  }

  /** Queries the chart and counts for the current filter; a late answer for an older filter is dropped. */
  async refreshOverview(): Promise<void> {
    const seq = ++this.#overviewSeq;
    this.loading = true;
    try {
      const overview = await this.engine.call('overview', { filter: this.filter, stackBy: this.stackBy });
      if (seq === this.#overviewSeq) this.overview = overview;
    } catch (err) {
      if (seq === this.#overviewSeq) this.fail(err);
    } finally {
      if (seq === this.#overviewSeq) this.loading = false;
    }
  }

  async importFiles(files: FileToImport[]): Promise<void> {
    if (files.length === 0) return;
    if (this.importRun) {
      this.error = 'An import is already running: wait for it or cancel it first.';
      return;
    }
    this.error = null;
    this.view = 'import';
    this.lastImport = null;
    this.importRun = { progress: null, cancelling: false };
    this.#importHandle = this.engine.importFiles(files, (progress) => {
      if (this.importRun) this.importRun = { ...this.importRun, progress };
    });
    try {
      this.lastImport = await this.#importHandle.done;
      this.caseState = 'unsaved';
    } catch (err) {
      this.fail(err);
    } finally {
      this.#importHandle = null;
      this.importRun = null;
      this.revision++;
    }
  }

  cancelImport(): void {
    if (!this.importRun || !this.#importHandle) return;
    this.importRun = { ...this.importRun, cancelling: true };
    this.#importHandle.cancel();
  }

  /** Imports the bundled sample into a fresh case. */
  async openSample(): Promise<void> {
    if (!this.#mayDiscard()) return;
    try {
      const files = await fetchSampleFiles();
      await this.engine.call('newCase', {});
      this.#resetView('Sample data', null);
      await this.importFiles(files);
    } catch (err) {
      this.fail(err);
    }
  }

  async openCase(file: File): Promise<void> {
    if (!this.#mayDiscard()) return;
    this.error = null;
    try {
      const bytes = await file.arrayBuffer();
      await this.engine.call('openCase', { bytes }, [bytes]);
      this.#resetView(caseNameFromPath(file.name), caseNameFromPath(file.name));
      this.caseState = 'saved';
      this.lastImport = null;
      this.view = 'timeline';
      this.revision++;
    } catch (err) {
      this.fail(err);
    }
  }

  async saveCase(): Promise<void> {
    if (this.caseState === 'saving' || this.importRun) return;
    const before = this.caseState;
    this.caseState = 'saving';
    try {
      const { bytes } = await this.engine.call('exportCase', {});
      const saved = await saveCaseBytes(bytes, suggestedCaseFileName(this.#fileName));
      if (saved === null) {
        this.caseState = before;
        return;
      }
      this.#fileName = this.caseName = caseNameFromPath(saved);
      this.caseState = 'saved';
    } catch (err) {
      this.caseState = before;
      this.fail(err);
    }
  }

  zoomTo(from: number, to: number): void {
    if (to <= from) return;
    this.zoomHistory = [...this.zoomHistory, this.filter];
    this.filter = { ...this.filter, from, to };
  }

  zoomOut(): void {
    const previous = this.zoomHistory.at(-1);
    if (!previous) return;
    this.zoomHistory = this.zoomHistory.slice(0, -1);
    this.filter = previous;
  }

  resetZoom(): void {
    this.zoomHistory = [];
    this.filter = {};
  }

  toggleZone(): void {
    this.zone = this.zone === 'utc' ? 'local' : 'utc';
  }

  fail(err: unknown): void {
    this.error = err instanceof Error ? err.message : String(err);
  }

  #resetView(caseName: string, fileName: string | null): void {
    this.caseName = caseName;
    this.#fileName = fileName;
    this.caseState = 'empty';
    this.filter = {};
    this.zoomHistory = [];
    this.selectedId = null;
  }

  /** Replacing a case with unsaved imports asks first: evidence work is easy to lose. */
  #mayDiscard(): boolean {
    if (this.importRun) {
      this.error = 'An import is running: wait for it or cancel it first.';
      return false;
    }
    if (this.caseState !== 'unsaved') return true;
    return window.confirm('The current case has unsaved imports. Discard them?');
  }
}
