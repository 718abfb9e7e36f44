import { describe, expect, it } from 'vitest';
import { importFiles } from '../ingest/importFiles';
import { inputFromBytes } from '../ingest/input';
import { queryObjects, queryNumber } from '../query/sqlRows';
import { encode, loadSqlJs, newTestCase } from '../testing/helpers';
import { portablePlatform } from '../platform/portable';
import { CaseStore } from './caseStore';
import { inProcessParseOffload } from '../testing/inProcessParseOffload';

const event = (id: string, stage: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: id, stage,
    requestURI: '/api/v1/namespaces/prod/secrets/db', verb: 'get',
    user: { username: 'alice@example.com', groups: ['system:authenticated'] }, sourceIPs: ['203.0.113.9', '10.0.0.1'],
    objectRef: { resource: 'secrets', namespace: 'prod', name: 'db', apiVersion: 'v1' },
    requestReceivedTimestamp: '2026-11-21T12:57:58.371234Z', stageTimestamp: stage === 'RequestReceived' ? '2026-11-21T12:57:58.371234Z' : '2026-11-21T12:57:58.391734Z',
    ...extra,
  });

const complete = (id: string): string => event(id, 'ResponseComplete', { responseStatus: { metadata: {}, code: 200 } });

describe('stage merging', () => {
  it('keeps one request with its latest stage when both stages are in one file', async () => {
    const store = await newTestCase();
    const text = [event('a1', 'RequestReceived'), complete('a1'), complete('b2')].join('\n') + '\n';
    const { files } = await importFiles(store, [inputFromBytes('audit.log', encode(text))]);
    expect(files[0]).toMatchObject({ lines: 3, events: 2, merged: 1, rejected: 0, blank: 0, status: 'complete' });
    const rows = queryObjects(store.db, "SELECT stage, status_code, duration_ms, line, src_ip, src_ips FROM events WHERE audit_id = 'a1'");
    expect(rows).toEqual([{ stage: 'ResponseComplete', status_code: 200, duration_ms: 20.5, line: 2, src_ip: '203.0.113.9', src_ips: '["203.0.113.9","10.0.0.1"]' }]);
    expect(JSON.parse((await store.rawRecord(1)) as string).stage).toBe('ResponseComplete');
  });

  it('merges stages that sit in two rotated files, counting the later stage as merged in its own file', async () => {
    const store = await newTestCase();
    const { files } = await importFiles(store, [
      inputFromBytes('audit-1.log', encode(event('r1', 'RequestReceived') + '\n')),
      inputFromBytes('audit.log', encode(complete('r1') + '\n')),
    ]);
    expect(files.map((f) => [f.events, f.merged])).toEqual([[1, 0], [0, 1]]);
    expect(queryNumber(store.db, 'SELECT count(*) FROM events')).toBe(1);
    expect(queryObjects(store.db, 'SELECT stage, file_id FROM events')).toEqual([{ stage: 'ResponseComplete', file_id: 2 }]);
  });

  it('merges across two imports into the same case, also after the case was saved and reopened', async () => {
    const first = await newTestCase();
    await importFiles(first, [inputFromBytes('a.log', encode(event('x9', 'RequestReceived') + '\n'))]);
    // Saved as the CLI saves (closing the case), here through stock sql.js's export.
    const reopened = CaseStore.open(await loadSqlJs(), portablePlatform, first.closeIntoBytes());
    expect(() => first.db.exec('SELECT 1')).toThrow(/closed/);
    const { files } = await importFiles(reopened, [inputFromBytes('b.log', encode([complete('x9'), event('x9', 'RequestReceived')].join('\n')))]);
    expect(files[0]).toMatchObject({ events: 0, merged: 2 });
    expect(queryObjects(reopened.db, 'SELECT stage, status_code FROM events')).toEqual([{ stage: 'ResponseComplete', status_code: 200 }]);
    // The timeline's minute rollup follows the replacement: one event, now with status 200.
    expect(queryObjects(reopened.db, 'SELECT status_code, n FROM event_minutes WHERE n != 0')).toEqual([{ status_code: 200, n: 1 }]);
  });

  // Past the rows held before writing (4000), the earlier stage is already stored and is updated in place.
  for (const [how, parseOffload] of [['parsed on the case thread', undefined], ['packed as a parse worker packs them', inProcessParseOffload()]] as const) {
    it(`replaces a stored earlier stage thousands of events later, rollup included (${how})`, async () => {
      const store = await newTestCase();
      const others = Array.from({ length: 4500 }, (_, i) => complete(`o${i}`));
      const text = [event('far', 'RequestReceived'), ...others, complete('far'), event('near', 'RequestReceived'), complete('near')].join('\n');
      const { files } = await importFiles(store, [inputFromBytes('audit.log', encode(text))], { parseOffload });
      expect(files[0]).toMatchObject({ lines: 4504, events: 4502, merged: 2, rejected: 0 });
      expect(queryObjects(store.db, "SELECT id, audit_id, stage, line, status_code FROM events WHERE audit_id IN ('far', 'near') ORDER BY id")).toEqual([
        { id: 1, audit_id: 'far', stage: 'ResponseComplete', line: 4502, status_code: 200 },
        { id: 4502, audit_id: 'near', stage: 'ResponseComplete', line: 4504, status_code: 200 },
      ]);
      expect(JSON.parse((await store.rawRecord(1)) as string)).toMatchObject({ auditID: 'far', stage: 'ResponseComplete' });
      expect(queryObjects(store.db, 'SELECT status_code, sum(n) AS n FROM event_minutes GROUP BY status_code HAVING sum(n) != 0')).toEqual([{ status_code: 200, n: 4502 }]);
    });
  }

  it('ranks a stage named like an object property as no stage (log values are attacker-controlled)', async () => {
    const store = await newTestCase();
    const { files } = await importFiles(store, [
      inputFromBytes('audit-1.log', encode([event('k1', 'constructor'), complete('k2')].join('\n') + '\n')),
      inputFromBytes('audit.log', encode([complete('k1'), event('k2', 'toString')].join('\n') + '\n')),
    ]);
    expect(files.map((f) => [f.events, f.merged])).toEqual([[2, 0], [0, 2]]);
    expect(queryObjects(store.db, 'SELECT id, audit_id, stage, file_id FROM events ORDER BY id')).toEqual([
      { id: 1, audit_id: 'k1', stage: 'ResponseComplete', file_id: 2 },
      { id: 2, audit_id: 'k2', stage: 'ResponseComplete', file_id: 1 },
    ]);
  });

  it('never lets an earlier stage replace a later one', async () => {
    const store = await newTestCase();
    await importFiles(store, [inputFromBytes('audit.log', encode([complete('z1'), event('z1', 'RequestReceived')].join('\n')))]);
    expect(queryObjects(store.db, 'SELECT stage, line FROM events')).toEqual([{ stage: 'ResponseComplete', line: 1 }]);
  });
});
