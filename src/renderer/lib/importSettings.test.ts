import { describe, expect, it } from 'vitest';
import { noReviewZones, parseSeconds, reviewProblems, settingsFromReview, ZONE_OFFSETS, zoneLabel, type ReviewRow } from './importSettings';

const row = (path: string, changes: Partial<ReviewRow> = {}): ReviewRow => ({
  path, cluster: '', node: '', offsetMinutes: null, year: '', clockSeconds: '', ...changes,
});

describe('import review settings', () => {
  const derived = { 'prod-eu-1/nodes/wk-1/auth.log': { cluster: 'prod-eu-1', node: 'wk-1' } };

  it('sends nothing for a file left as its path gives it, its zone to its source, with no offset', () => {
    const rows = [row('prod-eu-1/nodes/wk-1/auth.log', { cluster: 'prod-eu-1', node: 'wk-1' })];
    expect(settingsFromReview(rows, derived, {})).toEqual({});
  });

  it('sends what the analyst changed: cluster, zone, year, and clock offsets per file and per node in ms', () => {
    const rows = [row('x.log', { cluster: ' dr-site ', offsetMinutes: 120, year: '2025', clockSeconds: '+90' })];
    expect(settingsFromReview(rows, derived, { 'wk-1': '-3.5', 'wk-2': '' })).toEqual({
      files: { 'x.log': { cluster: 'dr-site', defaultOffsetMinutes: 120, year: 2025 } },
      clockOffsetMs: { files: { 'x.log': 90_000 }, nodes: { 'wk-1': -3500 } },
    });
  });

  it("sends the import's zone unless UTC, a source's zone when chosen, and a file's own zone even when UTC", () => {
    const zones = noReviewZones();
    expect(settingsFromReview([], derived, {}, zones)).toEqual({});
    zones.importMinutes = 120;
    zones.bySource.authlog = 60;
    zones.bySource.other = 0;
    expect(settingsFromReview([row('vpn.csv', { offsetMinutes: 0 })], derived, {}, zones)).toEqual({
      defaultOffsetMinutes: 120,
      offsetMinutesBySource: { authlog: 60, other: 0 },
      files: { 'vpn.csv': { defaultOffsetMinutes: 0 } },
    });
  });

  it('names the file or node whose year or offset cannot be read', () => {
    expect(reviewProblems([row('a.log', { year: '25' }), row('b.log', { clockSeconds: '1m' })], { 'wk-1': 'soon' })).toEqual([
      'a.log: the year must have four digits, or stay blank to be inferred',
      'b.log: the clock offset must be a number of seconds, like +90 or -3600',
      'node wk-1: the clock offset must be a number of seconds, like +90 or -3600',
    ]);
  });

  it('reads seconds with a sign and labels zones', () => {
    expect([parseSeconds(''), parseSeconds('+90'), parseSeconds('-0.5'), parseSeconds('x')]).toEqual([null, 90, -0.5, NaN]);
    expect([zoneLabel(0), zoneLabel(330), zoneLabel(-210)]).toEqual(['UTC', 'UTC+05:30', 'UTC−03:30']);
    expect(ZONE_OFFSETS[0]).toBe(-720);
    expect(ZONE_OFFSETS.at(-1)).toBe(840);
  });
});
