import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_COLUMNS } from './columns';
import { StringIds } from './stringIds';

describe('StringIds', () => {
  it('gives a column value the id of its text, whatever the cache holds, and announces each new string once', () => {
    // Few distinct values, many of the same length and characters: cache slots collide often.
    const value = fc.oneof(
      fc.constantFrom('get', 'list', 'watch', 'patch', 'pods', 'pod-206', 'pod-207', 'pod-216', 'RBAC: allowed by "a"', 'RBAC: allowed by "b"', '', 'x', 'xy', '7'),
      fc.string({ maxLength: 6 }),
      fc.integer({ min: -300, max: 300 }),
      fc.double(),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: EVENT_COLUMNS.length - 1 }), value), { maxLength: 400 }), (uses) => {
        const ids = new StringIds();
        const reference = new Map<string, number>();
        for (const [column, v] of uses) {
          // A fresh copy of a string: a parser hands out equal strings as distinct objects.
          const given = typeof v === 'string' ? v.split('').join('') : v;
          const id = ids.idIn(column, given);
          const text = String(v);
          if (!reference.has(text)) reference.set(text, reference.size + 1);
          expect(id).toBe(reference.get(text));
        }
        const announced = ids.takeNew();
        expect(announced).toEqual([...reference.keys()]);
      }),
    );
  });

  it('numbers a string by the text the case can store: strings that differ only in lone surrogates (each a U+FFFD) share an id', () => {
    const ids = new StringIds();
    expect([ids.idIn(0, 'curl\ud800'), ids.idIn(0, 'curl\udfff'), ids.id('curl\ufffd'), ids.idIn(1, 'ok'), ids.id('\ud83d\ude00')]).toEqual([1, 1, 1, 2, 3]);
    expect(ids.takeNew()).toEqual(['curl\ufffd', 'ok', '\ud83d\ude00']);
  });

  it('hands over the new strings in order, each once, at every take', () => {
    const ids = new StringIds();
    expect([ids.id('get'), ids.idIn(0, 'list'), ids.id('get'), ids.idIn(1, 7)]).toEqual([1, 2, 1, 3]);
    expect(ids.takeNew()).toEqual(['get', 'list', '7']);
    expect(ids.takeNew()).toEqual([]);
    expect(ids.idIn(0, 'list')).toBe(2);
    expect(ids.id('watch')).toBe(4);
    expect(ids.takeNew()).toEqual(['watch']);
  });
});
