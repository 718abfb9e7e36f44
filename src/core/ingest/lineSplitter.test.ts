import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from './lineSplitter';

/** A stand-in for the host's fast decoder (Node's Buffer in the CLI): all-ASCII bytes only. */
const asciiOnly = (bytes: Uint8Array): string | null => (bytes.every((b) => b < 0x80) ? String.fromCharCode(...bytes) : null);

function splitAll(bytes: Uint8Array, cuts: number[], fast: boolean): string[] {
  const splitter = new LineSplitter(fast ? asciiOnly : null);
  const out: string[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(...splitter.push(bytes.subarray(from, cut)).map((l) => l.text));
    from = cut;
  }
  out.push(...splitter.end().map((l) => l.text));
  return out;
}

describe('LineSplitter with a fast ASCII decoder', () => {
  it('gives the same lines as TextDecoder alone, wherever chunks cut multi-byte characters', () => {
    const text = fc.array(fc.oneof(fc.constantFrom('a', 'Z', ' ', '\n', '\r\n', '{"u":"x"}'), fc.constantFrom('é', '€', '😀', '\uFEFF')), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 8 }), (t, rawCuts) => {
        const bytes = new TextEncoder().encode(t);
        const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const expected = t.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, ''));
        if (expected[expected.length - 1] === '') expected.pop();
        expect(splitAll(bytes, cuts, true)).toEqual(splitAll(bytes, cuts, false));
        expect(splitAll(bytes, cuts, true)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('takes over after a chunk that ended inside a character only once the character is complete', () => {
    const bytes = new TextEncoder().encode('caf\u00e9 ok\nnext line\n');
    // Cut inside é (2 bytes): the next chunk starts with its second byte, not ASCII, so TextDecoder finishes it.
    expect(splitAll(bytes, [4, 8], true)).toEqual(['café ok', 'next line']);
  });
});
