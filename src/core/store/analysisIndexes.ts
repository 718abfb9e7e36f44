import type { Database } from 'sql.js';
import { queryNumber, queryRows } from '../query/sqlRows';
import { eventsStamp, liveSummarySql, SUMMARY_TABLES, summariesFresh, summaryStampKey, type SummaryTable } from '../query/summaries';
import { TEXT_INDEX_TABLE } from '../query/textSearch';

/**
 * What the investigation views need beyond the import's own tables, built after an import rather
 * than during it (each index on a table slows every insert): per-column indexes for the filters,
 * the summary tables (query/summaries.ts) and the free-text index. All are kept in the case.
 * The work comes in steps of about a second, so that the worker can answer the UI in between.
 */

/** Indexes for the filters that pin a column; `ts` second so a filtered table pages in time order. */
const FILTER_INDEXES: readonly string[] = ['user_id', 'src_ip_id', 'src_ips_id', 'namespace_id', 'resource_id', 'source_id'];

/**
 * One narrow index holding every column the views group, count and filter by (all but the name),
 * time first: a view that reads every matching event (a live summary, a histogram under a filter
 * the rollup cannot express) scans it instead of the wide rows, in a quarter of the time.
 */
const FACTS_INDEX = 'event_rows_facts';
const FACTS_COLUMNS = ['ts', 'source_id', 'verb_id', 'status_code', 'cluster_id', 'node_id', 'user_id', 'namespace_id', 'resource_id', 'src_ip_id', 'src_ips_id', 'action_id', 'file_id'];

/** Events added to the text index per step. */
const TEXT_CHUNK = 40_000;
const TEXT_UPTO_KEY = 'analysis_text_upto';

/** Interned columns whose text goes into the index, then the plain text columns. */
const TEXT_COLUMNS = ['user', 'impersonated_user', 'src_ips', 'src_ip', 'user_agent', 'namespace', 'resource', 'subresource', 'name', 'node', 'cluster', 'action', 'reason'];

export interface AnalysisStep {
  /** What the step builds, for the status bar. */
  label: string;
  run(): void;
}

function setMeta(db: Database, key: string, value: string): void {
  db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

function indexName(column: string): string {
  return `event_rows_${column.replace(/_id$/, '')}`;
}

function textUpto(db: Database): number {
  return Number(queryRows(db, 'SELECT value FROM meta WHERE key = ?', [TEXT_UPTO_KEY]).rows[0]?.[0] ?? 0);
}

function createTextIndex(db: Database): void {
  db.run(`CREATE VIRTUAL TABLE IF NOT EXISTS ${TEXT_INDEX_TABLE} USING fts4(content='', body, tokenize=unicode61)`);
}

function addTextChunk(db: Database, after: number, upto: number): void {
  createTextIndex(db);
  const text = TEXT_COLUMNS.map((c) => `coalesce((SELECT value FROM strings WHERE id = e.${c}_id), '')`);
  text.push("coalesce(e.message, '')", "coalesce(e.details, '')");
  db.run('BEGIN');
  try {
    db.run(`INSERT INTO ${TEXT_INDEX_TABLE} (docid, body) SELECT e.id, ${text.join(" || ' ' || ")} FROM event_rows e WHERE e.id > ? AND e.id <= ?`, [after, upto]);
    setMeta(db, TEXT_UPTO_KEY, String(upto));
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  }
}

/**
 * The text index covers events by id: new events are added after each import. (A later stage of
 * a request merged into an event already indexed keeps the words of the earlier stage: the index
 * stores no text, so it cannot take words out.)
 */
function nextTextStep(db: Database): AnalysisStep | null {
  const maxId = queryNumber(db, 'SELECT coalesce(max(id), 0) FROM event_rows');
  const upto = textUpto(db);
  if (upto >= maxId) return null;
  const end = Math.min(maxId, upto + TEXT_CHUNK);
  return { label: `text index ${Math.round((upto / maxId) * 100)}%`, run: () => addTextChunk(db, upto, end) };
}

/** One summary table at a time: each is a scan of the events, and the UI's requests wait between them. */
function rebuildSummary(db: Database, def: SummaryTable): void {
  const stamp = eventsStamp(db);
  db.run('BEGIN');
  try {
    db.run(`DROP TABLE IF EXISTS ${def.table}`);
    const live = liveSummarySql(db, def, {});
    db.run(`CREATE TABLE ${def.table} AS ${live.sql}`, live.params);
    setMeta(db, summaryStampKey(def), stamp);
    db.run('COMMIT');
  } catch (err) {
    db.run('ROLLBACK');
    throw err;
  }
}

/** The next piece of work, or null when everything is built and fresh. Indexes first: the filters need them most. */
export function nextAnalysisStep(db: Database): AnalysisStep | null {
  const existing = new Set(queryRows(db, "SELECT name FROM sqlite_master WHERE type = 'index'").rows.map((r) => String(r[0])));
  for (const column of FILTER_INDEXES) {
    const name = indexName(column);
    if (!existing.has(name)) return { label: `index ${column.replace(/_id$/, '')}`, run: () => db.run(`CREATE INDEX IF NOT EXISTS ${name} ON event_rows (${column}, ts)`) };
  }
  if (!existing.has(FACTS_INDEX)) return { label: 'index facts', run: () => db.run(`CREATE INDEX IF NOT EXISTS ${FACTS_INDEX} ON event_rows (${FACTS_COLUMNS.join(', ')})`) };
  for (const def of SUMMARY_TABLES) {
    if (!summariesFresh(db, def)) return { label: `summary ${def.table.replace(/_summary$/, '')}`, run: () => rebuildSummary(db, def) };
  }
  return nextTextStep(db);
}

/** Builds everything still missing, at once (the CLI, the benchmark, tests). */
export function ensureAnalysisIndexes(db: Database): void {
  for (let step = nextAnalysisStep(db); step; step = nextAnalysisStep(db)) step.run();
}

/** Completes the text index, which a free-text filter needs whole (the worker runs this before such a query). */
export function ensureTextIndex(db: Database): void {
  createTextIndex(db);
  for (let step = nextTextStep(db); step; step = nextTextStep(db)) step.run();
}

/** Whether a free-text query can run right away. */
export function textIndexReady(db: Database): boolean {
  return nextTextStep(db) === null;
}
