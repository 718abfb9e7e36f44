import type { FindingsCsvImport } from '../../core/findings/findingsCsvImport';
import type { FindingChanges } from '../../core/findings/findingsStore';
import type { Severity } from '../../core/findings/severity';
import type { EventFilter } from '../../core/query/filter';
import type { ExportFormat, FindingWithEvidence } from '../../worker/findingsProtocol';
import { downloadParts, exportFileName } from './download';
import type { EngineClient } from './engineClient';

const ANALYST_KEY = 'trailhound.analyst';
/** A selection marked as one finding: larger ones are for `trailhound mark` or a narrower filter. */
export const MAX_SELECTION = 1000;

/** What the dialog edits: a new finding over some events, or an existing one. */
export interface FindingDraft {
  findingId: number | null;
  eventIds: number[];
  severity: Severity;
  tags: string[];
  note: string;
}

/** What the findings need from the session. */
export interface FindingsHost {
  readonly engine: EngineClient;
  readonly caseName: string;
  fail(err: unknown): void;
  /** The case changed: mark it unsaved and schedule the autosave. */
  caseChanged(): void;
}

/** A long export under way, for the progress line. */
export interface ExportRun {
  label: string;
  rows: number;
  total: number;
}

function readAnalyst(): string {
  try {
    return localStorage.getItem(ANALYST_KEY) ?? '';
  } catch {
    return '';
  }
}

const CSV_TYPE = 'text/csv;charset=utf-8';
const JSONL_TYPE = 'application/x-ndjson;charset=utf-8';

/**
 * The analyst's findings in the open case: the list for the Findings view, the dialog's draft,
 * the analyst's name (remembered on this machine), and the exports. Every change goes to the
 * worker, then `revision` is bumped so that the table's marks and the view query again.
 */
export class FindingsModel {
  readonly #host: FindingsHost;
  list = $state.raw<FindingWithEvidence[]>([]);
  tags = $state.raw<string[]>([]);
  loaded = $state(false);
  /** Bumped on every change to a finding. */
  revision = $state(0);
  draft = $state.raw<FindingDraft | null>(null);
  analyst = $state(readAnalyst());
  exportRun = $state.raw<ExportRun | null>(null);
  lastImport = $state.raw<FindingsCsvImport | null>(null);
  /** Events picked in the table (Ctrl/Cmd+click, or Space on the selected row), to mark as one finding. */
  picked = $state.raw<number[]>([]);
  #refreshSeq = 0;

  constructor(host: FindingsHost) {
    this.#host = host;
  }

