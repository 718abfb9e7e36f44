/**
 * `node out/cli/filter-matrix.mjs CASE [--prepare OUT] [--runs N] [--views RE] [--combos RE] [--json FILE]`:
 * every view under a matrix of filters on a case file (../bench/filterMatrix.ts), the worst first.
 * The case is read, never written; --prepare builds the analysis indexes first and saves the
 * result to OUT (the app builds them after an import). Not a unit test: it takes minutes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ensureAnalysisIndexes } from '../../core/store/analysisIndexes';
import { CaseStore } from '../../core/store/caseStore';
import { nodePlatform } from '../../node/nodePlatform';
import { loadSqlEngine } from '../caseFile';
import { combinations, markSomeFindings, runCombination, type Timing } from '../bench/filterMatrix';

const LIMIT_MS = 1000;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { prepare: { type: 'string' }, runs: { type: 'string', default: '3' }, views: { type: 'string' }, combos: { type: 'string' }, json: { type: 'string' }, top: { type: 'string', default: '25' } },
  });
  const path = positionals[0];
  if (!path) throw new Error('usage: filter-matrix CASE [--prepare OUT] [--runs N] [--views RE] [--combos RE] [--json FILE]');
  const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
  const store = CaseStore.open(await loadSqlEngine(), nodePlatform, await readFile(path));
  const db = store.db;
  const started = performance.now();
  ensureAnalysisIndexes(db);
  log(`analysis indexes: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (values.prepare) {
    await writeFile(values.prepare, store.export());
    log(`saved ${values.prepare}`);
    return;
  }
  markSomeFindings(db);
  const { combos, described } = combinations(db);
  log(described);
  const viewRe = values.views ? new RegExp(values.views) : null;
  const comboRe = values.combos ? new RegExp(values.combos) : null;
  const chosen = combos.filter((c) => !comboRe || comboRe.test(c.name));
  const timings: Timing[] = [];
  for (const [i, combo] of chosen.entries()) {
    const rows = runCombination(db, combo, Number(values.runs), viewRe ? (v) => viewRe.test(v) : undefined);
    timings.push(...rows);
    // Written after each filter, so that a long run stopped early still leaves its numbers.
    if (values.json) await writeFile(values.json, JSON.stringify(timings));
    const worst = rows.reduce((a, r) => (r.cold > a.cold ? r : a), rows[0]);
    log(`[${i + 1}/${chosen.length}] ${combo.name.padEnd(40)} worst ${worst ? `${worst.view} ${Math.round(worst.cold)}/${Math.round(worst.warm)} ms` : '-'}`);
  }
  const fmt = (t: Timing): string => `${t.view.padEnd(18)} ${String(Math.round(t.cold)).padStart(6)} ${String(Math.round(t.warm)).padStart(6)}  ${t.combo}`;
  process.stdout.write(`${'view'.padEnd(18)} ${'cold'.padStart(6)} ${'warm'.padStart(6)}  filter (ms)\n`);
  for (const t of [...timings].sort((a, b) => b.cold - a.cold).slice(0, Number(values.top))) process.stdout.write(fmt(t) + '\n');
  process.stdout.write('\nworst per view (cold / warm):\n');
  for (const view of [...new Set(timings.map((t) => t.view))]) {
    const mine = timings.filter((t) => t.view === view);
    const cold = mine.reduce((a, t) => (t.cold > a.cold ? t : a));
    const warm = mine.reduce((a, t) => (t.warm > a.warm ? t : a));
    process.stdout.write(`  ${view.padEnd(18)} ${Math.round(cold.cold)} ms (${cold.combo}) / ${Math.round(warm.warm)} ms (${warm.combo})\n`);
  }
  const over = timings.filter((t) => t.cold >= LIMIT_MS || t.warm >= LIMIT_MS);
  process.stdout.write(`\n${over.length} of ${timings.length} view x filter answers at or over ${LIMIT_MS} ms (cold or warm)\n`);
  store.close();
}

main().catch((err: Error) => {
  process.stderr.write(`filter-matrix: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
