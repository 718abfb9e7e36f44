import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { portablePlatform } from '../../platform/portable';
import { nodePlatform } from '../../../node/nodePlatform';
import { concat } from '../byteReader';
import { streamedZip, withZip64End } from '../fixtures/makeZip';
import { randomAccessFromBytes } from './randomAccess';
import { readZipDirectory, ZipDamage, type ZipEntry } from './zip';
import { zipEntryContent } from './zipEntry';

const audit = strToU8('{"a":1}\n'.repeat(500));
const auth = strToU8('Mar  5 10:00:01 wk-1 sshd[1]: Accepted publickey for alice from 10.0.0.1 port 22 ssh2\n');

async function contents(zip: Uint8Array, gunzip = portablePlatform.gunzip): Promise<Record<string, string>> {
  const file = randomAccessFromBytes(zip);
  const { entries } = await readZipDirectory(file, 1000);
  const out: Record<string, string> = {};
  for (const e of entries.filter((x) => x.kind === 'file')) {
    const parts: Uint8Array[] = [];
    for await (const piece of zipEntryContent(file, e, gunzip)) parts.push(piece);
    out[e.name] = new TextDecoder().decode(concat(...parts));
  }
  return out;
}

const entriesOf = async (zip: Uint8Array): Promise<ZipEntry[]> => (await readZipDirectory(randomAccessFromBytes(zip), 1000)).entries;

describe('zip reader', () => {
  const zip = zipSync({ 'logs/audit.log': [audit, { level: 6 }], 'logs/auth.log': [auth, { level: 0 }] }, { mtime: Date.UTC(2024, 2, 5, 12) });

  it('reads stored and deflated entries through the central directory, with both gunzips', async () => {
    const expected = { 'logs/audit.log': new TextDecoder().decode(audit), 'logs/auth.log': new TextDecoder().decode(auth) };
    expect(await contents(zip)).toEqual(expected);
    expect(await contents(zip, nodePlatform.gunzip)).toEqual(expected);
    const [deflated, stored] = await entriesOf(zip);
    expect([deflated.method, stored.method]).toEqual([8, 0]);
    expect(deflated).toMatchObject({ size: audit.length, mtime: Date.UTC(2024, 2, 5, 12) });
  });

  it('reads entries written with data descriptors (a zip written as a stream)', async () => {
    const streamed = streamedZip({ 'a/audit.log': { bytes: audit }, 'a/auth.log': { bytes: auth, stored: true } });
    expect(Object.keys(await contents(streamed))).toEqual(['a/audit.log', 'a/auth.log']);
    expect((await contents(streamed))['a/auth.log']).toBe(new TextDecoder().decode(auth));
  });

  it('reads a zip written by Python to a pipe: data descriptors, a folder, a Unix symlink', async () => {
    const py = readFileSync(new URL('../fixtures/python-streamed.zip', import.meta.url));
    const entries = await entriesOf(py);
    expect(entries.map((e) => [e.name, e.kind])).toEqual([
      ['prod-eu-1/', 'directory'], ['prod-eu-1/kube-apiserver/audit.log', 'file'], ['prod-eu-1/nodes/wk-1/auth.log', 'file'], ['prod-eu-1/nodes/link', 'symlink'],
    ]);
    expect((await contents(py))['prod-eu-1/kube-apiserver/audit.log']).toBe('{"a":1}\n'.repeat(50));
  });

  it('reads a zip64 end record, and a zip behind a prepended stub (self-extractor)', async () => {
    expect(await contents(withZip64End(zip))).toEqual(await contents(zip));
    expect(await contents(concat(strToU8('#!/bin/sh\nexit 0\n'), zip))).toEqual(await contents(zip));
  });

  it('finds the end record behind an archive comment', async () => {
    const commented = zipSync({ 'x.log': auth }, { comment: 'made for a test PK\x05\x06 inside' } as never);
    expect(Object.keys(await contents(commented))).toEqual(['x.log']);
  });
});

describe('damaged zips', () => {
  const zip = zipSync({ 'audit.log': [audit, { level: 6 }], 'auth.log': [auth, { level: 0 }] });

  it('a zip cut short has no directory to read', async () => {
    await expect(entriesOf(zip.subarray(0, zip.length - 30))).rejects.toThrow(/no end-of-central-directory record/);
  });

  it('a corrupt deflated entry fails its CRC check', async () => {
    const bad = zip.slice();
    const dataAt = 30 + 'audit.log'.length + 20;
    bad[dataAt] ^= 0x55;
    const file = randomAccessFromBytes(bad);
    const {
      entries: [entry],
    } = await readZipDirectory(file, 10);
    const read = async (): Promise<void> => {
      for await (const _ of zipEntryContent(file, entry, nodePlatform.gunzip)) void _;
    };
    await expect(read()).rejects.toThrow(ZipDamage);
    await expect(read()).rejects.toThrow(/zip entry "audit.log" is corrupt/);
  });

  it('an entry whose data runs past the end, or whose local header is missing, is damage', async () => {
    const file = randomAccessFromBytes(zip);
    const {
      entries: [entry],
    } = await readZipDirectory(file, 10);
    const read = async (e: ZipEntry): Promise<void> => {
      for await (const _ of zipEntryContent(file, e, portablePlatform.gunzip)) void _;
    };
    const { entries } = await readZipDirectory(file, 10);
    const stored = entries[1];
    await expect(read({ ...stored, compressedSize: zip.length, size: zip.length })).rejects.toThrow(/zip truncated: entry "auth.log" runs past the end/);
    await expect(read({ ...entry, localHeaderOffset: 7 })).rejects.toThrow(/no local header at offset 7/);
  });

  it('stops at the entry limit and says how many were left', async () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.log`, auth])));
    const dir = await readZipDirectory(randomAccessFromBytes(many), 5);
    expect(dir.entries.length).toBe(5);
    expect(dir.entriesLeftOut).toBe(7);
  });
});
