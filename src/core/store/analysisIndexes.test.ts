import { describe, expect, it } from 'vitest';
import { importFiles } from '../ingest/importFiles';
import { inputFromBytes } from '../ingest/input';
import { ACTOR_SUMMARY, summariesFresh, summarySource } from '../query/summaries';
import { usersList } from '../query/users';
import { portablePlatform } from '../platform/portable';
import { encode, loadSqlJs } from '../testing/helpers';
import { investigationCase } from '../testing/investigationCase';
import { ensureAnalysisIndexes, nextAnalysisStep, textIndexReady } from './analysisIndexes';
import { CaseStore } from './caseStore';

describe('analysis indexes', () => {
  it('come in small steps, indexes first, until nothing is left; a later import makes the summaries stale', async () => {
    const { store } = await investigationCase();
    const labels: string[] = [];
    for (let step = nextAnalysisStep(store.db); step; step = nextAnalysisStep(store.db)) {
      labels.push(step.label);
      step.run();
    }
    expect(labels.slice(0, 7)).toEqual(['index user', 'index src_ip', 'index src_ips', 'index namespace', 'index resource', 'index source', 'index facts']);
    expect(labels.slice(7, 11)).toEqual(['summary actor', 'summary activity', 'summary hour', 'summary fact']);
    expect(labels.slice(11).every((l) => l.startsWith('text index'))).toBe(true);
    expect(summariesFresh(store.db) && textIndexReady(store.db)).toBe(true);

    const before = usersList(store.db, {});
    const line = '2026-11-21T01:00:00.000000+00:00 wk-2 sshd[7]: Accepted password for mallory from 192.0.2.1 port 2222 ssh2\n';
    await importFiles(store, [inputFromBytes('prod-eu-1/nodes/wk-2/auth.log', encode(line))]);
    // Stale: the views answer from the events (live) until the summaries are rebuilt, and agree.
    expect(summarySource(store.db, ACTOR_SUMMARY, {}).stored).toBe(false);
    expect(nextAnalysisStep(store.db)?.label).toBe('summary actor');
    const live = usersList(store.db, {});
    expect(live.length).toBe(before.length + 1);
    ensureAnalysisIndexes(store.db);
    expect(summarySource(store.db, ACTOR_SUMMARY, {}).stored).toBe(true);
    expect(usersList(store.db, {})).toEqual(live);
  });

  it('survive saving and reopening the case', async () => {
    const { store } = await investigationCase();
    ensureAnalysisIndexes(store.db);
    const bytes = store.export();
    const reopened = CaseStore.open(await loadSqlJs(), portablePlatform, bytes);
    expect(nextAnalysisStep(reopened.db)).toBeNull();
    expect(summarySource(reopened.db, ACTOR_SUMMARY, {}).stored).toBe(true);
  });
});
