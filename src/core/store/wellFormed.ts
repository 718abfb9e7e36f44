/**
 * `text` with every lone surrogate (half of a UTF-16 pair, which a JSON `\u` escape can make and a
 * slice can leave) replaced by U+FFFD, as TextEncoder writes it. UTF-8 has no bytes for one:
 * sql.js's own binding writes it as three bytes that are not UTF-8, which other SQLite clients
 * refuse (Python's sqlite3 cannot read the row) and which sql.js reads back as three U+FFFD.
 */
export function wellFormed(text: string): string {
  return text.isWellFormed() ? text : text.toWellFormed();
}
