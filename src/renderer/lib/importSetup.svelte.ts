import type { CsvMapping } from '../../core/formats/csvMapped';
import type { FileSummary } from '../../core/model';
import type { PathAttribution } from '../../worker/csvMappingProtocol';
import type { FileToImport, ImportSettings } from '../../worker/protocol';
import { noReviewZones, reviewProblems, settingsFromReview, type ReviewRow, type ReviewZones } from './importSettings';
import type { Session } from './session.svelte';

const REVIEW_KEY = 'trailhound.reviewBeforeImport';

/** The skip reason of a file no format recognized (logFileReader); only those may be mapped by hand. */
const UNRECOGNIZED = /^no known log format recognized/;

function readReviewPreference(): boolean {
  try {
    return localStorage.getItem(REVIEW_KEY) === 'true';
  } catch {
    return false;
  }
}

/** Files chosen and waiting for the analyst's settings before the import starts. */
export class ImportReview {
  readonly files: FileToImport[];
  /** What each path gives, so that only a changed cluster or node is sent. */
  readonly derived: Readonly<Record<string, PathAttribution>>;
  rows = $state<ReviewRow[]>([]);
  /** Clock offset in seconds per node (host), as typed. */
  nodeClock = $state<Record<string, string>>({});
  /** Zones of timestamps written without one, for the import and per source; a file's own zone wins. */
  zones = $state<ReviewZones>(noReviewZones());

  constructor(files: FileToImport[], attributions: PathAttribution[]) {
    this.files = files;
    this.derived = Object.fromEntries(files.map((f, i) => [f.path, attributions[i] ?? { cluster: null, node: null }]));
    this.rows = files.map((f, i) => ({
      path: f.path,
      cluster: attributions[i]?.cluster ?? '',
      node: attributions[i]?.node ?? '',
      offsetMinutes: null,
      year: '',
      clockSeconds: '',
    }));
  }

  /** Nodes that may get a clock offset: those of the files, and any the analyst added (syslog names hosts per line). */
  get nodes(): string[] {
    const named = this.rows.map((r) => r.node.trim()).filter((n) => n !== '');
    return [...named, ...Object.keys(this.nodeClock)].filter((n, i, all) => all.indexOf(n) === i).sort();
  }

  get problems(): string[] {
    return reviewProblems(this.rows, this.nodeClock);
  }

  settings(): ImportSettings {
    // Plain copies: a $state proxy cannot cross to the worker.
    return settingsFromReview($state.snapshot(this.rows), this.derived, $state.snapshot(this.nodeClock), $state.snapshot(this.zones));
  }
}

/** A skipped CSV or TSV being mapped: its file, header cells and first data row. */
export interface MappingDraft {
  file: FileToImport;
  header: string[];
  sample: string[];
}

interface CsvHead {
  header: string[];
  sample: string[];
}

/**
 * What happens between choosing files and reading them (the review table), and after an import
 * (the column mapping of a CSV or TSV no format recognized), for the import area and the dialog.
 */
export class ImportSetup {
  readonly #session: Session;
  #reviewBeforeImport = $state(readReviewPreference());
  review = $state.raw<ImportReview | null>(null);
  /** Header and first row of the last import's skipped files that read as CSV or TSV, by path: each can be mapped. */
  csvHeaders = $state.raw<Readonly<Record<string, CsvHead>>>({});
  mapping = $state.raw<MappingDraft | null>(null);
  savedMappings = $state.raw<CsvMapping[]>([]);
  /** The File objects of the last import, so that a file can be read again once it is mapped. */
  #lastFiles: FileToImport[] = [];
  #importSeq = 0;

  constructor(session: Session) {
    this.#session = session;
  }

  /** Off by default: the quick path starts the import at once. Remembered in this browser profile. */
  get reviewBeforeImport(): boolean {
    return this.#reviewBeforeImport;
  }

  set reviewBeforeImport(on: boolean) {
    this.#reviewBeforeImport = on;
    try {
      localStorage.setItem(REVIEW_KEY, String(on));
    } catch {
      // A storage that refuses (private mode, quota) only loses the preference.
    }
  }

  /** Files picked or dropped: imported at once, or shown for review first. */
  async choose(files: FileToImport[]): Promise<void> {
    if (files.length === 0) return;
    if (!this.reviewBeforeImport) return this.#session.importFiles(files);
    try {
      // In path order, as a drop is: a folder picker lists files in no useful order.
      const sorted = [...files].sort((a, b) => a.path.localeCompare(b.path));
      const { attributions } = await this.#session.engine.call('attributions', { paths: sorted.map((f) => f.path) });
      this.review = new ImportReview(sorted, attributions);
      this.#session.view = 'import';
    } catch (err) {
      this.#session.fail(err);
    }
  }

  async importReviewed(): Promise<void> {
    const review = this.review;
    if (!review || review.problems.length > 0) return;
    const settings = review.settings();
    this.review = null;
    await this.#session.importFiles(review.files, settings);
  }

  /** Another case: nothing of the last one's files or mappings carries over. */
  reset(): void {
    this.#importSeq++;
    this.review = null;
    this.mapping = null;
    this.csvHeaders = {};
    this.savedMappings = [];
    this.#lastFiles = [];
  }

  cancelReview(): void {
    this.review = null;
  }

  /**
   * After an import: finds the skipped files that look like a CSV or TSV the analyst could map. Not
   * awaited by the import (the worker answers after a step of background indexing); a later import
   * or another case makes an answer that arrives late obsolete.
   */
  async importDone(files: FileToImport[], summary: readonly FileSummary[]): Promise<void> {
    const seq = ++this.#importSeq;
    this.#lastFiles = files;
    this.csvHeaders = {};
    const headers: Record<string, CsvHead> = {};
    try {
      for (const row of summary) {
        const file = files.find((f) => f.path === row.path);
        if (!file || row.status !== 'skipped' || !UNRECOGNIZED.test(row.reason ?? '')) continue;
        const { header, sample } = await this.#session.engine.call('csvHeader', { file: file.file });
        if (header) headers[row.path] = { header, sample };
      }
    } catch (err) {
      if (seq === this.#importSeq) this.#session.fail(err);
      return;
    }
    if (seq === this.#importSeq) this.csvHeaders = headers;
  }

  openMapping(path: string): void {
    const file = this.#lastFiles.find((f) => f.path === path);
    const head = Object.hasOwn(this.csvHeaders, path) ? this.csvHeaders[path] : undefined;
    if (!file || !head) return;
    this.mapping = { file, ...head };
    // The dialog says when a name would replace a saved mapping.
    void this.loadSavedMappings();
  }

  closeMapping(): void {
    this.mapping = null;
  }

  async loadSavedMappings(): Promise<void> {
    try {
      this.savedMappings = (await this.#session.engine.call('csvMappings', {})).mappings;
    } catch (err) {
      this.#session.fail(err);
    }
  }

  /** Saves the mapping into the case, then reads the file again: this time the mapping claims it. */
  async saveMappingAndImport(mapping: CsvMapping): Promise<void> {
    const draft = this.mapping;
    if (!draft) return;
    this.savedMappings = (await this.#session.engine.call('saveCsvMapping', { mapping })).mappings;
    this.mapping = null;
    this.#session.caseChanged();
    await this.#session.importFiles([draft.file]);
  }
}
