import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_RESERVE_BYTES, patchSqlJs, sqlJsFiles } from './sqljs-patch.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

type PatchedDatabase = Database & { closeIntoBytes(): Uint8Array };

/** sql.js patched as the CLI bundles it, loaded from a folder of its own. */
async function patchedEngine(reserveBytes: number): Promise<SqlJsStatic> {
  const dir = await mkdtemp(join(tmpdir(), 'trailhound-sqljs-'));
  dirs.push(dir);
  const { js, wasm } = sqlJsFiles(ROOT);
  await writeFile(join(dir, 'sql-wasm.cjs'), patchSqlJs(await readFile(js, 'utf8'), { reserveBytes }));
  await copyFile(wasm, join(dir, 'sql-wasm.wasm'));
  const init = createRequire(join(dir, 'x.cjs'))('./sql-wasm.cjs') as (config?: object) => Promise<SqlJsStatic>;
  return init();
}

/** About 24 MB: the file grows well past the 1 MiB where the stock growth slows down. */
function fill(db: Database): void {
  db.run('CREATE TABLE t (n INTEGER, pad TEXT)');
  db.run('BEGIN');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  for (let n = 0; n < 12_000; n++) insert.run([n, `${n}`.padEnd(2000, 'x')]);
  insert.free();
  db.run('COMMIT');
}

const totals = (db: Database): unknown[] => db.exec('SELECT count(*), sum(n), sum(length(pad)) FROM t')[0].values[0];

describe('the sql.js patch', () => {
  it('patches both installed sql.js builds, with and without the CLI reservation', async () => {
    const { js } = sqlJsFiles(ROOT);
    for (const file of [js, js.replace('sql-wasm.js', 'sql-wasm-browser.js')]) {
      const code = await readFile(file, 'utf8');
      expect(code).toMatch(/<1048576\?2:1\.125/);
      for (const reserveBytes of [0, CLI_RESERVE_BYTES]) {
        const patched = patchSqlJs(code, { name: file, reserveBytes });
        expect(patched).not.toMatch(/<1048576\?2:1\.125/);
        expect(patched).toContain('.prototype.closeIntoBytes=function');
        expect(patched.includes(String(CLI_RESERVE_BYTES))).toBe(reserveBytes > 0);
      }
    }
  });

  it('fails loudly on code it does not recognize', () => {
    expect(() => patchSqlJs('var x = 1;', { name: 'other.js' })).toThrow(/other\.js: expected one MEMFS growth expression to patch, found 0/);
  });

  it.each([0, CLI_RESERVE_BYTES])('gives an engine whose cases the stock sql.js reads back (reserve %d)', async (reserveBytes) => {
    const SQL = await patchedEngine(reserveBytes);
    const stock = await initSqlJs();
    const exported = new SQL.Database();
    fill(exported);
    const viaExport = exported.export();
    exported.close();
    const closed = new SQL.Database() as PatchedDatabase;
    fill(closed);
    const viaClose = closed.closeIntoBytes();
    // The file as it sat in memory: its size, not the reserved capacity, and the same database.
    expect(viaClose.length).toBe(viaExport.length);
    for (const bytes of [viaExport, viaClose]) {
      const db = new stock.Database(bytes);
      expect(totals(db)).toEqual([12_000, (12_000 * 11_999) / 2, 24_000_000]);
      expect(db.exec('PRAGMA integrity_check')[0].values[0][0]).toBe('ok');
      db.close();
    }
    expect(() => closed.exec('SELECT 1')).toThrow(/closed/);
  });
});
