import { displayWidth, neutralizeForTerminal } from './terminalText';

export interface TableColumn {
  title: string;
  /** Numbers read best right-aligned. */
  alignRight?: boolean;
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return right ? fill + text : text + fill;
}

/**
 * An aligned plain-text table, line by line (a query can return millions of rows): a header, a
 * dashed rule, one line per row, two spaces between columns, no trailing spaces. Every cell is
 * neutralized here, so no caller can forget to.
 */
export function* tableLines(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): Iterable<string> {
  const header = columns.map((c) => neutralizeForTerminal(c.title));
  const body = rows.map((r) => columns.map((_, i) => neutralizeForTerminal(r[i] ?? '')));
  const widths = header.map((h) => displayWidth(h));
  for (const row of body) {
    for (let i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], displayWidth(row[i]));
  }
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => pad(cell, widths[i], columns[i].alignRight === true)).join('  ').trimEnd() + '\n';
  yield line(header);
  yield widths.map((w) => '-'.repeat(w)).join('  ') + '\n';
  for (const row of body) yield line(row);
}

export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  return [...tableLines(columns, rows)].join('');
}
