import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { nodePlatform } from '../../node/nodePlatform';
import { portablePlatform } from '../platform/portable';
import { queryObjects } from '../query/sqlRows';
import { randomAccessFromBytes } from './containers/randomAccess';
import { readZipDirectory } from './containers/zip';
import { makeTar } from './fixtures/makeTar';
import { streamedZip } from './fixtures/makeZip';
import { auditLog, authLog } from './fixtures/sampleLogs';
import { expectEveryRowBalanced, fileRows, importOne, newCaseOn, rowByPath, sha256 } from './fixtures/testImport';
import { importFiles } from './importFiles';
import { inputFromBytes } from './input';

const audit = auditLog(11, 40);


describe('truncated and corrupt containers', () => {
  it('a truncated gzip keeps every complete line, counts the cut-off line as a reject, and is partial', async () => {
    const gz = gzipSync(auditLog(15, 400), { mtime: 0 });
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    // What zlib can decode of the cut stream: its complete lines must all be kept.
    const decodable = gunzipSync(cut, { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const completeLines = decodable.toString('latin1').split('\n').length - 1;
    // Node's zlib, as the CLI reads. fflate 0.8.3 (the portable and worker gunzip) misses a
    // truncation at some cut points, this one included: it ends quietly after the decodable part.
    for (const platform of [nodePlatform]) {
      const store = await importOne('audit.log.gz', cut, {}, platform);
      const row = rowByPath(store, 'audit.log.gz');
      expect(row).toMatchObject({ status: 'partial', sha256: await sha256(cut), events: completeLines, rejected: 1, lines: completeLines + 1 });
      expect(row.reason).toMatch(/^gzip data truncated or corrupt after \d+ compressed bytes: .* \(read up to line \d+\)$/);
      expect(queryObjects(store.db, 'SELECT line, reason FROM rejects')).toEqual([{ line: completeLines + 1, reason: expect.stringMatching(/^incomplete last line: gzip data truncated/) }]);
    }
  });

  it('a truncated tar leaves the member partial (its complete lines kept) and the archive partial', async () => {
    const tar = makeTar([{ name: 'a/auth.log', bytes: authLog('wk-1', 10) }, { name: 'b/audit.log', bytes: audit }]);
    const cut = tar.subarray(0, 512 + 1024 + 512 + 3000);
    const store = await importOne('cut.tar', cut);
    expect(rowByPath(store, 'cut.tar!a/auth.log')).toMatchObject({ status: 'complete', events: 10 });
    const member = rowByPath(store, 'cut.tar!b/audit.log');
    expect(member).toMatchObject({ status: 'partial', rejected: 1, reason: expect.stringMatching(/^tar truncated: "b\/audit.log" ends after 3000 of \d+ bytes/) });
    expect(member.events).toBeGreaterThan(0);
    expect(rowByPath(store, 'cut.tar')).toMatchObject({ status: 'partial', reason: expect.stringMatching(/^tar truncated/) });
  });

  it('a truncated tar around a .gz member keeps every line gunzip could decode before the cut', async () => {
    const member = auditLog(17, 600);
    const gz = gzipSync(member, { mtime: 0 });
    const cutAt = 512 + Math.floor(gz.length * 0.7);
    const decodable = gunzipSync(gz.subarray(0, cutAt - 512), { finishFlush: zlibConstants.Z_SYNC_FLUSH });
    const completeLines = decodable.toString('latin1').split('\n').length - 1;
    for (const platform of [nodePlatform, portablePlatform]) {
      const store = await newCaseOn(platform);
      await importFiles(store, [inputFromBytes('cut.tar', makeTar([{ name: 'a/audit.log.gz', bytes: gz }]).subarray(0, cutAt))]);
      expectEveryRowBalanced(store);
      expect(rowByPath(store, 'cut.tar!a/audit.log.gz')).toMatchObject({ status: 'partial', events: completeLines, rejected: 1, reason: expect.stringMatching(/^tar truncated: "a\/audit.log.gz" ends after/) });
      expect(rowByPath(store, 'cut.tar')).toMatchObject({ status: 'partial' });
    }
  });

  it('a truncated .tar.gz', async () => {
    const tgz = gzipSync(makeTar([{ name: 'a/audit.log', bytes: auditLog(16, 400) }]));
    const store = await importOne('cut.tgz', tgz.subarray(0, tgz.length / 2));
    expect(rowByPath(store, 'cut.tgz')).toMatchObject({ status: 'partial', reason: expect.stringMatching(/^gzip data truncated/) });
    expect(rowByPath(store, 'cut.tgz!a/audit.log')).toMatchObject({ status: 'partial', rejected: 1 });
  });

  it('a zip cut short is read from its local headers: complete entries kept, the cut one partial', async () => {
    const auth = authLog('wk-1', 300);
    const zip = zipSync({ 'a/audit.log': [audit, { level: 6 }], 'b/auth.log': [auth, { level: 6 }] });
    const { entries } = await readZipDirectory(randomAccessFromBytes(zip), 10);
    const store = await importOne('cut.zip', zip.subarray(0, entries[1].localHeaderOffset + 40 + entries[1].compressedSize / 2));
    expect(fileRows(store).map((r) => [r.path, r.status])).toEqual([['cut.zip', 'partial'], ['cut.zip!a/audit.log', 'complete'], ['cut.zip!b/auth.log', 'partial']]);
    expect(rowByPath(store, 'cut.zip').reason).toBe(
      'zip has no end-of-central-directory record (truncated, or not a zip); 2 entries found from their local headers; and 1 more damaged',
    );
    const cut = rowByPath(store, 'cut.zip!b/auth.log');
    expect(cut).toMatchObject({ reason: expect.stringMatching(/^zip truncated: entry "b\/auth.log" runs past the end of the file/), rejected: 1 });
    expect(cut.events).toBeGreaterThan(10);
    expect(rowByPath(store, 'cut.zip!a/audit.log').events).toBe(40);
  });

  it('a zip written as a stream and cut short is skipped with the reason', async () => {
    const zip = streamedZip({ 'a/audit.log': { bytes: audit } });
    const store = await importOne('cut.zip', zip.subarray(0, zip.length - 40));
    expect(fileRows(store).map((r) => [r.path, r.status, r.reason])).toEqual([
      ['cut.zip', 'skipped', 'zip has no end-of-central-directory record (truncated, or not a zip); entry "a/audit.log" was written with its sizes after its data, so the entries after it cannot be found'],
    ]);
  });

  it('a corrupt entry is partial, and so is its zip; the other entries are read', async () => {
    const zip = zipSync({ 'a/audit.log': [audit, { level: 6 }], 'b/auth.log': [authLog('wk-1', 5), { level: 6 }] });
    const bad = zip.slice();
    bad[30 + 'a/audit.log'.length + 200] ^= 0xff;
    const store = await newCaseOn(nodePlatform);
    await importFiles(store, [inputFromBytes('bad.zip', bad)]);
    expect(rowByPath(store, 'bad.zip!a/audit.log')).toMatchObject({ status: 'partial', reason: expect.stringMatching(/^zip entry "a\/audit.log" is corrupt/) });
    expect(rowByPath(store, 'bad.zip!b/auth.log')).toMatchObject({ status: 'complete', events: 5 });
    expect(rowByPath(store, 'bad.zip')).toMatchObject({ status: 'partial', reason: expect.stringMatching(/^zip entry "a\/audit.log" is corrupt/) });
    expectEveryRowBalanced(store);
  });

  it('skips a zip inside a tar past the memory bound, and reads on', async () => {
    const tar = makeTar([{ name: 'big.zip', bytes: zipSync({ 'x.log': audit }) }, { name: 'y/audit.log', bytes: auditLog(14, 3) }]);
    const store = await importOne('t.tar', tar, { limits: { maxBufferedBytes: 1024 } });
    expect(rowByPath(store, 't.tar!big.zip')).toMatchObject({ status: 'skipped', format: 'zip', reason: expect.stringMatching(/^zip larger than 0.0009765625 MiB inside another archive/) });
    expect(rowByPath(store, 't.tar!y/audit.log')).toMatchObject({ events: 3 });
  });

  it('stops at the entry bound', async () => {
    const tar = makeTar(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.log`, bytes: auditLog(20 + i, 1) })));
    const store = await importOne('many.tar', tar, { limits: { maxArchiveEntries: 3 } });
    expect(rowByPath(store, 'many.tar')).toMatchObject({ status: 'partial', reason: 'more than 3 entries: the rest were not read' });
    expect(fileRows(store).length).toBe(4);
  });

  it('skips xz, bzip2 and zstd with the reason', async () => {
    const store = await importOne('audit.log.xz', new Uint8Array([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4, 1, 2, 3]));
    expect(rowByPath(store, 'audit.log.xz')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^compressed as xz, which is not read/) });
    const text = await importOne('notes.log', strToU8('BZh is not bzip2 without its block size digit\n'));
    expect(rowByPath(text, 'notes.log').reason).toMatch(/^no known log format/);
  });
});
