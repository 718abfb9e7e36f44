import type { SqlValue } from 'sql.js';
import { describe, expect, it } from 'vitest';
import { ensureAnalysisIndexes } from '../store/analysisIndexes';
import { investigationCase } from '../testing/investigationCase';
import { coverage, hourGaps } from './coverage';
import type { EventFilter } from './filter';
import { queryRows } from './sqlRows';

const H = 3_600_000;

/** Coverage lanes computed by plain SQL over the public events view. */
function plainLanes(db: Parameters<typeof coverage>[0], where: string, params: SqlValue[]) {
  const hours = queryRows(db, `SELECT cluster, node, source, ts / ${H} FROM events WHERE ${where} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`, params).rows;
  const lanes = queryRows(db, `SELECT cluster, node, source, min(ts), max(ts), count(*), count(DISTINCT file_id) FROM events WHERE ${where} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, params).rows;
  return lanes.map(([cluster, node, source, first, last, events, files]) => {
    const mine = hours.filter((h) => h[0] === cluster && h[1] === node && h[2] === source).map((h) => Number(h[3]));
    return { cluster, node, source, first, last, events, files, hours: mine.map((h) => h * H), gaps: hourGaps(mine) };
  });
}

describe('coverage under a time range', async () => {
  const { store } = await investigationCase();
  const db = store.db;
  ensureAnalysisIndexes(db);
  const [min, max] = queryRows(db, 'SELECT min(ts), max(ts) FROM events').rows[0].map(Number);
  const hour = Math.ceil(min / H) * H;
  const ranges: [string, { from?: number; to?: number }][] = [
    ['cut at both ends', { from: hour + 1_234, to: hour + 3 * H + 56_789 }],
    ['whole hours', { from: hour, to: hour + 2 * H }],
    ['from only', { from: hour + H / 2 }],
    ['to only', { to: max - H - 4_321 }],
    ['inside one hour', { from: hour + 60_000, to: hour + 120_000 }],
    ['past the events', { from: min - 5 * H, to: max + 5 * H }],
  ];
  const fields: [string, EventFilter, string, SqlValue[]][] = [
    ['every event', {}, '1', []],
    ['+cluster', { include: { cluster: ['prod-eu-1'] } }, "cluster = 'prod-eu-1'", []],
    ['-source', { exclude: { source: ['authlog'] } }, "source IS NOT 'authlog'", []],
  ];
  for (const [rangeName, range] of ranges) {
    for (const [fieldName, filter, where, params] of fields) {
      it(`gives the lanes plain SQL gives: ${rangeName}, ${fieldName}`, () => {
        const conds = [where];
        if (range.from !== undefined) conds.push(`ts >= ${range.from}`);
        if (range.to !== undefined) conds.push(`ts < ${range.to}`);
        const expected = plainLanes(db, conds.join(' AND '), params);
        const lanes = coverage(db, { ...filter, ...range });
        const order = (l: { cluster: SqlValue; node: SqlValue; source: SqlValue }): string => JSON.stringify([l.cluster, l.node, l.source]);
        expect([...lanes].sort((a, b) => order(a).localeCompare(order(b)))).toEqual(expected.sort((a, b) => order(a).localeCompare(order(b))));
      });
    }
  }
});
