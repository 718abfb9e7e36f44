import { describe, expect, it } from 'vitest';
import { generateAuditLines } from './auditGenerator';

describe('generateAuditLines', () => {
  it('writes exactly the requested number of valid audit event lines, the same for the same seed', () => {
    const a = [...generateAuditLines({ seed: 7, lines: 501 })];
    const b = [...generateAuditLines({ seed: 7, lines: 501 })];
    expect(a).toHaveLength(501);
    expect(a).toEqual(b);
    for (const line of a) {
      const e = JSON.parse(line);
      expect(e.kind).toBe('Event');
      expect(e.requestReceivedTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    }
  });

  it('writes some requests at two stages under one auditID', () => {
    const stages = [...generateAuditLines({ seed: 3, lines: 400 })].map((l) => JSON.parse(l));
    const received = stages.filter((e) => e.stage === 'RequestReceived');
    expect(received.length).toBeGreaterThan(50);
    const complete = new Set(stages.filter((e) => e.stage === 'ResponseComplete').map((e) => e.auditID));
    for (const e of received) expect(complete.has(e.auditID)).toBe(true);
  });
});
