import { describe, expect, it } from 'vitest';
import { importFiles } from './importFiles';
import { inputFromBytes } from './input';
import { encode, newTestCase } from '../testing/helpers';
import { queryNumber } from '../query/sqlRows';

const auditEvent = (i: number) => ({
  kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Metadata', auditID: `id-${i}`, stage: 'ResponseComplete',
  requestURI: `/api/v1/namespaces/default/pods/p${i}`, verb: 'get', user: { username: 'alice' }, sourceIPs: ['10.0.0.1'],
  objectRef: { resource: 'pods', namespace: 'default', name: `p${i}`, apiVersion: 'v1' },
  responseStatus: { metadata: {}, code: 200 }, requestReceivedTimestamp: `2026-11-21T10:00:0${i}.000001Z`, stageTimestamp: `2026-11-21T10:00:0${i}.000501Z`,
});

describe('pretty-printed JSON documents', () => {
  it('are recognized even when what names them comes after the first 20 lines', async () => {
    // Items first, kind last: the first 20 lines hold only event fields.
    const doc = JSON.stringify({ items: [1, 2, 3].map(auditEvent), kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {} }, null, 2);
    expect(doc.split('\n').findIndex((l) => l.includes('"EventList"'))).toBeGreaterThan(20);
    const store = await newTestCase();
    const { files } = await importFiles(store, [inputFromBytes('batch.json', encode(doc))]);
    expect(files[0]).toMatchObject({ format: 'k8s-audit-eventlist', lines: 3, events: 3, rejected: 0, status: 'complete' });
    expect(queryNumber(store.db, "SELECT count(*) FROM events WHERE user = 'alice' AND resource = 'pods'")).toBe(3);
  });
});
