/** A value as it comes out of SQLite (or a findings row). */
export type CsvValue = string | number | bigint | boolean | null | undefined | Uint8Array;

export interface CsvOptions {
  /** Prefix a UTF-8 byte order mark so that spreadsheet programs pick the right encoding. */
  bom?: boolean;
  /** Defuse text that a spreadsheet would run as a formula (default true). */
  neutralizeFormulas?: boolean;
  /** Record separator; RFC 4180 says CRLF (the default). */
  eol?: '\r\n' | '\n';
}

/**
 * Text that spreadsheets treat as a formula or a formula prefix (OWASP "CSV injection"). Log
 * fields are attacker-controlled, so a user agent of `=HYPERLINK(...)` must stay text.
 * Apostrophes already in front count too: `'=x` is written `''=x`, so that reading back
 * (restoreNeutralized) takes off exactly the apostrophe the writer added.
 */
const NEUTRALIZED_START = /^'*[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * One field: numbers stay numbers (a negative number is not a formula), text that would start a
 * formula gets a leading apostrophe, BLOBs are written as lowercase hex, NULL as an empty field.
 */
export function csvField(value: CsvValue, neutralizeFormulas = true): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Uint8Array) return hex(value);
  const text = neutralizeFormulas && NEUTRALIZED_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, without its line ending. */
export function csvRecord(values: readonly CsvValue[], neutralizeFormulas = true): string {
  return values.map((v) => csvField(v, neutralizeFormulas)).join(',');
}

/**
 * A whole CSV document (RFC 4180): a header record, then one record per row, each ended by the
 * line ending. The header is neutralized too: column names can come from the user's SQL.
 */
export function toCsv(columns: readonly string[], rows: Iterable<readonly CsvValue[]>, options: CsvOptions = {}): string {
  const neutralize = options.neutralizeFormulas ?? true;
  const eol = options.eol ?? '\r\n';
  const parts: string[] = [csvRecord(columns, neutralize)];
  for (const row of rows) parts.push(csvRecord(row, neutralize));
  return (options.bom ? '\uFEFF' : '') + parts.join(eol) + eol;
}

/** Undoes csvField's neutralization on a cell read back from a CSV this writer produced. */
export function restoreNeutralized(cell: string): string {
  return cell.startsWith("'") && NEUTRALIZED_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
