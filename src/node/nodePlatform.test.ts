import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { portablePlatform } from '../core/platform/portable';
import { nodePlatform } from './nodePlatform';

const MULTI_MEMBER = join(import.meta.dirname, '../cli/fixtures/logs/prod-eu-1/kube-apiserver/audit-2024-03-06T08-00-02.log.gz');

async function* chunksOf(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(it: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const c of it) parts.push(c);
  return Buffer.concat(parts).toString('utf8');
}

describe('nodePlatform', () => {
  it('gunzips every member of a concatenated .gz, whatever the chunking', async () => {
    const bytes = readFileSync(MULTI_MEMBER);
    for (const size of [1, 7, 1 << 20]) {
      const text = await collect(nodePlatform.gunzip(chunksOf(bytes, size)));
      expect(text.trimEnd().split('\n')).toHaveLength(4);
      expect(text).toBe(await collect(portablePlatform.gunzip(chunksOf(bytes, size))));
    }
  });

  it('throws on truncated gzip data instead of stopping quietly', async () => {
    const bytes = gzipSync(Buffer.from('x'.repeat(10_000) + '\n'));
    await expect(collect(nodePlatform.gunzip(chunksOf(bytes.subarray(0, bytes.length - 12), 64)))).rejects.toThrow();
  });

  it('hands over every byte decodable before a truncation, however slowly it is read, then throws', async () => {
    const lines = Array.from({ length: 40_000 }, (_, i) => `{"line":${i},"pad":"${'p'.repeat(i % 50)}"}`).join('\n');
    const whole = gzipSync(Buffer.from(lines));
    for (const cut of [0.3, 0.97]) {
      const truncated = whole.subarray(0, Math.floor(whole.length * cut));
      const decodable = gunzipSync(truncated, { finishFlush: constants.Z_SYNC_FLUSH });
      const got: Uint8Array[] = [];
      let failure: unknown = null;
      try {
        for await (const c of nodePlatform.gunzip(chunksOf(truncated, 8192))) {
          got.push(c);
          // A consumer busier than zlib (a loaded machine): the error must not overtake the data.
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      } catch (err) {
        failure = err;
      }
      expect(failure).toBeInstanceOf(Error);
      expect(Buffer.concat(got).equals(decodable)).toBe(true);
    }
  });

  it('forwards a read error from the source', async () => {
    async function* failing(): AsyncIterable<Uint8Array> {
      yield gzipSync(Buffer.from('a\n')).subarray(0, 5);
      throw new Error('disk on fire');
    }
    await expect(collect(nodePlatform.gunzip(failing()))).rejects.toThrow('disk on fire');
  });

  it('compresses records with Brotli, readable by the portable platform too, and reads the portable raw DEFLATE', async () => {
    const data = new TextEncoder().encode(readFileSync(MULTI_MEMBER.replace(/audit-[^/]+$/, 'audit.log'), 'utf8').repeat(20));
    expect(nodePlatform.recordCodec).toBe('brotli');
    const packed = await nodePlatform.compressRecords(data);
    expect(packed.length).toBeLessThan(data.length / 5);
    expect(await nodePlatform.decompressRecords('brotli', packed)).toEqual(data);
    expect(await portablePlatform.decompressRecords('brotli', packed)).toEqual(data);
    expect(portablePlatform.recordCodec).toBe('deflate-raw');
    expect(await nodePlatform.decompressRecords('deflate-raw', await portablePlatform.compressRecords(data))).toEqual(data);
  });

  it('refuses a block in a codec it does not know', async () => {
    for (const platform of [nodePlatform, portablePlatform]) {
      await expect(platform.decompressRecords('lz4', new Uint8Array(4))).rejects.toThrow('unknown codec: lz4');
      // A name an object inherits is no codec either.
      await expect(platform.decompressRecords('constructor', new Uint8Array(4))).rejects.toThrow('unknown codec: constructor');
    }
  });

  it('hashes incrementally as lowercase hex SHA-256', async () => {
    const hasher = await nodePlatform.createSha256();
    hasher.update(new TextEncoder().encode('trail'));
    hasher.update(new TextEncoder().encode('hound'));
    expect(hasher.digestHex()).toBe(createHash('sha256').update('trailhound').digest('hex'));
  });
});
