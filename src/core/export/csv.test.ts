import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, toCsv } from './csv';

describe('csvField', () => {
  it('quotes fields holding a comma, a quote or a line break, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('neutralizes text that a spreadsheet would run as a formula', () => {
    for (const hostile of ['=cmd|" /C calc"!A0', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
      expect(csvField(hostile).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('a=b')).toBe('a=b');
  });

  it('keeps numbers as numbers, negative ones included, and can leave formulas alone', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField(10n)).toBe('10');
    expect(csvField('-5', false)).toBe('-5');
  });

  it('writes NULL as empty, booleans as 0/1 and BLOBs as hex', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('1');
    expect(csvField(new Uint8Array([0, 15, 255]))).toBe('000fff');
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF records, with an optional BOM', () => {
    const text = toCsv(['id', 'user'], [[1, 'alice'], [2, null]]);
    expect(text).toBe('id,user\r\n1,alice\r\n2,\r\n');
    expect(toCsv(['a'], [], { bom: true })).toBe('\uFEFFa\r\n');
    expect(toCsv(['a'], [['x']], { eol: '\n' })).toBe('a\nx\n');
  });

  it('neutralizes hostile column names too', () => {
    expect(csvRecord(['=1+1', 'ok'])).toBe("'=1+1,ok");
  });

  it('round-trips through a standard CSV parser', () => {
    const rows = [[1, 'a "quoted", value', 'multi\r\nline'], [2, 'ünïcødé ✓', '']];
    const parsed = Papa.parse<string[]>(toCsv(['n', 'text', 'more'], rows), { newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([['n', 'text', 'more'], ['1', 'a "quoted", value', 'multi\r\nline'], ['2', 'ünïcødé ✓', '']]);
  });
});
