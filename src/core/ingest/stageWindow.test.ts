import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../formats/registry';
import { queryObjects } from '../query/sqlRows';
import type { CaseStore, FileCounts } from '../store/caseStore';
import { encode, newTestCase } from '../testing/helpers';
import { noCounts } from './importRun';
import { LogFileReader } from './logFileReader';
import { STAGE_WINDOW } from './stageWindow';

const STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic', 'constructor', null] as const;

/** One audit event line of request `id` at `stage`, its times and status telling the lines apart. */
function auditLine(id: string, stage: string | null, n: number): string {
  const at = new Date(Date.UTC(2026, 10, 21, 12, 0, n)).toISOString().replace('.000Z', `.${String(n % 1000).padStart(6, '0')}Z`);
  return JSON.stringify({
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: id, ...(stage === null ? {} : { stage }),
    requestURI: `/api/v1/namespaces/ns${n % 3}/pods`, verb: n % 2 ? 'list' : 'get', user: { username: `user${n % 4}` },
    sourceIPs: [`10.0.0.${n % 250}`], responseStatus: { code: 200 + n }, requestReceivedTimestamp: at, stageTimestamp: at,
  });
}

const line = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom('a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7', ''), fc.constantFrom(...STAGES)) },
  { weight: 1, arbitrary: fc.constant('blank' as const) },
  { weight: 1, arbitrary: fc.constant('broken' as const) },
);

function text(lines: readonly (readonly [string, string | null] | 'blank' | 'broken')[], offset: number): string {
  return lines.map((l, i) => (l === 'blank' ? '' : l === 'broken' ? '{"kind": "Event", "auditID": ' : auditLine(l[0], l[1], offset + i))).join('\n') + '\n';
}

/** Reads each text as a file into a new case as importLogLines does (one transaction per file), with the given window. */
async function readInto(texts: string[], window: number): Promise<{ store: CaseStore; counts: FileCounts[] }> {
  const store = await newTestCase();
  const counts: FileCounts[] = [];
  for (const [i, t] of texts.entries()) {
    const path = `audit-${i}.log`;
    const fileId = store.addFile({ path, size: t.length, sha256: '', format: null, cluster: 'c', node: null });
    const fileCounts = noCounts();
    const ctx = { path, cluster: 'c', node: null, mtime: null, offsetMinutesFor: () => 0, year: null };
    const reader = new LogFileReader(store, fileId, ctx, fileCounts, FORMATS, null, null, window);
    store.begin();
    await reader.push(encode(t));
    await reader.end();
    await store.flushAll();
    store.commit();
    counts.push(fileCounts);
  }
  return { store, counts };
}

async function snapshot(texts: string[], window: number): Promise<unknown> {
  const { store, counts } = await readInto(texts, window);
  const events = queryObjects(store.db, 'SELECT * FROM events ORDER BY id');
  const raw = await Promise.all(events.map((e) => store.rawRecord(Number(e.id))));
  // Strings are numbered as first stored, and a merged-away stage stores none: compared by value.
  const minutes = queryObjects(store.db, `SELECT m.minute, s.value AS source, v.value AS verb, m.status_code, c.value AS cluster, m.n
    FROM event_minutes m JOIN strings s ON s.id = m.source_id LEFT JOIN strings v ON v.id = m.verb_id LEFT JOIN strings c ON c.id = m.cluster_id
    WHERE m.n != 0 ORDER BY 1, 2, 3, 4, 5`);
  return { counts, events, raw, minutes };
}

describe('merging stages of a request as they are read', () => {
  it('gives the case the case would have without it: same ids, rows, raw records, counts and rollup', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 60 }), fc.array(line, { maxLength: 30 }), async (first, second) => {
        const texts = [text(first, 0), text(second, first.length)];
        const without = await snapshot(texts, 0);
        for (const window of [1, 3, STAGE_WINDOW]) expect(await snapshot(texts, window)).toEqual(without);
      }),
      { numRuns: 60 },
    );
  });

  it('merges a request whose stages are close in the reader, and one whose stages are far apart in the case', async () => {
    const lines: [string, string][] = [['near', 'RequestReceived'], ['x1', 'ResponseComplete'], ['near', 'ResponseComplete'], ['far', 'RequestReceived']];
    for (let i = 0; i < STAGE_WINDOW + 2; i++) lines.push([`o${i}`, 'ResponseComplete']);
    lines.push(['far', 'ResponseComplete']);
    const { store, counts } = await readInto([text(lines, 0)], STAGE_WINDOW);
    expect(counts[0]).toMatchObject({ lines: lines.length, events: lines.length - 2, merged: 2 });
    expect(queryObjects(store.db, "SELECT id, audit_id, stage, line FROM events WHERE audit_id IN ('near', 'far') ORDER BY id")).toEqual([
      { id: 1, audit_id: 'near', stage: 'ResponseComplete', line: 3 },
      { id: 3, audit_id: 'far', stage: 'ResponseComplete', line: lines.length },
    ]);
    expect(JSON.parse((await store.rawRecord(1)) as string)).toMatchObject({ auditID: 'near', stage: 'ResponseComplete' });
  });
});
