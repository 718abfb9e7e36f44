import type { Database } from 'sql.js';
import { markFinding } from '../../core/findings/findingsStore';
import { DEFAULT_INTERNAL_CIDRS } from '../../core/net/cidr';
import { clustersOverview } from '../../core/query/clusters';
import type { EventFilter, FieldValues, FilterField } from '../../core/query/filter';
import { eventRowsCondition } from '../../core/query/scanHints';
import { ipPage, ipsList } from '../../core/query/ips';
import { isEmptyFilter, pinned } from '../../core/query/pinned';
import { queryNumber, queryRows } from '../../core/query/sqlRows';
import { eventPageAt } from '../../core/query/tablePaging';
import { textCondition } from '../../core/query/textSearch';
import { countEvents, timelineOverview } from '../../core/query/timeline';
import { userPage, usersList } from '../../core/query/users';

/**
 * Every view of the UI, as the worker answers it, under a matrix of filters: each dimension alone
 * (included and excluded, a value with many events and one with few), pairs of dimensions, and
 * free text (a word in few events and one in about a third) with every other dimension. Each view
 * runs twice per filter: cold (the first question under that filter, as after a click) and warm.
 */

const PAGE = 200;
/** The Findings menu marks every event of a filter up to this many (renderer MAX_SELECTION). */
const MAX_SELECTION = 1000;

type View = (db: Database, filter: EventFilter) => void;

/** What the worker's overview runs, as the timeline asks it, plus the table's first page. */
function timelineView(db: Database, filter: EventFilter): void {
  timelineOverview(db, filter, 'activity');
  countEvents(db, {});
  eventPageAt(db, filter, 0, PAGE);
}

/** The analyst opens the busiest identity (or address) the list shows under the filter. */
const topUser = (db: Database, filter: EventFilter): string | undefined => usersList(db, filter, 1)[0]?.user;
const topIp = (db: Database, filter: EventFilter): string | undefined => ipsList(db, filter, DEFAULT_INTERNAL_CIDRS, 1)[0]?.ip;

export const VIEWS: Record<string, View> = {
  timeline: timelineView,
  users_list: (db, f) => usersList(db, f),
  ips_list: (db, f) => ipsList(db, f, DEFAULT_INTERNAL_CIDRS),
  clusters: (db, f) => clustersOverview(db, f),
  findings_selection: (db, f) => {
    if (isEmptyFilter(f)) return;
    const cond = eventRowsCondition(db, f);
    const total = queryNumber(db, `SELECT count(*) FROM event_rows e WHERE ${cond.where}`, cond.params);
    if (total <= MAX_SELECTION) queryRows(db, `SELECT e.id FROM event_rows e WHERE ${cond.where} ORDER BY e.ts, e.file_id, e.line`, cond.params);
  },
};

/** Pages reached from a list: the entity is chosen (untimed), then its page is timed. */
export const PAGES: Record<string, { pick: (db: Database, f: EventFilter) => string | undefined; run: (db: Database, f: EventFilter, v: string) => void }> = {
  user_page: { pick: topUser, run: (db, f, user) => userPage(db, f, user) },
  ip_page: {
    pick: topIp,
    run: (db, f, ip) => {
      ipPage(db, f, ip, DEFAULT_INTERNAL_CIDRS);
      // The page asks the worker's overview for its chart, under the address pinned.
      timelineOverview(db, pinned(f, 'src_ip', ip), 'activity');
    },
  },
};

export interface Combination {
  name: string;
  filter: EventFilter;
}

interface Sample {
  many: string;
  few: string;
}

function busiest(db: Database, field: string, order: 'DESC' | 'ASC'): string {
  // Few: the least busy value that still has some events (at least 20), so a page is not empty.
  const having = order === 'ASC' ? 'HAVING count(*) >= 20' : '';
  const sql = `SELECT s.value FROM event_rows e JOIN strings s ON s.id = e.${field}_id GROUP BY e.${field}_id ${having} ORDER BY count(*) ${order} LIMIT 1`;
  return String(queryRows(db, sql).rows[0]?.[0] ?? '');
}

function textHits(db: Database, word: string): number {
  const cond = textCondition(word);
  return cond ? queryNumber(db, `SELECT count(*) FROM event_rows e WHERE ${cond.where}`, cond.params) : 0;
}

/** Words from the case: one in a few events, one in about a third of them. */
function textWords(db: Database, total: number): { few: string; third: string } {
  const candidates = ['get', 'list', 'watch', 'update', 'pods', 'secrets', 'kube', 'system', 'default', 'payments', 'node', 'accepted', 'failed', 'password', 'kubectl', 'serviceaccount'];
  let third = candidates[0];
  let best = Infinity;
  for (const w of candidates) {
    const off = Math.abs(textHits(db, w) / total - 1 / 3);
    if (off < best) [best, third] = [off, w];
  }
  return { few: '203.0.113.77', third };
}

