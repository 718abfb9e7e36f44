import { describe, expect, it } from 'vitest';
import { caseWithEvents, seconds, T0 } from '../testing/findingsFixture';
import { countEvents } from '../query/timeline';
import { listActivity } from './activityLog';
import { deleteFinding, FindingError, findingMarks, getFinding, listFindings, markFinding, tagsInUse, toggleStar, updateFinding } from './findingsStore';
import { normalizeTags } from './severity';

describe('findings store', () => {
  it('marks events as a finding and lists findings in the time order of their first event', async () => {
    const store = await caseWithEvents(seconds(10));
    const late = markFinding(store.db, { eventIds: [9, 8], severity: 'high', tags: ['persistence'], note: 'later', analyst: 'Dana' }, 1000);
    const early = markFinding(store.db, { eventIds: [2], severity: 'critical', tags: ['initial access'], analyst: 'Dana' }, 2000);
    const findings = listFindings(store.db);
    expect(findings.map((f) => f.id)).toEqual([early, late]);
    expect(findings[1]).toMatchObject({ severity: 'high', tags: ['persistence'], note: 'later', analyst: 'Dana', starred: false, eventIds: [8, 9], firstTs: T0 + 7000, lastTs: T0 + 8000, createdAt: 1000 });
  });

  it('refuses an unknown severity, unknown events and too many events', async () => {
    const store = await caseWithEvents(seconds(3));
    expect(() => markFinding(store.db, { eventIds: [1], severity: 'urgent' as never })).toThrow(FindingError);
    expect(() => markFinding(store.db, { eventIds: [99] })).toThrow(/none of these events/);
    expect(() => markFinding(store.db, { eventIds: Array.from({ length: 10_001 }, (_, i) => i) })).toThrow(/at most 10000/);
    expect(listFindings(store.db)).toEqual([]);
  });

  it('updates severity, tags and note, logging what changed and who changed it', async () => {
    const store = await caseWithEvents(seconds(3));
    const id = markFinding(store.db, { eventIds: [1], severity: 'low', analyst: 'Dana' }, 1000);
    updateFinding(store.db, id, { severity: 'medium', note: 'kubectl exec into the pod', tags: ['execution', ' execution ', 'a;b'] }, 'Eli', 2000);
    expect(getFinding(store.db, id)).toMatchObject({ severity: 'medium', note: 'kubectl exec into the pod', tags: ['execution', 'a b'], analyst: 'Dana', updatedAt: 2000 });
    updateFinding(store.db, id, { severity: 'medium' }, 'Eli', 3000);
    const log = listActivity(store.db);
    expect(log.map((e) => [e.action, e.actor])).toEqual([['finding.mark', 'Dana'], ['finding.update', 'Eli']]);
    expect(log[1].details).toMatchObject({ finding_id: id, changes: { severity: { from: 'low', to: 'medium' } } });
    expect(log[1].appVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('stars an event without a note and takes the star off again', async () => {
    const store = await caseWithEvents(seconds(3));
    expect(toggleStar(store.db, 2, 'Dana')).toBe(true);
    expect(listFindings(store.db)).toMatchObject([{ starred: true, severity: 'info', note: '', eventIds: [2] }]);
    expect(toggleStar(store.db, 2, 'Dana')).toBe(false);
    expect(listFindings(store.db)).toEqual([]);
    // A star on a finding with a note only clears the star.
    const id = markFinding(store.db, { eventIds: [3], severity: 'high', note: 'keep me', starred: true });
    expect(toggleStar(store.db, 3, 'Dana')).toBe(false);
    expect(getFinding(store.db, id)).toMatchObject({ starred: false, note: 'keep me' });
  });

  it('deletes a finding but never its events, and logs what it was', async () => {
    const store = await caseWithEvents(seconds(3));
    const id = markFinding(store.db, { eventIds: [1, 2], severity: 'high', note: 'gone' });
    deleteFinding(store.db, id, 'Dana');
    expect(listFindings(store.db)).toEqual([]);
    expect(countEvents(store.db)).toBe(3);
    expect(listActivity(store.db).at(-1)).toMatchObject({ action: 'finding.delete', actor: 'Dana', details: { finding_id: id, note: 'gone', events: 2 } });
  });

  it('gives each event its highest severity for the table and filters on findings, tags and severity', async () => {
    const store = await caseWithEvents(seconds(5));
    markFinding(store.db, { eventIds: [1, 2], severity: 'low', tags: ['discovery'] });
    markFinding(store.db, { eventIds: [2], severity: 'critical', tags: ['impact'] });
    expect(findingMarks(store.db, [1, 2, 3])).toEqual([
      { eventId: 1, severity: 'low', starred: false, findingIds: [1] },
      { eventId: 2, severity: 'critical', starred: false, findingIds: expect.arrayContaining([1, 2]) },
    ]);
    expect(countEvents(store.db, { findings: {} })).toBe(2);
    expect(countEvents(store.db, { findings: { tags: ['impact'] } })).toBe(1);
    expect(countEvents(store.db, { findings: { severities: ['low'] } })).toBe(2);
    expect(countEvents(store.db, { findings: { severities: ['medium'] } })).toBe(0);
    expect(tagsInUse(store.db)).toEqual([{ tag: 'discovery', findings: 1 }, { tag: 'impact', findings: 1 }]);
  });

  it('survives saving and reopening the case', async () => {
    const store = await caseWithEvents(seconds(3));
    markFinding(store.db, { eventIds: [3], severity: 'medium', tags: ['lateral movement'], note: 'pivot 🦊' });
    const { CaseStore } = await import('../store/caseStore');
    const { loadSqlJs } = await import('../testing/helpers');
    const reopened = CaseStore.open(await loadSqlJs(), store.platform, store.export());
    expect(listFindings(reopened.db)).toMatchObject([{ severity: 'medium', tags: ['lateral movement'], note: 'pivot 🦊', eventIds: [3] }]);
  });
});

describe('normalizeTags', () => {
  it('trims, drops separators, control characters, empties and repeats', () => {
    expect(normalizeTags([' a ', 'a', '', 'b;c', 'x\u0000y', 'tab\there'])).toEqual(['a', 'b c', 'x y', 'tab here']);
  });
});
