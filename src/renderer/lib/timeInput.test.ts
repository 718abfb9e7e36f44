import { describe, expect, it } from 'vitest';
import { parseTimeInput } from './timeInput';

describe('parseTimeInput', () => {
  it('reads dates and times in UTC, with or without seconds and milliseconds', () => {
    expect(parseTimeInput('2026-11-21', 'utc')).toBe(Date.UTC(2026, 10, 21));
    expect(parseTimeInput('2026-11-21 02:07', 'utc')).toBe(Date.UTC(2026, 10, 21, 2, 7));
    expect(parseTimeInput('2026-11-21T02:07:30.12', 'utc')).toBe(Date.UTC(2026, 10, 21, 2, 7, 30, 120));
    expect(parseTimeInput(' 2026-11-21 02:07:30Z ', 'local')).toBe(Date.UTC(2026, 10, 21, 2, 7, 30));
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', 'yesterday', '2026-13-01', '2026-11-21 25:00', '21/11/2026']) expect(parseTimeInput(bad, 'utc'), bad).toBeNull();
  });
});
