import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { queryNumber } from '../query/sqlRows';
import { generateAuditLines } from '../synth/auditGenerator';
import { CaseStore } from '../store/caseStore';
import { encode, loadSqlJs, newTestCase } from '../testing/helpers';
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

const auditLines = [...generateAuditLines({ seed: 9, lines: 150, start: Date.UTC(2024, 2, 5), twoStageShare: 0 })];
const authLines = new TextDecoder().decode(authLog('wk-1', 150)).trimEnd().split('\n');
const linesOf = (lines: string[]): Uint8Array => encode(`${lines.join('\n')}\n`);

describe('overlapping rotated logs', () => {
  // The rotated auth.log holds one line twice: two events, as the log said it twice.
  it.each([
    { kind: 'audit', dir: 'prod/kube-apiserver/audit.log', rotated: auditLines.slice(0, 100), distinct: 'SELECT count(DISTINCT audit_id) FROM events' },
    { kind: 'auth', dir: 'prod/nodes/wk-1/auth.log', rotated: [...authLines.slice(0, 100), authLines[99]], distinct: 'SELECT count(*) FROM (SELECT DISTINCT ts, message FROM events)' },
  ])('add no duplicate events ($kind: same audit ID, or an authlog line of the same time, host and text)', async ({ kind, dir, rotated, distinct }) => {
    const current = (kind === 'audit' ? auditLines : authLines).slice(50);
    const store = await newTestCase();
    await importFiles(store, [inputFromBytes(`${dir}.1`, linesOf(rotated)), inputFromBytes(dir, linesOf(current))]);
    expect(rowByPath(store, `${dir}.1`)).toMatchObject({ lines: rotated.length, events: rotated.length, merged: 0 });
    expect(rowByPath(store, dir)).toMatchObject({ lines: 100, events: 50, merged: 50, status: 'complete' });
    expect(events(store)).toBe(rotated.length + 50);
    expect(queryNumber(store.db, distinct)).toBe(150);
    expectEveryRowBalanced(store);
  });
});

describe('overlapping rotated auth logs', () => {
  const rotated = linesOf(authLines.slice(0, 101));
  const current = linesOf(authLines.slice(50));

  it('also when the overlap comes in a later import into the saved case', async () => {
    const first = await newTestCase();
    await importFiles(first, [inputFromBytes('prod/nodes/wk-1/auth.log.1', rotated)]);
    const reopened = CaseStore.open(await loadSqlJs(), first.platform, first.export());
    await importFiles(reopened, [inputFromBytes('prod/nodes/wk-1/auth.log', current)]);
    expect(rowByPath(reopened, 'prod/nodes/wk-1/auth.log')).toMatchObject({ lines: 100, events: 49, merged: 51 });
    expect(events(reopened)).toBe(150);
  });

  it('keeps lines of another host at the same second apart', async () => {
    const store = await newTestCase();
    const otherHost = encode(new TextDecoder().decode(current).replaceAll(' wk-1 ', ' wk-2 '));
    await importFiles(store, [inputFromBytes('prod/nodes/wk-1/auth.log', current), inputFromBytes('prod/nodes/wk-2/auth.log', otherHost)]);
    expect(rowByPath(store, 'prod/nodes/wk-2/auth.log')).toMatchObject({ events: 100, merged: 0 });
  });
});
