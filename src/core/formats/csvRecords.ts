import Papa from 'papaparse';

/**
 * CSV exports read as documents: a quoted cell may hold newlines (a Details column, a message), so
 * rows are not lines. Each row keeps the line it starts on and its own text as the raw record.
 */
export interface CsvRow {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  raw: string;
  cells: string[];
}

const CANDIDATES = [',', ';', '\t'] as const;

/** The delimiter of a header line: the candidate that splits it most, outside quotes. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ',';
  for (const [c, n] of counts) if (n > (counts.get(best) ?? 0)) best = c;
  return best;
}

/**
 * Kibana escapes cells that a spreadsheet would run as a formula with a leading `'` (`'@timestamp`,
 * `'-1`): the quote is not part of the value.
 */
export const unescapeCell = (cell: string): string => (cell.length > 1 && cell[0] === "'" && '=+-@'.includes(cell[1]) ? cell.slice(1) : cell);

function parseRows(text: string, delimiter: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step(result) {
      const end = result.meta.cursor;
      let raw = text.slice(start, end);
      const newlines = raw.split('\n').length - 1;
      if (raw.endsWith('\n')) raw = raw.slice(0, -1);
      rows.push({ line, raw, cells: result.data.map(unescapeCell) });
      line += newlines;
      start = end;
    },
  });
  return rows;
}

/** The header cells of a CSV text's first row, trimmed; null when the text has none. */
export function csvHeader(head: string): string[] | null {
  const firstLine = head.slice(0, head.indexOf('\n') >= 0 ? head.indexOf('\n') : head.length);
  if (firstLine.trim() === '') return null;
  const rows = parseRows(firstLine, detectDelimiter(firstLine));
  return rows.length > 0 ? rows[0].cells.map((c) => c.trim()) : null;
}

/** Header and data rows of a CSV document; a row of one empty cell is a blank line. */
export function readCsv(text: string): { header: string[]; rows: CsvRow[] } {
  const nl = text.indexOf('\n');
  const rows = parseRows(text, detectDelimiter(nl >= 0 ? text.slice(0, nl) : text));
  const header = rows.shift();
  return { header: header ? header.cells.map((c) => c.trim()) : [], rows };
}

export const isBlankRow = (row: CsvRow): boolean => row.cells.every((c) => c.trim() === '');
