import type { Database, SqlValue } from 'sql.js';
import type { EventFilter } from './filter';
import { eventRowsCondition } from './scanHints';
import { forEachRow } from './sqlRows';
import type { SummaryTable } from './summaries';

const INSERT_BATCH = 200;

/**
 * A summary's GROUP BY under a filter, computed here rather than by SQLite: SQLite evaluates the
 * key and aggregate expressions per event (no sorting), and the groups are kept in a Map. The
 * rows go into a TEMP table `table`, with the columns the stored summary has, by the same names.
 */
export function aggregateInto(db: Database, def: SummaryTable, filter: EventFilter, table: string): void {
  const aggregates = def.aggregates(db);
  const width = def.keys.length;
  const cond = eventRowsCondition(db, filter);
  // Few columns per row, since sql.js pays for each one: the sums (conditions) as the bits of one
  // integer, each min or max expression once, nothing for a count.
  const sums = aggregates.filter(([, kind]) => kind === 'sum');
  if (sums.length > 30) throw new Error('at most 30 sums fit in one integer');
  const extremes = [...new Set(aggregates.filter(([, kind]) => kind === 'min' || kind === 'max').map(([, , expr]) => expr))];
  // iif() is half the cost of coalesce(...) != 0 shifted into place, per event, in sql.js.
  const flags = sums.length ? sums.map(([, , expr], bit) => `iif((${expr}), ${2 ** bit}, 0)`).join(' | ') : '0';
  const columns = [...def.keys.map(([, expr]) => expr), flags, ...extremes];
  const slots = aggregates.map(([, kind, expr]) => (kind === 'sum' ? sums.findIndex((a) => a[2] === expr) : kind === 'count' ? -1 : extremes.indexOf(expr)));
  const groups = new Map<string, SqlValue[]>();
  forEachRow(db, `SELECT ${columns.join(', ')} FROM event_rows e WHERE ${cond.where}`, cond.params, (row) => {
    let key = '';
    for (let i = 0; i < width; i++) key += `${row[i]},`;
    let group = groups.get(key);
    if (!group) {
      group = row.slice(0, width);
      for (const [, kind] of aggregates) group.push(kind === 'count' || kind === 'sum' ? 0 : null);
      groups.set(key, group);
    }
    const bits = Number(row[width]);
    for (let j = 0; j < aggregates.length; j++) {
      const at = width + j;
      const kind = aggregates[j][1];
      if (kind === 'count') (group[at] as number)++;
      else if (kind === 'sum') group[at] = (group[at] as number) + ((bits >> slots[j]) & 1);
      else {
        const value = row[width + 1 + slots[j]];
        if (value === null) continue;
        // min and max run over timestamps: numbers.
        const n = Number(value);
        const now = group[at] as number | null;
        if (now === null || (kind === 'min' ? n < now : n > now)) group[at] = n;
      }
    }
  });
  const names = [...def.keys.map(([name]) => name), ...aggregates.map(([name]) => name)];
  db.run(`CREATE TEMP TABLE ${table} (${names.join(', ')})`);
  const rows = [...groups.values()];
  const placeholders = `(${names.map(() => '?').join(', ')})`;
  db.run('SAVEPOINT live_summary');
  try {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH);
      db.run(`INSERT INTO temp.${table} VALUES ${batch.map(() => placeholders).join(', ')}`, batch.flat());
    }
    db.run('RELEASE live_summary');
  } catch (err) {
    db.run('ROLLBACK TO live_summary');
    db.run('RELEASE live_summary');
    throw err;
  }
}
