import type { EventFilter } from '../../core/query/filter';
import type { StackBy } from '../../core/query/timeline';
import type { FileToImport, ImportProgress, ImportResult, ImportSettings, Overview } from '../../worker/protocol';
import { caseNameFromPath, saveCaseBytes, suggestedCaseFileName } from './caseFile';
import { EngineClient, type ImportHandle } from './engineClient';
import { Autosave } from './autosave';
import { FindingsModel } from './findings.svelte';
import { ImportSetup } from './importSetup.svelte';
import { InvestigationModel } from './investigation.svelte';
import { readUiState, type UiState } from './uiState';
import type { Zone } from './format';
import { fetchSampleFiles } from './sampleData';

export type View = 'timeline' | 'import' | 'files' | 'findings' | 'users' | 'ips' | 'clusters' | 'sql';
export type CaseState = 'empty' | 'unsaved' | 'saving' | 'saved';

/** Quiet time after the last change before the desktop app saves the case by itself. */
const AUTOSAVE_DELAY_MS = 2000;

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
  /** The analyst's findings in this case (issue 5). */
  readonly findings = new FindingsModel(this);
  /** Filter history, saved searches, entity pages, palette and table settings (issue 4). */
  readonly investigation = new InvestigationModel(this);
  /** The review before an import and the column mapping of an unknown CSV after it (issue 3). */
  readonly importSetup = new ImportSetup(this);
  /** Desktop only: the window has a case file to save to without asking (opened, or saved as once). */
  #hasCasePath = false;
  #saving = false;
  /** Counts changes, so that a save knows whether the case changed while it ran. */
  #changes = 0;
  readonly #autosave = new Autosave(AUTOSAVE_DELAY_MS, () => this.#autosaveNow());
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

  /** Reads files into the case at once; `settings` come from the import review. */
  async importFiles(files: FileToImport[], settings: ImportSettings = {}): Promise<void> {
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
    }, this.findings.analyst.trim() || null, settings);
    try {
      this.lastImport = await this.#importHandle.done;
      this.caseChanged();
      void this.importSetup.importDone(files, this.lastImport.files);
      // Said now rather than at the next save: the analyst can still split the evidence.
      const size = await this.engine.call('caseSize', {});
      if (size.problem) this.error = `This case can no longer be saved: ${size.problem}.`;
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
      await this.#restoreUiState();
      this.revision++;
      // The desktop app saves back to the file it opened (autosave); the browser cannot.
      const adopted = await window.trailhound?.caseOpened(file);
      this.#hasCasePath = adopted?.ok === true && adopted.value !== null;
    } catch (err) {
      this.fail(err);
    }
  }

  /** The case changed (an import, a finding): it is unsaved, and the desktop app saves it a little later. */
  caseChanged(): void {
    this.#changes++;
    this.caseState = 'unsaved';
    this.#autosave.schedule();
  }

  /** What reopening the case restores: the view, the filter, the selected event. */
  uiState(): UiState {
    return { view: this.view, filter: this.filter, selectedId: this.selectedId, stackBy: this.stackBy };
  }

  async #restoreUiState(): Promise<void> {
    const { state } = await this.engine.call('getUiState', {});
    const ui = readUiState(state);
    if (!ui) return;
    this.view = ui.view === 'import' ? 'timeline' : ui.view;
    this.filter = ui.filter;
    this.selectedId = ui.selectedId;
    this.stackBy = ui.stackBy;
  }

  async #autosaveNow(): Promise<void> {
    if (!this.#hasCasePath || this.caseState !== 'unsaved' || this.importRun) return;
    await this.saveCase();
  }

  /**
   * Saves the case: to its file when the desktop app has one (opened, or saved as before), else
   * through Save as (a download in the browser). `as` always asks where. A change made while the
   * save runs leaves the case unsaved (and scheduled for the next autosave).
   */
  async saveCase(options: { as?: boolean } = {}): Promise<void> {
    if (this.#saving || this.importRun) return;
    this.#saving = true;
    const before = this.caseState;
    const changesAtStart = this.#changes;
    this.caseState = 'saving';
    const done = (): void => {
      const changed = this.#changes !== changesAtStart;
      this.caseState = changed ? 'unsaved' : 'saved';
      if (changed) this.#autosave.schedule();
    };
    try {
      await this.engine.call('setUiState', { state: this.uiState() });
      const { bytes } = await this.engine.call('exportCase', {});
      const desktop = window.trailhound;
      if (desktop && this.#hasCasePath && !options.as) {
        const result = await desktop.saveCase(new Uint8Array(bytes));
        if (!result.ok) throw new Error(`The case could not be saved: ${result.error}`);
        if (result.value !== null) return done();
      }
      const saved = await saveCaseBytes(bytes, suggestedCaseFileName(this.#fileName));
      if (saved === null) {
        this.caseState = this.#changes !== changesAtStart ? 'unsaved' : before;
        return;
      }
      this.#fileName = this.caseName = caseNameFromPath(saved);
      this.#hasCasePath = desktop !== undefined;
      done();
    } catch (err) {
      this.caseState = this.#changes !== changesAtStart ? 'unsaved' : before;
      this.fail(err);
    } finally {
      this.#saving = false;
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
    this.#autosave.cancel();
    this.#hasCasePath = false;
    this.findings.draft = null;
    this.findings.lastImport = null;
    this.findings.picked = [];
    this.caseName = caseName;
    this.#fileName = fileName;
    this.caseState = 'empty';
    this.filter = {};
    this.zoomHistory = [];
    this.selectedId = null;
    this.investigation.reset();
    this.importSetup.reset();
  }

  /** Replacing a case with unsaved imports or findings asks first: evidence work is easy to lose. */
  #mayDiscard(): boolean {
    if (this.importRun) {
      this.error = 'An import is running: wait for it or cancel it first.';
      return false;
    }
    if (this.caseState !== 'unsaved') return true;
    return window.confirm('The current case has unsaved imports or findings. Discard them?');
  }
}
