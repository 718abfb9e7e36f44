import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { collectDiskInputs } from '../../node/diskInputs';
import { nodePlatform } from '../../node/nodePlatform';
import { newTestCase } from '../testing/helpers';
import { makeTar } from './fixtures/makeTar';
import { auditLog, authLog } from './fixtures/sampleLogs';
import { expectEveryRowBalanced, fileRows, newCaseOn, rowByPath, sha256 } from './fixtures/testImport';
import { importFiles } from './importFiles';
import { inputFromBytes, type InputFile } from './input';


describe('zip and nested archives', () => {
  const audit = auditLog(7, 15);
  const auth = authLog('wk-2', 6);

  it('reads stored and deflated zip entries, in place or from a stream', async () => {
    const zip = zipSync({ 'prod-eu-1/kube-apiserver/audit.log': [audit, { level: 6 }], 'prod-eu-1/nodes/wk-2/auth.log': [auth, { level: 0 }] });
    const inPlace = inputFromBytes('logs.zip', zip);
    const streamOnly: InputFile = { ...inPlace, readRange: undefined };
    for (const input of [inPlace, streamOnly]) {
      const store = await newTestCase();
      await importFiles(store, [input]);
      expect(fileRows(store).map((r) => [r.path, r.format, r.status, r.events, r.cluster])).toEqual([
        ['logs.zip', 'zip', 'complete', 0, null],
        ['logs.zip!prod-eu-1/kube-apiserver/audit.log', 'k8s-audit-json', 'complete', 15, 'prod-eu-1'],
        ['logs.zip!prod-eu-1/nodes/wk-2/auth.log', 'syslog-rfc3164', 'complete', 6, 'prod-eu-1'],
      ]);
      expect(rowByPath(store, 'logs.zip')).toMatchObject({ size: zip.length, sha256: await sha256(zip) });
      expect(rowByPath(store, 'logs.zip!prod-eu-1/kube-apiserver/audit.log')).toMatchObject({ size: audit.length, sha256: await sha256(audit) });
      expectEveryRowBalanced(store);
    }
  });

  it('reads a zip on disk in place, through its directory, with Node\'s zlib (as the CLI does)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trailhound-zip-'));
    try {
      const zip = zipSync({ 'prod-eu-1/kube-apiserver/audit.log': [audit, { level: 6 }], 'prod-eu-1/nodes/wk-2/auth.log': [auth, { level: 0 }] });
      writeFileSync(join(dir, 'logs.zip'), zip);
      const { inputs } = await collectDiskInputs([join(dir, 'logs.zip')]);
      const opened: string[] = [];
      const input = { ...inputs[0], open: () => (opened.push('open'), inputs[0].open()) };
      const store = await newCaseOn(nodePlatform);
      await importFiles(store, [input]);
      expect(fileRows(store).map((r) => [r.path, r.status, r.events])).toEqual([
        ['logs.zip', 'complete', 0],
        ['logs.zip!prod-eu-1/kube-apiserver/audit.log', 'complete', 15],
        ['logs.zip!prod-eu-1/nodes/wk-2/auth.log', 'complete', 6],
      ]);
      expect(rowByPath(store, 'logs.zip').sha256).toBe(await sha256(zip));
      // One sequential pass, for the hash; the entries are read through readRange.
      expect(opened).toEqual(['open']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a zip inside a .tar.gz, and a tar inside a zip', async () => {
    const innerZip = zipSync({ 'x/audit.log': audit });
    const outer = gzipSync(makeTar([{ name: 'exports/inner.zip', bytes: innerZip }]));
    const tarInZip = zipSync({ 'b.tar': [makeTar([{ name: 'prod-eu-1/nodes/wk-2/auth.log', bytes: auth }]), { level: 0 }] });
    const store = await newTestCase();
    await importFiles(store, [inputFromBytes('outer.tar.gz', outer), inputFromBytes('a.zip', tarInZip)]);
    expect(fileRows(store).map((r) => [r.path, r.format, r.status, r.events])).toEqual([
      ['outer.tar.gz', 'tar', 'complete', 0],
      ['outer.tar.gz!exports/inner.zip', 'zip', 'complete', 0],
      ['outer.tar.gz!exports/inner.zip!x/audit.log', 'k8s-audit-json', 'complete', 15],
      ['a.zip', 'zip', 'complete', 0],
      ['a.zip!b.tar', 'tar', 'complete', 0],
      ['a.zip!b.tar!prod-eu-1/nodes/wk-2/auth.log', 'syslog-rfc3164', 'complete', 6],
    ]);
    expect(rowByPath(store, 'outer.tar.gz!exports/inner.zip')).toMatchObject({ size: innerZip.length, sha256: await sha256(innerZip) });
    expect(rowByPath(store, 'a.zip!b.tar!prod-eu-1/nodes/wk-2/auth.log').cluster).toBe('prod-eu-1');
    expectEveryRowBalanced(store);
  });

  it('reads a .tar.gz inside a zip inside a tar, a .tar.gz.gz and a .zip.gz', async () => {
    const deep = makeTar([{ name: 'a.zip', bytes: zipSync({ 'b.tar.gz': gzipSync(makeTar([{ name: 'x/audit.log', bytes: audit }])) }) }]);
    const store = await newTestCase();
    await importFiles(store, [
      inputFromBytes('drop.tar', deep),
      inputFromBytes('twice.tgz.gz', gzipSync(gzipSync(makeTar([{ name: 'y/auth.log', bytes: auth }])))),
      inputFromBytes('logs.zip.gz', gzipSync(zipSync({ 'z/auth.log': authLog('wk-3', 4) }))),
    ]);
    expect(rowByPath(store, 'logs.zip.gz')).toMatchObject({ format: 'zip', status: 'complete' });
    expect(rowByPath(store, 'logs.zip.gz!z/auth.log')).toMatchObject({ events: 4 });
    expect(rowByPath(store, 'drop.tar!a.zip!b.tar.gz!x/audit.log')).toMatchObject({ events: 15, status: 'complete' });
    expect(rowByPath(store, 'drop.tar!a.zip!b.tar.gz')).toMatchObject({ format: 'tar', lines: 0 });
    expect(rowByPath(store, 'twice.tgz.gz')).toMatchObject({ format: 'tar', status: 'complete' });
    expect(rowByPath(store, 'twice.tgz.gz!y/auth.log')).toMatchObject({ events: 6 });
    expectEveryRowBalanced(store);
  });

  it('keeps a gzipped log one row, and lists links as skipped rows and folders not at all', async () => {
    const store = await newTestCase();
    const tar = makeTar([
      { name: 'logs/', type: 'directory' },
      { name: 'logs/audit.log', bytes: audit },
      { name: 'logs/current', type: 'symlink', linkName: 'audit.log' },
      { name: 'logs/audit.hard', type: 'hardlink', linkName: 'logs/audit.log' },
      { name: 'logs/pipe', type: 'fifo' },
    ]);
    await importFiles(store, [inputFromBytes('audit.log.gz', gzipSync(audit)), inputFromBytes('links.tar', tar)]);
    expect(fileRows(store).map((r) => [r.path, r.status, r.reason])).toEqual([
      ['audit.log.gz', 'complete', null],
      ['links.tar', 'complete', null],
      // The same audit events as the .gz (other bytes, so not a duplicate file): merged by audit ID.
      ['links.tar!logs/audit.log', 'complete', null],
      ['links.tar!logs/current', 'skipped', 'symbolic link to "audit.log": not followed'],
      ['links.tar!logs/audit.hard', 'skipped', 'hard link to "logs/audit.log": its content is read under that name'],
      ['links.tar!logs/pipe', 'skipped', 'FIFO (named pipe): no content to read'],
    ]);
    expect(rowByPath(store, 'links.tar!logs/audit.log')).toMatchObject({ lines: 15, events: 0, merged: 15 });
  });

  it('lists encrypted entries and other compression methods as skipped rows', async () => {
    const zip = zipSync({ 'a.log': [audit, { level: 0 }], 'b.log': [auth, { level: 0 }], 'c.log': [auth, { level: 6 }] });
    const v = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const dirOffset = v.getUint32(zip.length - 22 + 16, true);
    v.setUint16(dirOffset + 8, v.getUint16(dirOffset + 8, true) | 1, true); // a.log: encrypted
    const second = dirOffset + 46 + 'a.log'.length;
    v.setUint16(second + 10, 12, true); // b.log: bzip2
    const store = await newTestCase();
    await importFiles(store, [inputFromBytes('odd.zip', zip)]);
    expect(fileRows(store).map((r) => [r.path, r.status, r.reason])).toEqual([
      ['odd.zip', 'complete', null],
      ['odd.zip!a.log', 'skipped', 'encrypted zip entry: not readable without its password'],
      ['odd.zip!b.log', 'skipped', 'zip compression method 12 is not read (only stored and deflated entries are)'],
      ['odd.zip!c.log', 'complete', null],
    ]);
  });
});
