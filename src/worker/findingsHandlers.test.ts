import { describe, expect, it } from 'vitest';
import type { EventFilter } from '../core/query/filter';
import { queryRows } from '../core/query/sqlRows';
import { caseWithEvents, seconds } from '../core/testing/findingsFixture';
import { analysedInvestigationCase, PLAIN_HAS_IP } from '../core/testing/investigationCase';
import type { CaseStore } from '../core/store/caseStore';
import { findingsHandlers } from './findingsHandlers';
import type { ExportChunk } from './findingsProtocol';

/** A request of a call without arguments, as the worker receives it (`Record<string, never>` admits no literal). */
const bare = (id: number) => ({ id }) as { id: number } & Record<string, never>;

function host(store: CaseStore, chunks: ExportChunk[] = []) {
  return findingsHandlers({ store: () => store, postChunk: (_id, chunk) => chunks.push(chunk), breathe: async () => undefined });
}

describe('findings handlers (worker)', () => {
  it('marks, lists with evidence, and exports the findings', async () => {
    const store = await caseWithEvents(seconds(4));
    const h = host(store);
    const { id } = h.markFinding({ id: 1, eventIds: [2, 3], severity: 'high', tags: ['impact'], note: 'n', analyst: 'Dana' }) as { id: number };
    const { findings, tags } = (await h.findings(bare(2))) as Awaited<ReturnType<typeof h.findings>>;
    expect(findings).toHaveLength(1);
    expect(findings[0].finding.id).toBe(id);
    expect(findings[0].evidence.map((r) => r.event_id)).toEqual([2, 3]);
    expect(tags).toEqual(['impact']);
    const csv = (await h.exportFindings({ id: 3, format: 'csv-excel' })) as { text: string; findings: number };
    expect(csv.findings).toBe(1);
    expect(csv.text.startsWith('\uFEFFfinding_id,')).toBe(true);
  });

  it('streams a filtered export in chunks that add up to every event', async () => {
    const store = await caseWithEvents(seconds(12_000).slice(0, 12_000));
    const chunks: ExportChunk[] = [];
    const result = await host(store, chunks).exportEvents({ id: 9, filter: {}, format: 'csv' });
    expect(result).toEqual({ rows: 12_000 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.at(-1)).toMatchObject({ rows: 12_000, total: 12_000 });
    expect(chunks.map((c) => c.text).join('').trimEnd().split('\r\n')).toHaveLength(12_001);
  });

  it('gives the ids of a small filtered selection, and none for a large one', async () => {
    const store = await caseWithEvents(seconds(5));
    const h = host(store);
    expect(await h.filteredEventIds({ id: 1, filter: {}, limit: 10 })).toEqual({ ids: [1, 2, 3, 4, 5], total: 5 });
    expect(await h.filteredEventIds({ id: 1, filter: {}, limit: 4 })).toEqual({ ids: null, total: 5 });
  });

  it('selects the events plain SQL over the events view selects, busy values included and excluded', async () => {
    const { store } = await analysedInvestigationCase();
    const h = host(store);
    const cases: [EventFilter, string, string[]][] = [
      [{ include: { src_ip: ['10.0.1.12'], source: ['kube-audit'] } }, `${PLAIN_HAS_IP} AND source = 'kube-audit'`, ['10.0.1.12', '10.0.1.12']],
      [{ include: { source: ['kube-audit'], user: ['carol@example.com'] } }, "source = 'kube-audit' AND user = ?", ['carol@example.com']],
      [{ include: { source: ['kube-audit'] }, exclude: { src_ip: ['10.0.1.12'] } }, `source = 'kube-audit' AND NOT ${PLAIN_HAS_IP}`, ['10.0.1.12', '10.0.1.12']],
    ];
    for (const [filter, where, params] of cases) {
      const ids = queryRows(store.db, `SELECT id FROM events WHERE ${where} ORDER BY ts, file_id, line`, params).rows.map((r) => Number(r[0]));
      expect(await h.filteredEventIds({ id: 1, filter, limit: 5000 })).toEqual({ ids, total: ids.length });
      expect(await h.filteredEventIds({ id: 1, filter, limit: 10 })).toEqual({ ids: null, total: ids.length });
    }
  });

  it('keeps the last view in the case', async () => {
    const store = await caseWithEvents(seconds(1));
    const h = host(store);
    expect(await h.getUiState(bare(1))).toEqual({ state: null });
    h.setUiState({ id: 2, state: { view: 'findings', filter: { from: 5 } } });
    h.setUiState({ id: 3, state: { view: 'timeline', filter: {} } });
    expect(await h.getUiState(bare(4))).toEqual({ state: { view: 'timeline', filter: {} } });
    expect((await h.caseSize(bare(5))).problem).toBeNull();
  });
});
