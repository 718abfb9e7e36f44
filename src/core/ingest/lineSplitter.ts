/** Longest line accepted; a longer one is rejected (and skipped to its end), never fatal. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export type SplitLine = { text: string; overlong: false } | { text: string; overlong: true };

/**
 * Decodes bytes to text (UTF-8 with or without BOM, UTF-16 with BOM) and splits lines on LF,
 * dropping a CR before it. Feed chunks with `push`, then `end`; each returns the complete lines.
 */
export class LineSplitter {
  #decoder: TextDecoder | null = null;
  readonly #decodeAscii: ((bytes: Uint8Array) => string | null) | null;
  /** The decoder holds no part of a character (the last byte it took was ASCII): a fast decode may take over. */
  #atCharBoundary = false;
  #carry = '';
  #overlong = false;
  #firstBytes = new Uint8Array(0);

  /** `decodeAscii`: the host's fast decoder for all-ASCII bytes (null for any other), where it has one. */
  constructor(decodeAscii: ((bytes: Uint8Array) => string | null) | null = null) {
    this.#decodeAscii = decodeAscii;
  }

  push(chunk: Uint8Array): SplitLine[] {
    if (!this.#decoder) {
      // Wait for two bytes so that a UTF-16 BOM split across chunks is still seen.
      const joined = new Uint8Array(this.#firstBytes.length + chunk.length);
      joined.set(this.#firstBytes);
      joined.set(chunk, this.#firstBytes.length);
      if (joined.length < 2) {
        this.#firstBytes = joined;
        return [];
      }
      this.#decoder = new TextDecoder(encodingFromBom(joined), { fatal: false });
      this.#firstBytes = new Uint8Array(0);
      return this.#split(this.#decode(joined));
    }
    if (this.#atCharBoundary && this.#decodeAscii) {
      const text = this.#decodeAscii(chunk);
      if (text !== null) return this.#split(text);
    }
    return this.#split(this.#decode(chunk));
  }

  #decode(bytes: Uint8Array): string {
    const decoder = this.#decoder as TextDecoder;
    this.#atCharBoundary = decoder.encoding === 'utf-8' && bytes.length > 0 && bytes[bytes.length - 1] < 0x80;
    return decoder.decode(bytes, { stream: true });
  }

  /** Ends the input: returns the last line if it had no newline. */
  end(): SplitLine[] {
    const tail = this.#decoder ? this.#decoder.decode() : new TextDecoder().decode(this.#firstBytes);
    const lines = this.#split(tail);
    if (this.#overlong) {
      lines.push({ text: this.#carry, overlong: true });
    } else if (this.#carry !== '') {
      lines.push({ text: stripCr(this.#carry), overlong: false });
    }
    this.#carry = '';
    this.#overlong = false;
    return lines;
  }

  /** The incomplete line held back, for reporting a truncated stream. */
  get pending(): string {
    return this.#carry;
  }

  #split(text: string): SplitLine[] {
    const out: SplitLine[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const piece = text.slice(start, nl);
      start = nl + 1;
      if (this.#overlong) {
        out.push({ text: this.#carry, overlong: true });
        this.#overlong = false;
        this.#carry = '';
        continue;
      }
      const line = this.#carry === '' ? piece : this.#carry + piece;
      this.#carry = '';
      if (line.length > MAX_LINE_CHARS) out.push({ text: line.slice(0, 200), overlong: true });
      else out.push({ text: stripCr(line), overlong: false });
    }
    if (start < text.length) {
      if (this.#overlong) return out;
      this.#carry += text.slice(start);
      if (this.#carry.length > MAX_LINE_CHARS) {
        // Keep only an excerpt for the reject; discard the rest of the line as it arrives.
        this.#carry = this.#carry.slice(0, 200);
        this.#overlong = true;
      }
    }
    return out;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function encodingFromBom(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}
