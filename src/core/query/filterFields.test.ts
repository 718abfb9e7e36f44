import { describe, expect, it } from 'vitest';
import { ensureAnalysisIndexes, ensureTextIndex } from '../store/analysisIndexes';
import { importFiles } from '../ingest/importFiles';
import { inputFromBytes } from '../ingest/input';
import { encode } from '../testing/helpers';
import { investigationCase, type ExpectedEvent } from '../testing/investigationCase';
import { textMatchQuery } from './textSearch';
import { countEvents, histogram } from './timeline';

const classOf = (e: ExpectedEvent): string => {
  const c = e.code;
  if (c === null) return 'none';
  if (c === 401 || c === 403) return 'denied';
  return c < 300 ? '2xx' : c < 400 ? '3xx' : c < 500 ? '4xx' : '5xx';
};

describe('filter fields', async () => {
  const { store, events } = await investigationCase();
  const db = store.db;

  it('filters by status class, including and excluding, on events and on the rollup alike', () => {
    for (const cls of ['2xx', 'denied', '4xx', 'none']) {
      const n = events.filter((e) => classOf(e) === cls).length;
      expect(countEvents(db, { include: { status_class: [cls] } }), cls).toBe(n);
      expect(countEvents(db, { exclude: { status_class: [cls] } }), cls).toBe(events.length - n);
      // Dense forces the minute rollup.
      expect(histogram(db, { include: { status_class: [cls] } }, 'activity', 0).total, cls).toBe(n);
    }
  });

  it('filters by object name', () => {
    const name = 'secret-12';
    expect(countEvents(db, { include: { name: [name] } })).toBe(countEvents(db, {}) - countEvents(db, { exclude: { name: [name] } }));
  });

  it('searches text by whole words and phrases of values, after the text index is built', () => {
    ensureAnalysisIndexes(db);
    const carol = events.filter((e) => e.user === 'carol@example.com').length;
    expect(countEvents(db, { text: 'carol@example.com' })).toBe(carol);
    expect(countEvents(db, { text: 'CAROL' })).toBe(carol);
    expect(countEvents(db, { text: '203.0.113.77' })).toBe(events.filter((e) => e.ips.includes('203.0.113.77')).length);
    expect(countEvents(db, { text: 'carol forbidden' })).toBe(events.filter((e) => e.user === 'carol@example.com' && e.code === 403).length);
    expect(countEvents(db, { text: 'Accepted publickey' })).toBe(1);
    expect(histogram(db, { text: 'carol' }).total).toBe(carol);
    expect(countEvents(db, { text: '---' })).toBe(events.length);
  });

  it('adds the events of a later import to the text index', async () => {
    const { store: other } = await investigationCase();
    ensureTextIndex(other.db);
    expect(countEvents(other.db, { text: 'mallory' })).toBe(0);
    const line = '2026-11-21T01:00:00.000000+00:00 wk-2 sshd[7]: Accepted password for mallory from 192.0.2.1 port 2222 ssh2\n';
    await importFiles(other, [inputFromBytes('prod-eu-1/nodes/wk-2/auth.log', encode(line))]);
    ensureTextIndex(other.db);
    expect(countEvents(other.db, { text: 'mallory' })).toBe(1);
  });

  it('quotes every word so that no word is an operator', () => {
    expect(textMatchQuery('10.0.1.12 AND secret*')).toBe('"10 0 1 12" "and" "secret*"');
    expect(textMatchQuery(' "" ')).toBeNull();
  });
});