/** Dimensions of the filter with a value of many and one of few events. */
function samples(db: Database): { fields: Partial<Record<FilterField, Sample>>; time: EventFilter[]; text: { few: string; third: string }; total: number } {
  const total = countEvents(db, {});
  const fields: Partial<Record<FilterField, Sample>> = {};
  for (const f of ['cluster', 'node', 'namespace', 'user', 'src_ip', 'resource', 'source'] as const) {
    fields[f] = { many: busiest(db, f, 'DESC'), few: busiest(db, f, 'ASC') };
  }
  fields.verb = { many: 'get', few: 'delete' };
  fields.status_class = { many: '2xx', few: 'denied' };
  const [min, max] = queryRows(db, 'SELECT min(ts), max(ts) FROM event_rows').rows[0].map(Number);
  // The middle half of the case and an hour, both off minute boundaries (the rollup's partial edges).
  const quarter = Math.floor((max - min) / 4);
  const mid = Math.floor((min + max) / 2);
  const time = [{ from: min + quarter + 12_345, to: max - quarter + 54_321 }, { from: mid + 12_345, to: mid + 3_600_000 + 54_321 }];
  return { fields, time, text: textWords(db, total), total };
}

const one = (field: FilterField, value: string): FieldValues => ({ [field]: [value] });

/** The combinations the matrix runs. `findings` is the finding filter over events marked here. */
export function combinations(db: Database): { combos: Combination[]; described: string } {
  const s = samples(db);
  const combos: Combination[] = [{ name: 'none', filter: {} }];
  const dims = Object.entries(s.fields) as [FilterField, Sample][];
  s.time.forEach((t, i) => combos.push({ name: `time[${i === 0 ? 'half' : 'hour'}]`, filter: t }));
  for (const [field, v] of dims) {
    combos.push({ name: `+${field}=many`, filter: { include: one(field, v.many) } });
    combos.push({ name: `+${field}=few`, filter: { include: one(field, v.few) } });
    combos.push({ name: `-${field}=many`, filter: { exclude: one(field, v.many) } });
    combos.push({ name: `-${field}=few`, filter: { exclude: one(field, v.few) } });
  }
  combos.push({ name: 'text=few', filter: { text: s.text.few } }, { name: 'text=third', filter: { text: s.text.third } });
  combos.push({ name: 'findings', filter: { findings: {} } });
  // Pairs: both included (many), and one included with the other excluded.
  for (let i = 0; i < dims.length; i++) {
    for (let j = i + 1; j < dims.length; j++) {
      const [a, va] = dims[i];
      const [b, vb] = dims[j];
      combos.push({ name: `+${a}=many +${b}=many`, filter: { include: { ...one(a, va.many), ...one(b, vb.many) } } });
      combos.push({ name: `+${a}=many -${b}=many`, filter: { include: one(a, va.many), exclude: one(b, vb.many) } });
    }
    const [a, va] = dims[i];
    combos.push({ name: `time[half] +${a}=many`, filter: { ...s.time[0], include: one(a, va.many) } });
    combos.push({ name: `time[hour] -${a}=many`, filter: { ...s.time[1], exclude: one(a, va.many) } });
  }
  // Free text with every other dimension.
  for (const [word, label] of [[s.text.few, 'few'], [s.text.third, 'third']] as const) {
    combos.push({ name: `text=${label} time[half]`, filter: { text: word, ...s.time[0] } });
    combos.push({ name: `text=${label} findings`, filter: { text: word, findings: {} } });
    for (const [field, v] of dims) {
      combos.push({ name: `text=${label} +${field}=many`, filter: { text: word, include: one(field, v.many) } });
      combos.push({ name: `text=${label} -${field}=many`, filter: { text: word, exclude: one(field, v.many) } });
    }
  }
  const described = [
    `${s.total} events; text few=${JSON.stringify(s.text.few)} (${textHits(db, s.text.few)}), third=${JSON.stringify(s.text.third)} (${textHits(db, s.text.third)})`,
    ...dims.map(([f, v]) => `${f}: many=${JSON.stringify(v.many)} few=${JSON.stringify(v.few)}`),
    `time: ${s.time.map((t) => `${new Date(t.from ?? 0).toISOString()}..${new Date(t.to ?? 0).toISOString()}`).join(', ')}`,
  ].join('\n');
  return { combos, described };
}

/** Marks a few findings (in memory only) so that the finding filter has events to match. */
export function markSomeFindings(db: Database): void {
  const ids = queryRows(db, 'SELECT id FROM event_rows WHERE id % 997 = 0 LIMIT 2000').rows.map((r) => Number(r[0]));
  for (let i = 0; i < ids.length; i += 500) markFinding(db, { eventIds: ids.slice(i, i + 500), severity: 'high', tags: ['matrix'] });
}

export interface Timing {
  view: string;
  combo: string;
  cold: number;
  warm: number;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Runs every view under one combination: cold, then warm (median of `warmRuns`). */
export function runCombination(db: Database, combo: Combination, warmRuns: number, only?: (view: string) => boolean): Timing[] {
  const out: Timing[] = [];
  const measure = (view: string, fn: () => void): void => {
    if (only && !only(view)) return;
    const cold = time(fn);
    const warm = Array.from({ length: warmRuns }, () => time(fn)).sort((a, b) => a - b)[Math.floor(warmRuns / 2)];
    out.push({ view, combo: combo.name, cold, warm });
  };
  for (const [view, fn] of Object.entries(VIEWS)) measure(view, () => fn(db, combo.filter));
  for (const [view, page] of Object.entries(PAGES)) {
    if (only && !only(view)) continue;
    const value = page.pick(db, combo.filter);
    if (value !== undefined) measure(view, () => page.run(db, combo.filter, value));
  }
  return out;
}
