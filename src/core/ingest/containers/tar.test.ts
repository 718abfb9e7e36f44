import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ByteReader, concat } from '../byteReader';
import { makeTar } from '../fixtures/makeTar';
import { isTarHeader, readTarEntries, TarDamage, type TarEntryKind } from './tar';

const fixture = (name: string): Uint8Array => gunzipSync(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

async function* inChunks(bytes: Uint8Array, sizes: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = sizes.length ? Math.max(1, sizes[i % sizes.length]) : bytes.length;
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

interface ReadEntry { name: string; kind: TarEntryKind; linkName: string; mtime: number; bytes: Uint8Array }

async function readAll(bytes: Uint8Array, sizes: readonly number[] = []): Promise<ReadEntry[]> {
  const out: ReadEntry[] = [];
  for await (const e of readTarEntries(new ByteReader(inChunks(bytes, sizes)), 1 << 20)) {
    const parts: Uint8Array[] = [];
    for await (const piece of e.body) parts.push(piece);
    out.push({ name: e.name, kind: e.kind, linkName: e.linkName, mtime: e.mtime, bytes: concat(...parts) });
  }
  return out;
}

describe('tar reader on archives written by GNU tar 1.34', () => {
  const LONG = 'prod-eu-1/a-folder-with-quite-a-long-name-to-pass-the-hundred-byte-limit/and-another-long-folder-name-here/member-with-a-long-name.log';
  for (const format of ['gnu', 'pax', 'ustar']) {
    it(`reads --format=${format}: long names, links, folders, mtimes`, async () => {
      const tar = fixture(`gnutar-${format}.tar.gz`);
      expect(isTarHeader(tar.subarray(0, 512))).toBe(true);
      const entries = await readAll(tar, [700]);
      const files = entries.filter((e) => e.kind === 'file');
      expect(files.map((e) => e.name)).toEqual([LONG, 'prod-eu-1/kube-apiserver/audit.log', 'prod-eu-1/nodes/wk-1/auth.hardlink']);
      expect(new TextDecoder().decode(files[1].bytes)).toBe('{"a":1}\n{"b":2}\n');
      expect(files[1].mtime).toBe(Date.UTC(2024, 2, 5, 12));
      expect(entries.find((e) => e.kind === 'symlink')).toMatchObject({ name: 'prod-eu-1/nodes/link-to-audit', linkName: '../kube-apiserver/audit.log' });
      expect(entries.find((e) => e.kind === 'hardlink')).toMatchObject({ name: 'prod-eu-1/nodes/wk-1/auth.log', linkName: 'prod-eu-1/nodes/wk-1/auth.hardlink' });
      expect(entries.filter((e) => e.kind === 'directory').length).toBe(6);
    });
  }
});

describe('tar reader, any chunking', () => {
  const member = fc.record({
    name: fc.stringMatching(/^[a-z0-9._-]{1,20}(\/[a-z0-9._-]{1,40}){0,6}$/).filter((n) => !n.endsWith('/')),
    bytes: fc.uint8Array({ maxLength: 2000 }),
    longNames: fc.constantFrom('pax' as const, 'gnu' as const),
  });

  it('reads back what was written, whatever the chunk sizes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(member, { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 1500 }), { maxLength: 10 }), async (members, sizes) => {
        const entries = await readAll(makeTar(members), sizes);
        expect(entries.map((e) => e.name)).toEqual(members.map((m) => m.name));
        entries.forEach((e, i) => expect(e.bytes).toEqual(members[i].bytes));
      }),
      { numRuns: 150 },
    );
  });

  it('skips a body its reader left unread', async () => {
    const tar = makeTar([{ name: 'a.log', bytes: new Uint8Array(3000).fill(65) }, { name: 'b.log', bytes: text('bee') }]);
    const names: string[] = [];
    for await (const e of readTarEntries(new ByteReader(inChunks(tar, [100])), 1 << 20)) names.push(e.name);
    expect(names).toEqual(['a.log', 'b.log']);
  });
});

describe('damaged tars', () => {
  const tar = makeTar([{ name: 'a.log', bytes: text('x'.repeat(1500)) }, { name: 'b.log', bytes: text('bee\n') }]);

  it('a member cut short throws where it ends, after the bytes that were there', async () => {
    const cut = tar.subarray(0, 512 + 1000);
    const reader = readTarEntries(new ByteReader(inChunks(cut, [300])), 1 << 20);
    const first = await reader.next();
    let got = 0;
    const read = async (): Promise<void> => {
      for await (const piece of (first.value as { body: AsyncIterable<Uint8Array> }).body) got += piece.length;
    };
    await expect(read()).rejects.toThrow(/tar truncated: "a.log" ends after 1000 of 1500 bytes/);
    expect(got).toBe(1000);
  });

  it('a header cut short, or no end-of-archive marker, is damage', async () => {
    await expect(readAll(tar.subarray(0, 2048 + 100))).rejects.toThrow(/truncated in the header/);
    await expect(readAll(makeTar([{ name: 'a.log', bytes: text('a') }], { end: false }))).rejects.toThrow(/without its end-of-archive marker after 1 entries/);
  });

  it('a corrupt header is damage, not garbage entries', async () => {
    const bad = tar.slice();
    bad[2048 + 3] ^= 0xff;
    await expect(readAll(bad)).rejects.toThrow(TarDamage);
    await expect(readAll(bad)).rejects.toThrow(/checksum mismatch/);
  });

  it('refuses an oversized pax header', async () => {
    const long = makeTar([{ name: `${'d/'.repeat(80)}x.log`, bytes: text('x') }]);
    const out = readTarEntries(new ByteReader(inChunks(long, [])), 16);
    await expect(out.next()).rejects.toThrow(/metadata entry of \d+ bytes/);
  });
});
