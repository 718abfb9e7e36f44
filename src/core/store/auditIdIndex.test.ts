import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditIdIndex } from './auditIdIndex';

/** Audit IDs as logs hold them: canonical UUIDs, mostly, with look-alikes that are other strings. */
const auditId = fc.oneof(
  fc.uuid(),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.uuid().map((u) => u.replace(/-/g, '')),
  fc.uuid().map((u) => `${u.slice(0, 35)}g`),
  fc.uuid().map((u) => ` ${u.slice(1)}`),
  fc.string({ maxLength: 40 }),
);

describe('AuditIdIndex', () => {
  it('answers as a Map would, for UUIDs and any other string', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(auditId, fc.integer({ min: 1, max: 2 ** 40 }), fc.boolean()), { maxLength: 300 }), (entries) => {
        const index = new AuditIdIndex();
        const map = new Map<string, number>();
        for (const [id, value, replace] of entries) {
          const before = map.get(id);
          expect(index.get(id)).toBe(before);
          if (replace) {
            index.set(id, value);
            map.set(id, value);
          } else {
            expect(index.getOrAdd(id, value)).toBe(before);
            if (before === undefined) map.set(id, value);
          }
        }
        expect(index.size).toBe(map.size);
        for (const [id] of entries) {
          expect(index.get(id)).toBe(map.get(id));
          // The same UUID in capitals is another string, so another key.
          if (id.toUpperCase() !== id && !map.has(id.toUpperCase())) expect(index.get(id.toUpperCase())).toBeUndefined();
        }
      }),
    );
  });

  it('keeps every entry as it grows past a million UUIDs, including IDs that differ in one digit', () => {
    const index = new AuditIdIndex();
    const idOf = (i: number): string => `a1b2c3d4-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const n = 1_100_000;
    for (let i = 0; i < n; i++) expect(index.getOrAdd(idOf(i), i * 4 + 4)).toBeUndefined();
    expect(index.size).toBe(n);
    for (let i = 0; i < n; i += 997) expect(index.get(idOf(i))).toBe(i * 4 + 4);
    expect(index.get(idOf(n))).toBeUndefined();
    expect(index.getOrAdd(idOf(5), 9)).toBe(24);
    index.set(idOf(5), 7);
    expect(index.get(idOf(5))).toBe(7);
    expect(index.size).toBe(n);
  });

  it('refuses a value that would read as an empty slot', () => {
    expect(() => new AuditIdIndex().set('x', 0)).toThrow(RangeError);
    expect(() => new AuditIdIndex().getOrAdd('a1b2c3d4-0000-4000-8000-000000000001', -4)).toThrow(RangeError);
  });
});
