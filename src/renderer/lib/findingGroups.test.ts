import { describe, expect, it } from 'vitest';
import type { FindingWithEvidence } from '../../worker/findingsProtocol';
import { exportFileName } from './download';
import { gapLabel, groupFindings } from './findingGroups';

const item = (id: number, tags: string[]): FindingWithEvidence => ({
  finding: { id, createdAt: 0, updatedAt: 0, severity: 'high', tags, note: '', analyst: null, starred: false, eventIds: [id], firstTs: id, lastTs: id },
  evidence: [],
});

describe('groupFindings', () => {
  const findings = [item(1, ['initial access']), item(2, ['Persistence', 'custom']), item(3, []), item(4, ['custom'])];

  it('keeps one group in time order', () => {
    expect(groupFindings(findings, 'time')).toEqual([{ key: 'time', title: null, items: findings }]);
  });

  it('groups by tag, a finding in each of its tags, untagged last', () => {
    expect(groupFindings(findings, 'tag').map((g) => [g.key, g.items.map((i) => i.finding.id)])).toEqual([
      ['custom', [2, 4]], ['initial access', [1]], ['Persistence', [2]], ['Untagged', [3]],
    ]);
  });

  it('groups by ATT&CK phase in kill-chain order, whatever the case of the tag', () => {
    expect(groupFindings(findings, 'phase').map((g) => [g.key, g.items.map((i) => i.finding.id)])).toEqual([
      ['initial access', [1]], ['persistence', [2]], ['Other tags', [4]], ['Untagged', [3]],
    ]);
  });
});

describe('gapLabel', () => {
  it('says the gap as a reader would', () => {
    expect(gapLabel(0, 500)).toBe('at the same second');
    expect(gapLabel(0, 42_000)).toBe('42 s later');
    expect(gapLabel(0, 4 * 60_000 + 10_000)).toBe('4 min later');
    expect(gapLabel(0, 3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min later');
    expect(gapLabel(0, 50 * 3_600_000)).toBe('2 days 2 h later');
  });
});

describe('exportFileName', () => {
  it('names what, which case and when, with no path characters', () => {
    expect(exportFileName('findings', 'incident 42/../x', 'csv', new Date(2026, 10, 21, 12, 57))).toBe('findings-incident-42_.._x-20261121-1257.csv');
  });
});
