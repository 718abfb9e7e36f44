import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { markFinding } from '../findings/findingsStore';
import { evidenceRows } from '../findings/evidence';
import { filterCondition } from '../query/filter';
import { caseWithEvents, HOSTILE, seconds, T0 } from '../testing/findingsFixture';
import { EVENTS_CSV_HEADER, eventsCsvChunks } from './eventsCsv';
import { timesketchEventChunks, timesketchFindings } from './timesketch';

describe('events CSV', () => {
  it('streams every matching event in chunks, with a header naming the view columns', async () => {
    const store = await caseWithEvents(seconds(12));
    const chunks = [...eventsCsvChunks(store.db, filterCondition({ from: T0 + 1000 }), { rowsPerChunk: 5 })];
    expect(chunks.map((c) => c.rows)).toEqual([5, 10, 11]);
    const parsed = Papa.parse<string[]>(chunks.map((c) => c.text).join(''), { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...EVENTS_CSV_HEADER]);
    expect(header.slice(0, 3)).toEqual(['event_id', 'time_utc', 'ts_text']);
    expect(header.slice(-3)).toEqual(['line', 'file', 'file_sha256']);
    expect(rows).toHaveLength(11);
    expect(rows[0][0]).toBe('2');
    expect(rows[0][1]).toBe('2026-11-21T02:00:01.000Z');
  });

  it('writes a header alone when nothing matches, and a BOM when asked', async () => {
    const store = await caseWithEvents(seconds(1));
    const [only] = [...eventsCsvChunks(store.db, filterCondition({ from: T0 + 1 }), { bom: true })];
    expect(only.rows).toBe(0);
    expect(only.text).toBe('\uFEFF' + EVENTS_CSV_HEADER.join(',') + '\r\n');
  });
});

describe('Timesketch JSONL', () => {
  it('writes one JSON object per line with message, datetime, timestamp_desc and the fields', async () => {
    const store = await caseWithEvents([{ ts: T0, user: HOSTILE.hyperlink, verb: 'create', resource: 'clusterrolebindings', name: 'cluster-admin', statusCode: 201 }]);
    const text = [...timesketchEventChunks(store.db, filterCondition({}))].map((c) => c.text).join('');
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]);
    expect(record).toMatchObject({
      datetime: '2026-11-21T02:00:00.000+00:00',
      timestamp: T0 * 1000,
      timestamp_desc: 'Request Received',
      user: HOSTILE.hyperlink,
      event_id: 1,
      file: 'prod-eu-1/audit.log',
      line: 1,
      status_code: 201,
    });
    expect(record.message).toBe(`[prod-eu-1] ${HOSTILE.hyperlink} create clusterrolebindings default/clusterrolebindings/cluster-admin → 201 from 10.0.0.7`);
    expect(record).not.toHaveProperty('node');
  });

  it('carries each finding with its severity, tags, note and analyst', async () => {
    const store = await caseWithEvents(seconds(3));
    markFinding(store.db, { eventIds: [2, 3], severity: 'high', tags: ['impact'], note: 'n', analyst: 'Dana' });
    const lines = timesketchFindings(store.db, evidenceRows(store.db)).trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ event_id: 2, finding_id: 1, finding_severity: 'high', finding_tags: ['impact'], finding_note: 'n', finding_analyst: 'Dana', tag: ['trailhound-finding', 'severity:high', 'impact'] });
  });
});
