import { describe, expect, it } from 'vitest';
import { queryObjects } from '../query/sqlRows';
import { newTestCase } from '../testing/helpers';
import { concat } from './byteReader';
import { auditLog, authLog } from './fixtures/sampleLogs';
import { expectEveryRowBalanced, rowByPath } from './fixtures/testImport';
import { importFiles, type ImportProgress } from './importFiles';
import { inputFromBytes } from './input';

const authText = new TextDecoder().decode(authLog('wk-1', 6));

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = bigEndian ? c >> 8 : c & 0xff;
    out[3 + 2 * i] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}

async function importOne(path: string, bytes: Uint8Array) {
  const store = await newTestCase();
  await importFiles(store, [inputFromBytes(path, bytes)]);
  expectEveryRowBalanced(store);
  return { store, row: rowByPath(store, path) };
}

describe('text encodings', () => {
  const variants: [string, Uint8Array][] = [
    ['UTF-8 with BOM', concat(new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(authText))],
    ['UTF-16 LE with BOM', utf16(authText, false)],
    ['UTF-16 BE with BOM', utf16(authText, true)],
    ['CRLF line endings', new TextEncoder().encode(authText.replaceAll('\n', '\r\n'))],
  ];
  for (const [what, bytes] of variants) {
    it(`reads ${what}`, async () => {
      const { store, row } = await importOne('auth.log', bytes);
      expect(row).toMatchObject({ format: 'syslog-rfc3164', status: 'complete', lines: 6, events: 6, rejected: 0 });
      const [first] = queryObjects<{ message: string }>(store.db, 'SELECT message FROM events ORDER BY line LIMIT 1');
      expect(first.message).toBe(authText.split('\n')[0]);
    });
  }
});

describe('binary data', () => {
  it('is skipped with the reason, not read as a pile of rejects', async () => {
    const noise = new Uint8Array(300_000);
    for (let i = 0; i < noise.length; i += 65536) crypto.getRandomValues(noise.subarray(i, i + 65536));
    const { row } = await importOne('core.dump', noise);
    expect(row).toMatchObject({ status: 'skipped', lines: 0, rejected: 0, format: null });
    expect(row.reason).toMatch(/^binary data, not a text log \(NUL byte at offset \d+\)$/);
  });

  it('skips a file of NUL bytes without a newline', async () => {
    const { row } = await importOne('zeros', new Uint8Array(1 << 20));
    expect(row).toMatchObject({ status: 'skipped', reason: 'binary data, not a text log (NUL byte at offset 0)' });
  });

  it('still reads a JSON-lines log with one binary line, that line a reject', async () => {
    const lines = new TextDecoder().decode(auditLog(4, 30)).split('\n');
    lines.splice(10, 0, 'PK\u0003\u0004\u0000\u0000garbage\u0000\u0001\u0002');
    const { row } = await importOne('audit.log', new TextEncoder().encode(lines.join('\n')));
    expect(row).toMatchObject({ status: 'complete', lines: 31, events: 30, rejected: 1 });
  });
});

describe('progress', () => {
  it('counts bytes of the inputs as stored and lines of all members of the current input', async () => {
    const store = await newTestCase();
    const seen: ImportProgress[] = [];
    const big = auditLog(5, 3000);
    let t = 0;
    await importFiles(store, [inputFromBytes('a.log', big), inputFromBytes('b.log', authLog('wk-1', 5))], {
      now: () => (t += 60),
      onProgress: (p) => void seen.push(p),
    });
    const total = big.length + authLog('wk-1', 5).length;
    expect(seen.every((p) => p.bytesTotal === total && p.bytesRead <= total)).toBe(true);
    expect(seen[seen.length - 1]).toMatchObject({ fileIndex: 1, bytesRead: total, lines: 5, events: 5 });
    expect(seen.filter((p) => p.fileIndex === 0).pop()).toMatchObject({ lines: 3000, events: 3000 });
  });
});
