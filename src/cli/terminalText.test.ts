import { describe, expect, it } from 'vitest';
import { formatTable } from './table';
import { displayWidth, neutralizeForTerminal } from './terminalText';

describe('neutralizeForTerminal', () => {
  it('shows C0, DEL and C1 controls (ESC, BEL, CSI, newlines) as \\xNN', () => {
    expect(neutralizeForTerminal('\x1b[31mred\x1b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(neutralizeForTerminal('a\nb\rc\td\x07e\x7f\u009b2J')).toBe('a\\x0ab\\x0dc\\x09d\\x07e\\x7f\\x9b2J');
    const hyperlink = neutralizeForTerminal('\x1b]8;;http://x\x07link\x1b]8;;\x07');
    expect(hyperlink.includes('\x1b') || hyperlink.includes('\x07')).toBe(false);
  });

  it('shows bidi overrides and invisible characters as \\u{XXXX}', () => {
    expect(neutralizeForTerminal('admin\u202e)txt.exe')).toBe('admin\\u{202e})txt.exe');
    expect(neutralizeForTerminal('zero\u200bwidth')).toBe('zero\\u{200b}width');
  });

  it('leaves ordinary text alone, non-ASCII included', () => {
    expect(neutralizeForTerminal('système:admin — ✓ 日本')).toBe('système:admin — ✓ 日本');
  });
});

describe('formatTable', () => {
  it('aligns by display width, right-aligns numbers, trims trailing spaces', () => {
    const text = formatTable([{ title: 'name' }, { title: 'n', alignRight: true }], [['日本', '5'], ['abcdef', '12']]);
    expect(text).toBe('name     n\n------  --\n日本     5\nabcdef  12\n');
    expect(displayWidth('日本')).toBe(4);
  });

  it('cannot be broken by a newline in a cell', () => {
    const text = formatTable([{ title: 'a' }, { title: 'b' }], [['x\ny', 'z']]);
    expect(text.trimEnd().split('\n')).toHaveLength(3);
  });
});