  get #who(): string | null {
    return this.analyst.trim() || null;
  }

  setAnalyst(name: string): void {
    this.analyst = name;
    try {
      localStorage.setItem(ANALYST_KEY, name.trim());
    } catch {
      // Private windows may refuse storage: the name then lasts for this session only.
    }
  }

  async refresh(): Promise<void> {
    const seq = ++this.#refreshSeq;
    try {
      const { findings, tags } = await this.#host.engine.call('findings', {});
      if (seq !== this.#refreshSeq) return;
      this.list = findings;
      this.tags = tags;
      this.loaded = true;
    } catch (err) {
      this.#host.fail(err);
    }
  }

  openNew(eventIds: number[]): void {
    if (eventIds.length === 0) return;
    this.draft = { findingId: null, eventIds, severity: 'medium', tags: [], note: '' };
  }

  /** Opens the dialog on every event the filter shows, when there are few enough to be one finding. */
  async openNewForFilter(filter: EventFilter): Promise<void> {
    try {
      const { ids, total } = await this.#host.engine.call('filteredEventIds', { filter, limit: MAX_SELECTION });
      if (!ids) throw new Error(`The filter shows ${total.toLocaleString('en-US')} events; a finding cites at most ${MAX_SELECTION.toLocaleString('en-US')}. Narrow the filter first.`);
      this.openNew(ids);
    } catch (err) {
      this.#host.fail(err);
    }
  }

  togglePicked(eventId: number): void {
    this.picked = this.picked.includes(eventId) ? this.picked.filter((id) => id !== eventId) : [...this.picked, eventId];
  }

  /** Opens the dialog on the picked events; they are unpicked once marked. */
  openNewForPicked(): void {
    this.openNew([...this.picked]);
  }

  openEdit(item: FindingWithEvidence): void {
    const f = item.finding;
    this.draft = { findingId: f.id, eventIds: f.eventIds, severity: f.severity, tags: [...f.tags], note: f.note };
  }

  closeDraft(): void {
    this.draft = null;
  }

  async saveDraft(draft: FindingDraft): Promise<void> {
    const picked = draft.findingId === null && draft.eventIds.length === this.picked.length && draft.eventIds.every((id) => this.picked.includes(id));
    const saved = draft.findingId === null
      ? this.#change(() => this.#host.engine.call('markFinding', { eventIds: draft.eventIds, severity: draft.severity, tags: draft.tags, note: draft.note, analyst: this.#who }))
      : this.update(draft.findingId, { severity: draft.severity, tags: draft.tags, note: draft.note });
    if (await saved) {
      this.draft = null;
      if (picked) this.picked = [];
    }
  }

  update(findingId: number, changes: FindingChanges): Promise<boolean> {
    return this.#change(() => this.#host.engine.call('updateFinding', { findingId, changes, analyst: this.#who }));
  }

  remove(findingId: number): Promise<boolean> {
    return this.#change(() => this.#host.engine.call('deleteFinding', { findingId, analyst: this.#who }));
  }

  toggleStar(eventId: number): Promise<boolean> {
    return this.#change(() => this.#host.engine.call('toggleStar', { eventId, analyst: this.#who }));
  }

  async #change(work: () => Promise<unknown>): Promise<boolean> {
    try {
      await work();
    } catch (err) {
      this.#host.fail(err);
      return false;
    }
    this.revision++;
    this.#host.caseChanged();
    await this.refresh();
    return true;
  }

  async exportFindings(format: ExportFormat): Promise<void> {
    try {
      const { text } = await this.#host.engine.call('exportFindings', { format });
      const timesketch = format === 'timesketch';
      const name = exportFileName(timesketch ? 'findings-timesketch' : format === 'csv-excel' ? 'findings-excel' : 'findings', this.#host.caseName, timesketch ? 'jsonl' : 'csv');
      downloadParts([text], name, timesketch ? JSONL_TYPE : CSV_TYPE);
    } catch (err) {
      this.#host.fail(err);
    }
  }

  async exportActivity(): Promise<void> {
    try {
      const { text } = await this.#host.engine.call('exportActivity', { bom: false });
      downloadParts([text], exportFileName('activity-log', this.#host.caseName, 'csv'), CSV_TYPE);
    } catch (err) {
      this.#host.fail(err);
    }
  }

  /** The whole filtered result, streamed from the worker in chunks with progress, then one download. */
  async exportEvents(filter: EventFilter, format: ExportFormat): Promise<void> {
    if (this.exportRun) return;
    const parts: string[] = [];
    const label = format === 'timesketch' ? 'Timesketch' : 'CSV';
    this.exportRun = { label, rows: 0, total: 0 };
    try {
      await this.#host.engine.stream('exportEvents', { filter, format }, (chunk) => {
        parts.push(chunk.text);
        this.exportRun = { label, rows: chunk.rows, total: chunk.total };
      });
      const timesketch = format === 'timesketch';
      downloadParts(parts, exportFileName(timesketch ? 'events-timesketch' : 'events', this.#host.caseName, timesketch ? 'jsonl' : 'csv'), timesketch ? JSONL_TYPE : CSV_TYPE);
    } catch (err) {
      this.#host.fail(err);
    } finally {
      this.exportRun = null;
    }
  }

  async importCsv(file: File): Promise<void> {
    try {
      const text = await file.text();
      const result = await this.#host.engine.call('importFindingsCsv', { text, fileName: file.name, analyst: this.#who });
      this.lastImport = result;
      if (result.added > 0) {
        this.revision++;
        this.#host.caseChanged();
      }
      await this.refresh();
    } catch (err) {
      this.#host.fail(err);
    }
  }
}
