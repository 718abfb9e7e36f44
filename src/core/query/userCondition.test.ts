import { describe, expect, it } from 'vitest';
import { caseWithEvents, seconds } from '../testing/findingsFixture';
import { queryNumber } from './sqlRows';
import { SqlError } from './readOnlySql';
import { eventIdsWhere, userCondition } from './userCondition';
import { countEvents } from './timeline';

describe('user SQL conditions on events', () => {
  it('returns the matching event ids in time order', async () => {
    const store = await caseWithEvents(seconds(5).map((e, i) => ({ ...e, user: i % 2 ? 'bob' : 'alice' })));
    expect(eventIdsWhere(store.db, "user = 'bob'")).toEqual([2, 4]);
    expect(eventIdsWhere(store.db, "user = 'it''s (not) here' OR id IN (SELECT 5) -- trailing comment")).toEqual([5]);
  });

  it.each([
    ['a write', "1; DELETE FROM files"],
    ['a second statement', "1) ; DROP TABLE events; --"],
    ['a way out of the parentheses', '1) UNION SELECT (5'],
    ['an open parenthesis', '(1'],
    ['an unterminated string', "user = 'x"],
    ['an unknown column', 'nope = 1'],
    ['an empty condition', '  '],
  ])('refuses %s', async (_what, condition) => {
    const store = await caseWithEvents(seconds(2));
    expect(() => eventIdsWhere(store.db, condition)).toThrow(SqlError);
    expect(queryNumber(store.db, 'SELECT count(*) FROM files')).toBe(1);
  });

  it('leaves the case writable afterwards, even after a refusal', async () => {
    const store = await caseWithEvents(seconds(2));
    expect(() => eventIdsWhere(store.db, 'nope = 1')).toThrow();
    store.db.run("INSERT INTO meta (key, value) VALUES ('x', 'y')");
  });

  it('gives a streaming export the same events', async () => {
    const store = await caseWithEvents(seconds(4));
    const cond = userCondition(store.db, 'id > 2');
    expect(queryNumber(store.db, `SELECT count(*) FROM event_rows e WHERE ${cond.where}`)).toBe(2);
    expect(userCondition(store.db, '').where).toBe('1');
    expect(() => userCondition(store.db, 'missing_column = 1')).toThrow(/no such column/);
    expect(countEvents(store.db)).toBe(4);
  });
});
