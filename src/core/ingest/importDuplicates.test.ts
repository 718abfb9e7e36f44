import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { queryNumber } from '../query/sqlRows';
import { generateAuditLines } from '../synth/auditGenerator';
import { encode, newTestCase } from '../testing/helpers';
import { makeTar } from './fixtures/makeTar';
import { auditLog, authLog } from './fixtures/sampleLogs';
import { expectEveryRowBalanced, fileRows, rowByPath } from './fixtures/testImport';
import { importFiles } from './importFiles';
import { inputFromBytes, type InputFile } from './input';

const events = (store: Awaited<ReturnType<typeof newTestCase>>): number => queryNumber(store.db, 'SELECT count(*) FROM events');

/** An input that counts how often it is opened (a pre-pass reads it twice). */
function counted(input: InputFile): InputFile & { opens: number } {
  const wrapped = { ...input, opens: 0 };
  wrapped.open = () => {
    wrapped.opens++;
    return input.open();
  };
  return wrapped;
}

describe('the same file twice', () => {
  const auth = authLog('wk-1', 20);

  it('skips the second copy in the same drop, with the first one named, and adds no events', async () => {
    const store = await newTestCase();
    const first = counted(inputFromBytes('a/auth.log', auth));
    const second = counted(inputFromBytes('b/auth-copy.log', auth));
    const other = counted(inputFromBytes('c/other.log', authLog('wk-2', 20)));
    await importFiles(store, [first, second, other]);
    expect(fileRows(store).map((r) => [r.path, r.status, r.reason, r.events])).toEqual([
      ['a/auth.log', 'complete', null, 20],
      ['b/auth-copy.log', 'skipped', 'same content as file #1 (a/auth.log)', 0],
      ['c/other.log', 'complete', null, 20],
    ]);
    expect(rowByPath(store, 'b/auth-copy.log').sha256).toBe(rowByPath(store, 'a/auth.log').sha256);
    // Only a file whose size is already in the case is hashed ahead; the others are read once.
    expect([first.opens, second.opens, other.opens]).toEqual([1, 1, 2]);
    expect(events(store)).toBe(40);
    expectEveryRowBalanced(store);
  });

  it('skips an archive imported again, without reading its members', async () => {
    const bundle = gzipSync(makeTar([{ name: 'prod-eu-1/nodes/wk-1/auth.log', bytes: auth }, { name: 'prod-eu-1/kube-apiserver/audit.log', bytes: auditLog(1, 10) }]));
    const store = await newTestCase();
    await importFiles(store, [inputFromBytes('bundle.tar.gz', bundle)]);
    const before = fileRows(store).length;
    const again = await importFiles(store, [inputFromBytes('downloads/bundle (1).tar.gz', bundle)]);
    expect(again.files.map((f) => [f.path, f.status, f.reason])).toEqual([['downloads/bundle (1).tar.gz', 'skipped', 'same content as file #1 (bundle.tar.gz)']]);
    expect(fileRows(store).length).toBe(before + 1);
    expect(events(store)).toBe(30);
  });

  it('skips a member with the same bytes as a file already imported, in a tar or in a zip', async () => {
    const store = await newTestCase();
    const tar = makeTar([{ name: 'x/auth.log', bytes: auth }, { name: 'y/auth.log.1', bytes: auth }]);
    await importFiles(store, [inputFromBytes('auth.log', auth), inputFromBytes('t.tar', tar), inputFromBytes('z.zip', zipSync({ 'q/auth.log': auth }))]);
    expect(fileRows(store).map((r) => [r.path, r.status, r.reason])).toEqual([
      ['auth.log', 'complete', null],
      ['t.tar', 'complete', null],
      ['t.tar!x/auth.log', 'skipped', 'same content as file #1 (auth.log)'],
      ['t.tar!y/auth.log.1', 'skipped', 'same content as file #1 (auth.log)'],
      ['z.zip', 'complete', null],
      ['z.zip!q/auth.log', 'skipped', 'same content as file #1 (auth.log)'],
    ]);
    expect(events(store)).toBe(20);
  });

  it('a member too large to hold for the check is read, and the duplicate named in its reason', async () => {
    const store = await newTestCase();
    const audit = auditLog(3, 10);
    await importFiles(store, [inputFromBytes('audit.log', audit), inputFromBytes('t.tar', makeTar([{ name: 'audit.log', bytes: audit }]))], {
      limits: { maxBufferedBytes: 100 },
    });
    const member = rowByPath(store, 't.tar!audit.log');
    expect(member).toMatchObject({ status: 'complete', events: 0, merged: 10 });
    expect(member.reason).toBe('same content as file #1 (audit.log), found only after reading it (too large to check first)');
    expect(events(store)).toBe(10);
  });
});

describe('overlapping rotated audit logs', () => {
  it('add no duplicate events: the overlap carries the same audit IDs and is merged', async () => {
    const lines = [...generateAuditLines({ seed: 9, lines: 150, start: Date.UTC(2024, 2, 5), twoStageShare: 0 })];
    const rotated = encode(`${lines.slice(0, 100).join('\n')}\n`);
    const current = encode(`${lines.slice(50).join('\n')}\n`);
    const store = await newTestCase();
    await importFiles(store, [inputFromBytes('prod/kube-apiserver/audit.log.1', rotated), inputFromBytes('prod/kube-apiserver/audit.log', current)]);
    expect(rowByPath(store, 'prod/kube-apiserver/audit.log.1')).toMatchObject({ lines: 100, events: 100, merged: 0 });
    expect(rowByPath(store, 'prod/kube-apiserver/audit.log')).toMatchObject({ lines: 100, events: 50, merged: 50, status: 'complete' });
    expect(events(store)).toBe(150);
    expect(queryNumber(store.db, 'SELECT count(DISTINCT audit_id) FROM events')).toBe(150);
    expectEveryRowBalanced(store);
  });
});
