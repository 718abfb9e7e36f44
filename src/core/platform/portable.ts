import { Gunzip, deflateSync, inflateSync } from 'fflate';
import { createSHA256 } from 'hash-wasm';
import type { Platform, Sha256 } from './platform';

/** fflate's streaming Gunzip reads every member of a multi-member file; errors surface as throws. */
export async function* gunzipWithFflate(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const out: Uint8Array[] = [];
  const gz = new Gunzip((data) => {
    out.push(data);
  });
  let sawAny = false;
  for await (const chunk of chunks) {
    sawAny = true;
    gz.push(chunk, false);
    while (out.length) yield out.shift() as Uint8Array;
  }
  if (!sawAny) return;
  gz.push(new Uint8Array(0), true);
  while (out.length) yield out.shift() as Uint8Array;
}

async function createSha256WithWasm(): Promise<Sha256> {
  const hasher = await createSHA256();
  hasher.init();
  return {
    update: (chunk) => void hasher.update(chunk),
    digestHex: () => hasher.digest('hex'),
  };
}

/** Runs anywhere: pure JavaScript and WebAssembly. */
export const portablePlatform: Platform = {
  deflateRaw: (data) => Promise.resolve(deflateSync(data, { level: 1 })),
  inflateRaw: (data) => Promise.resolve(inflateSync(data)),
  gunzip: gunzipWithFflate,
  createSha256: createSha256WithWasm,
};
