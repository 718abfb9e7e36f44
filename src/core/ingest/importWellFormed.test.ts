import { describe, expect, it } from 'vitest';
import { queryObjects } from '../query/sqlRows';
import type { CaseStore } from '../store/caseStore';
import { encode, newTestCase } from '../testing/helpers';
import { inProcessParseOffload } from '../testing/inProcessParseOffload';
import { importFiles, type ImportOptions } from './importFiles';
import { inputFromBytes } from './input';

// JSON escapes a log writer may put in any string field: a lone surrogate, which no UTF-8 can hold.
const event = (id: string, stage: string, agent: string): string =>
  JSON.stringify({
    kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: id, stage,
    requestURI: '/api/v1/namespaces/prod/pods/web\udc00', verb: 'get', userAgent: agent,
    user: { username: 'eve\udbff', groups: ['system:authenticated'] }, sourceIPs: ['203.0.113.9'],
    objectRef: { resource: 'pods', namespace: 'prod', name: 'web', apiVersion: 'v1' },
    requestReceivedTimestamp: '2026-11-21T12:57:58.371234Z', stageTimestamp: '2026-11-21T12:57:58.391734Z',
  });

/** A line cut short, whose 200-character excerpt ends between the two halves of an emoji. */
const brokenHead = '{"kind":"Event","message":"';
const brokenLine = `${brokenHead}${'x'.repeat(199 - brokenHead.length)}\u{1F600} and on`;

/** Every text stored in the case's tables of events, strings, rejects and files, as the bytes SQLite holds. */
function storedTexts(store: CaseStore): Uint8Array[] {
  const hex = queryObjects<{ h: string }>(
    store.db,
    `SELECT hex(CAST(value AS BLOB)) AS h FROM strings
     UNION ALL SELECT hex(CAST(request_uri AS BLOB)) FROM event_rows
     UNION ALL SELECT hex(CAST(excerpt AS BLOB)) FROM rejects
     UNION ALL SELECT hex(CAST(reason AS BLOB)) FROM rejects
     UNION ALL SELECT hex(CAST(path AS BLOB)) FROM files`,
  );
  return hex.map(({ h }) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16)));
}

const paths: [string, ImportOptions][] = [
  ["on the case's thread", {}],
  ['packed by a parse worker', { parseOffload: inProcessParseOffload() }],
];

describe.each(paths)('text that UTF-8 cannot hold, read %s', (_how, options) => {
  it('is stored as valid UTF-8, each lone surrogate a U+FFFD, by every path a row takes into the case', async () => {
    const store = await newTestCase();
    const first = [event('a1', 'RequestReceived', 'curl\ud800'), event('b2', 'ResponseComplete', 'curl\ud801'), brokenLine].join('\n') + '\n';
    // The later stage of a1 in another file: it replaces the row already written (an UPDATE).
    const second = event('a1', 'ResponseComplete', 'curl\ud802') + '\n';
    // A file name can hold one too (Windows names are UTF-16).
    const { files } = await importFiles(store, [inputFromBytes('audit-1.log', encode(first)), inputFromBytes('audit\udc01.log', encode(second))], options);
    expect(files.map((f) => [f.events, f.merged, f.rejected])).toEqual([[2, 0, 1], [0, 1, 0]]);

    const strict = new TextDecoder('utf-8', { fatal: true });
    for (const bytes of storedTexts(store)) expect(() => strict.decode(bytes)).not.toThrow();
    const rows = queryObjects(store.db, 'SELECT audit_id, stage, user, user_agent, request_uri FROM events ORDER BY id');
    expect(rows).toEqual([
      { audit_id: 'a1', stage: 'ResponseComplete', user: 'eve\ufffd', user_agent: 'curl\ufffd', request_uri: '/api/v1/namespaces/prod/pods/web\ufffd' },
      { audit_id: 'b2', stage: 'ResponseComplete', user: 'eve\ufffd', user_agent: 'curl\ufffd', request_uri: '/api/v1/namespaces/prod/pods/web\ufffd' },
    ]);
    expect(queryObjects(store.db, 'SELECT path FROM files ORDER BY id')).toEqual([{ path: 'audit-1.log' }, { path: 'audit\ufffd.log' }]);
    const [reject] = queryObjects<{ excerpt: string }>(store.db, 'SELECT excerpt FROM rejects');
    expect(reject.excerpt).toBe(`${brokenLine.slice(0, 199)}\ufffd`);
  });
});
