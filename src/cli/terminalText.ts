/**
 * C0 controls (ESC, BEL, CR, LF, TAB...), DEL and C1 controls (0x9B is a one-byte CSI), shown as
 * `\xNN`: a log field carrying ANSI sequences must not recolor, move the cursor, retitle or
 * hyperlink the analyst's terminal, and a newline must not forge an extra table row.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/**
 * Bidirectional overrides and invisible format characters, shown as `\u{XXXX}`: they can make a
 * value read differently from what it is ("Trojan Source").
 */
const INVISIBLE_FORMATTING = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Makes text from logs safe and visible on a terminal. JSON and CSV output need not use it. */
export function neutralizeForTerminal(text: string): string {
  return text
    .replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .replace(INVISIBLE_FORMATTING, (c) => `\\u{${c.charCodeAt(0).toString(16).padStart(4, '0')}}`);
}

/** Terminal columns a string takes, close enough for alignment: one per code point, wide CJK and emoji as two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0x300 && cp <= 0x36f) continue;
    width += cp >= 0x1100 && isWide(cp) ? 2 : 1;
  }
  return width;
}

function isWide(cp: number): boolean {
  return (cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd);
}
