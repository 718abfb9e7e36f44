import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { investigationCase } from '../testing/investigationCase';
import type { EventFilter } from './filter';
import { countBefore, eventPageAfter, eventPageAt, sortedEventPage } from './tablePaging';
import { eventPage } from './timeline';

const cursorOf = (row: Record<string, unknown>) => ({ ts: Number(row.ts), file_id: Number(row.file_id), line: Number(row.line) });

describe('table paging', async () => {
  const { store, events } = await investigationCase();
  const db = store.db;
  const min = Math.min(...events.map((e) => e.ts));
  const max = Math.max(...events.map((e) => e.ts));
  const filters = fc.record({
    from: fc.option(fc.integer({ min: min - 60_000, max }), { nil: undefined }),
    span: fc.integer({ min: 1, max: max - min + 120_000 }),
    include: fc.constantFrom<EventFilter['include']>({}, { cluster: ['prod-eu-1'] }, { verb: ['get', 'list'] }, { status_class: ['2xx'] }, { user: ['bob@example.com'] }),
  }).map(({ from, span, include }): EventFilter => (from === undefined ? { include } : { from, to: from + span, include }));

  it('seeks through the rollup to the same rows as OFFSET, at any offset', () => {
    fc.assert(
      fc.property(filters, fc.nat(), (filter, at) => {
        const all = eventPage(db, filter, 0, 100_000);
        const offset = all.length ? at % (all.length + 10) : 0;
        expect(eventPageAt(db, filter, offset, 50)).toEqual(all.slice(offset, offset + 50));
      }),
      { numRuns: 40 },
    );
  });

  it('pages forwards and backwards by keyset through every row exactly once', () => {
    const filter: EventFilter = { include: { cluster: ['prod-eu-1'] } };
    const all = eventPage(db, filter, 0, 100_000);
    const seen = [];
    for (let page = eventPageAfter(db, filter, null, 97); page.length; page = eventPageAfter(db, filter, cursorOf(page[page.length - 1]), 97)) seen.push(...page);
    expect(seen).toEqual(all);
    const last = all.length - 1;
    expect(eventPageAfter(db, filter, cursorOf(all[last]), 30, true)).toEqual(all.slice(last - 30, last));
  });

  it('counts the rows before a time as the table places them (jump to time)', () => {
    fc.assert(
      fc.property(filters, fc.integer({ min: min - 1000, max: max + 1000 }), (filter, ts) => {
        const all = eventPage(db, filter, 0, 100_000);
        expect(countBefore(db, filter, ts)).toBe(all.filter((r) => Number(r.ts) < ts).length);
      }),
      { numRuns: 40 },
    );
  });

  it('sorts by a column, ties in time order, NULLs last', () => {
    const rows = sortedEventPage(db, {}, { column: 'user', desc: false }, 0, 100_000);
    expect(rows.length).toBe(events.length);
    const users = rows.map((r) => String(r.user));
    expect(users).toEqual([...users].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const desc = sortedEventPage(db, {}, { column: 'status_code', desc: true }, 0, 100_000);
    const codes = desc.map((r) => r.status_code);
    expect(codes.slice(0, 1)[0]).toBe(Math.max(...events.map((e) => e.code ?? 0)));
    expect(codes.at(-1)).toBeNull();
  });
});
