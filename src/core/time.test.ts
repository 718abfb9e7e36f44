import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp } from './time';

/** The general path alone: the same text with a `+00:00` zone never takes the fast path. */
const general = (text: string): number => parseIsoTimestamp(text.replace(/Z$/, '+00:00'));

describe('parseIsoTimestamp', () => {
  it('keeps microseconds as the fraction and reads zones', () => {
    expect(parseIsoTimestamp('2026-11-21T12:57:58.371234Z')).toBeCloseTo(Date.UTC(2026, 10, 21, 12, 57, 58, 371) + 0.234, 6);
    expect(parseIsoTimestamp('2026-11-21T13:57:58+01:00')).toBe(Date.UTC(2026, 10, 21, 12, 57, 58));
    expect(parseIsoTimestamp('2026-11-21 12:57:58', 60)).toBe(Date.UTC(2026, 10, 21, 11, 57, 58));
  });

  it('refuses what is not a timestamp', () => {
    for (const bad of ['', 'yesterday', '2026-13-01T00:00:00Z', '2026-11-21T12:57:5xZ', '2026-11-21T12:57:58.Z', '2026-11-21T12:57:58.12a4Z', '2026-11-21T24:00:00Z']) {
      expect(parseIsoTimestamp(bad), bad).toBeNaN();
    }
  });

  it('gives the same time on the fast path as on the general one, for any UTC timestamp', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2090, 0, 1)), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9 }), (date, micros, digits) => {
        const base = date.toISOString().slice(0, 19);
        const frac = (String(date.getUTCMilliseconds()).padStart(3, '0') + String(micros).padStart(3, '0')).slice(0, digits);
        const text = `${base}${digits ? '.' + frac : ''}Z`;
        expect(parseIsoTimestamp(text)).toBe(general(text));
      }),
      { numRuns: 2000 },
    );
  });
});
