import { decompress as decompressBrotli } from 'brotli/decompress';
import { Gunzip, deflateSync, inflateSync } from 'fflate';
import { createSHA256 } from 'hash-wasm';
import { unknownCodec, type Platform, type Sha256 } from './platform';

/**
 * fflate's streaming Gunzip reads every member of a multi-member file; errors surface as throws.
 * It does not check a member's trailer, so a file cut inside the last member's 8-byte trailer
 * would pass as whole: the last member's ISIZE (its length mod 2^32) is checked here instead.
 */
export async function* gunzipWithFflate(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const out: Uint8Array[] = [];
  let total = 0;
  let lastMemberStart = 0;
  const gz = new Gunzip((data) => {
    out.push(data);
    total += data.length;
  });
  gz.onmember = () => {
    lastMemberStart = total;
  };
  let tail: Uint8Array = new Uint8Array(0);
  let sawAny = false;
  for await (const chunk of chunks) {
    sawAny = true;
    tail = lastBytes(tail, chunk, 8);
    gz.push(chunk, false);
    while (out.length) yield out.shift() as Uint8Array;
  }
  if (!sawAny) return;
  gz.push(new Uint8Array(0), true);
  while (out.length) yield out.shift() as Uint8Array;
  const isize = tail.length === 8 ? new DataView(tail.buffer, tail.byteOffset).getUint32(4, true) : -1;
  if (isize !== (total - lastMemberStart) % 2 ** 32) throw new Error('unexpected end of file: the last gzip member has no complete trailer');
}

function lastBytes(previous: Uint8Array, chunk: Uint8Array, n: number): Uint8Array {
  if (chunk.length >= n) return chunk.slice(chunk.length - n);
  const joined = new Uint8Array(previous.length + chunk.length);
  joined.set(previous);
  joined.set(chunk, previous.length);
  return joined.slice(Math.max(0, joined.length - n));
}

async function createSha256WithWasm(): Promise<Sha256> {
  const hasher = await createSHA256();
  hasher.init();
  return {
    update: (chunk) => void hasher.update(chunk),
    digestHex: () => hasher.digest('hex'),
  };
}

/** Decompresses a raw block in JavaScript: fflate for raw DEFLATE, the reference decoder's port for Brotli (the CLI's blocks). */
export function decompressRecordsPortable(codec: string, data: Uint8Array): Promise<Uint8Array> {
  if (codec === 'deflate-raw') return Promise.resolve(inflateSync(data));
  if (codec === 'brotli') return Promise.resolve(decompressBrotli(data));
  return unknownCodec(codec);
}

/** Runs anywhere: pure JavaScript and WebAssembly. */
export const portablePlatform: Platform = {
  recordCodec: 'deflate-raw',
  compressRecords: (data) => Promise.resolve(deflateSync(data, { level: 1 })),
  decompressRecords: decompressRecordsPortable,
  gunzip: gunzipWithFflate,
  createSha256: createSha256WithWasm,
};
