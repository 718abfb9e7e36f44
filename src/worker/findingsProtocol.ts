/**
 * The worker calls of issue 5 (findings, exports, the case's UI state), merged into EngineCalls in
 * ./protocol.ts. Kept apart so that the views and the findings grow without editing one list.
 */
import type { EvidenceRow } from '../core/findings/evidence';
import type { FindingsCsvImport } from '../core/findings/findingsCsvImport';
import type { Finding, FindingChanges, FindingMark } from '../core/findings/findingsStore';
import type { Severity } from '../core/findings/severity';
import type { EventFilter } from '../core/query/filter';

/** How an export is written: plain CSV, CSV with a BOM for Excel, or Timesketch JSON lines. */
export type ExportFormat = 'csv' | 'csv-excel' | 'timesketch';

/** A finding with the line of evidence of each of its events. */
export interface FindingWithEvidence {
  finding: Finding;
  evidence: EvidenceRow[];
}

/** One piece of a streamed export, posted as `{ type: 'chunk' }` under the export's id. */
export interface ExportChunk {
  text: string;
  /** Events written so far, and how many the export holds. */
  rows: number;
  total: number;
}

export interface FindingsCalls {
  markFinding: { args: { eventIds: number[]; severity: Severity; tags: string[]; note: string; analyst: string | null }; result: { id: number } };
  updateFinding: { args: { findingId: number; changes: FindingChanges; analyst: string | null }; result: { ok: true } };
  deleteFinding: { args: { findingId: number; analyst: string | null }; result: { ok: true } };
  toggleStar: { args: { eventId: number; analyst: string | null }; result: { starred: boolean } };
  /** Every finding in time order with its evidence, and the tags in use (for suggestions and filters). */
  findings: { args: Record<string, never>; result: { findings: FindingWithEvidence[]; tags: string[] } };
  findingMarks: { args: { eventIds: number[] }; result: { marks: FindingMark[] } };
  /** Ids of the events under a filter, in table order, when there are at most `limit` (else null): a selection to mark. */
  filteredEventIds: { args: { filter: EventFilter; limit: number }; result: { ids: number[] | null; total: number } };
  exportFindings: { args: { format: ExportFormat }; result: { text: string; findings: number } };
  exportActivity: { args: { bom: boolean }; result: { text: string } };
  /** Streams `chunk` messages, then answers with the count. */
  exportEvents: { args: { filter: EventFilter; format: ExportFormat }; result: { rows: number } };
  importFindingsCsv: { args: { text: string; fileName: string; analyst: string | null }; result: FindingsCsvImport };
  /** The last view, kept in the case (case_settings) so that reopening it lands where the analyst left off. */
  getUiState: { args: Record<string, never>; result: { state: unknown } };
  setUiState: { args: { state: unknown }; result: { ok: true } };
  /** The case's size as a file and the problem with it, if any (too large to save). */
  caseSize: { args: Record<string, never>; result: { bytes: number; problem: string | null } };
}
