import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { gunzipWithFflate } from './portable';

async function gunzipAll(bytes: Uint8Array, chunk = 7): Promise<string> {
  async function* chunks(): AsyncIterable<Uint8Array> {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  let text = '';
  for await (const part of gunzipWithFflate(chunks())) text += new TextDecoder().decode(part, { stream: true });
  return text;
}

const twoMembers = (): Uint8Array => {
  const a = gzipSync(new TextEncoder().encode('first line\nsecond line\n'));
  const b = gzipSync(new TextEncoder().encode('third line\n'));
  const both = new Uint8Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  return both;
};

describe('gunzipWithFflate', () => {
  it('reads every member of a multi-member file', async () => {
    expect(await gunzipAll(twoMembers())).toBe('first line\nsecond line\nthird line\n');
  });

  it('fails on every cut point short of the end, the trailer bytes included', async () => {
    const whole = twoMembers();
    const firstMemberEnd = gzipSync(new TextEncoder().encode('first line\nsecond line\n')).length;
    const passed: number[] = [];
    for (let cut = 1; cut < whole.length; cut++) {
      try {
        await gunzipAll(whole.subarray(0, cut));
        passed.push(cut);
      } catch {
        /* expected */
      }
    }
    // Cut exactly between two members, what is left is a whole gzip file: nothing can tell.
    expect(passed).toEqual([firstMemberEnd]);
  });
});
