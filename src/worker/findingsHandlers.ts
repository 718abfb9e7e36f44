/**
 * The worker's answers to the findings calls (./findingsProtocol.ts): annotations, exports and the
 * case's UI state, over the core. Every change runs in the worker, next to the case it changes.
 */
import { activityCsv, findingsCsv } from '../core/findings/findingsCsv';
import { importFindingsCsv } from '../core/findings/findingsCsvImport';
import { evidenceRows, type EvidenceRow } from '../core/findings/evidence';
import { deleteFinding, findingMarks, listFindings, markFinding, tagsInUse, toggleStar, updateFinding } from '../core/findings/findingsStore';
import { eventsCsvChunks, type CsvChunk } from '../core/export/eventsCsv';
import { timesketchEventChunks, timesketchFindings } from '../core/export/timesketch';
import { eventRowsCondition } from '../core/query/scanHints';
import { queryNumber, queryRows } from '../core/query/sqlRows';
import { caseSizeBytes, caseSizeProblem } from '../core/store/caseLimits';
import type { CaseStore } from '../core/store/caseStore';
import type { ExportChunk, FindingsCalls } from './findingsProtocol';

const UI_STATE_KEY = 'ui.last_view';

type Handlers = { [K in keyof FindingsCalls]: (req: { id: number } & FindingsCalls[K]['args']) => Promise<FindingsCalls[K]['result']> | FindingsCalls[K]['result'] };

/** What the handlers need from the worker: the open case, a way to post chunks, a pause to let messages in. */
export interface FindingsHost {
  store(): CaseStore;
  postChunk(id: number, chunk: ExportChunk): void;
  breathe(): Promise<void>;
}

export function findingsHandlers(host: FindingsHost): Handlers {
  const db = () => host.store().db;
  return {
    markFinding: ({ eventIds, severity, tags, note, analyst }) => ({ id: markFinding(db(), { eventIds, severity, tags, note, analyst }) }),
    updateFinding: ({ findingId, changes, analyst }) => (updateFinding(db(), findingId, changes, analyst), { ok: true }),
    deleteFinding: ({ findingId, analyst }) => (deleteFinding(db(), findingId, analyst), { ok: true }),
    toggleStar: ({ eventId, analyst }) => ({ starred: toggleStar(db(), eventId, analyst) }),

    findings() {
      const byFinding = new Map<number, EvidenceRow[]>();
      for (const row of evidenceRows(db())) {
        const list = byFinding.get(row.finding_id) ?? [];
        list.push(row);
        byFinding.set(row.finding_id, list);
      }
      const findings = listFindings(db()).map((finding) => ({ finding, evidence: byFinding.get(finding.id) ?? [] }));
      return { findings, tags: tagsInUse(db()).map((t) => t.tag) };
    },

    findingMarks: ({ eventIds }) => ({ marks: findingMarks(db(), eventIds) }),

    filteredEventIds({ filter, limit }) {
      const cond = eventRowsCondition(db(), filter);
      const total = queryNumber(db(), `SELECT count(*) FROM event_rows e WHERE ${cond.where}`, cond.params);
      if (total > limit) return { ids: null, total };
      const { rows } = queryRows(db(), `SELECT e.id FROM event_rows e WHERE ${cond.where} ORDER BY e.ts, e.file_id, e.line`, cond.params);
      return { ids: rows.map((r) => Number(r[0])), total };
    },

    exportFindings({ format }) {
      const evidence = evidenceRows(db());
      const findings = new Set(evidence.map((r) => r.finding_id)).size;
      if (format === 'timesketch') return { text: timesketchFindings(db(), evidence), findings };
      return { text: findingsCsv(db(), { bom: format === 'csv-excel' }), findings };
    },

    exportActivity: ({ bom }) => ({ text: activityCsv(db(), { bom }) }),

    async exportEvents({ id, filter, format }) {
      const cond = eventRowsCondition(db(), filter);
      const total = queryNumber(db(), `SELECT count(*) FROM event_rows e WHERE ${cond.where}`, cond.params);
      const chunks: Iterable<CsvChunk> = format === 'timesketch' ? timesketchEventChunks(db(), cond) : eventsCsvChunks(db(), cond, { bom: format === 'csv-excel' });
      let rows = 0;
      for (const chunk of chunks) {
        rows = chunk.rows;
        host.postChunk(id, { ...chunk, total });
        await host.breathe();
      }
      return { rows };
    },

    importFindingsCsv: ({ text, fileName, analyst }) => importFindingsCsv(db(), text, analyst, fileName),

    getUiState() {
      const row = queryRows(db(), 'SELECT value FROM case_settings WHERE key = ?', [UI_STATE_KEY]).rows[0];
      return { state: row ? JSON.parse(String(row[0])) : null };
    },

    setUiState({ state }) {
      db().run('INSERT INTO case_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [UI_STATE_KEY, JSON.stringify(state ?? null)]);
      return { ok: true };
    },

    caseSize() {
      const bytes = caseSizeBytes(db());
      return { bytes, problem: caseSizeProblem(bytes) };
    },
  };
}
