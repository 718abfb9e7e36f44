import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, restoreNeutralized, toCsv } from './csv';

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

describe('restoreNeutralized', () => {
  it('takes off exactly the apostrophe the writer added, for any text', () => {
    const values = ['=1+1', "'=1+1", "''+x", "'plain", 'plain', '-2+3', '@SUM(A1)', '\tx', '\rx', "'", '', '=HYPERLINK("http://x","y")'];
    for (const value of values) {
      const cell = Papa.parse<string[]>(csvField(value), { delimiter: ',' }).data[0]?.[0] ?? '';
      expect(restoreNeutralized(cell)).toBe(value);
    }
    expect(csvField("'=1+1")).toBe("''=1+1");
    expect(csvField("'plain")).toBe("'plain");
  });

  it('round-trips Unicode untouched: emoji, combining marks, right-to-left text and its overrides', () => {
    const values = ['👩🏽‍💻 🦊', 'é (e\u0301)', 'مستخدم', 'abc\u202Efdp.exe', '中文', '\u200Bzero width'];
    const text = toCsv(['v'], values.map((v) => [v]), { bom: true });
    const parsed = Papa.parse<string[]>(text.slice(1), { delimiter: ',', newline: '\r\n', skipEmptyLines: true });
    expect(parsed.data.slice(1).map((r) => r[0])).toEqual(values);
  });
});
