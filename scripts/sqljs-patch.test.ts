import { statSync } from 'node:fs';
import { copyFile, mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { attachHostFile, canAttachHostFile, HostFileError } from '../src/node/hostFile';
import { CLI_RESERVE_BYTES, patchSqlJs, sqlJsFiles } from './sqljs-patch.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

type PatchedDatabase = Database & { closeIntoBytes(): Uint8Array };

/** sql.js patched as the CLI bundles it, loaded from a folder of its own. */
async function patchedEngine(reserveBytes: number, hostFile = false): Promise<SqlJsStatic> {
  const dir = await tempDir();
  const { js, wasm } = sqlJsFiles(ROOT);
  await writeFile(join(dir, 'sql-wasm.cjs'), patchSqlJs(await readFile(js, 'utf8'), { reserveBytes, hostFile }));
  await copyFile(wasm, join(dir, 'sql-wasm.wasm'));
  const init = createRequire(join(dir, 'x.cjs'))('./sql-wasm.cjs') as (config?: object) => Promise<SqlJsStatic>;
  return init();
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'trailhound-sqljs-'));
  dirs.push(dir);
  return dir;
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
    // The host file hooks: the CLI's Node build only.
    expect(patchSqlJs(await readFile(js, 'utf8'), { hostFile: true })).toContain('.prototype.attachHostFile=function');
    expect(patchSqlJs(await readFile(js, 'utf8'))).not.toContain('attachHostFile');
  });

  it('puts a real file behind a database: SQLite writes, reads back, grows and shrinks it there', async () => {
    const SQL = await patchedEngine(CLI_RESERVE_BYTES, true);
    const stock = await initSqlJs();
    const path = join(await tempDir(), 'case.sqlite');
    const handle = await open(path, 'w+');
    const db = new SQL.Database();
    expect(canAttachHostFile(SQL)).toBe(true);
    // Flushed to disk in the background every MiB written, as an import does every 64 MiB.
    const file = attachHostFile(db, handle, 2 ** 20);
    fill(db);
    // A cache far smaller than the file: pages are read back from the file, not from memory.
    db.run('PRAGMA cache_size = 10');
    expect(totals(db)).toEqual([12_000, (12_000 * 11_999) / 2, 24_000_000]);
    db.close();
    await file.flushed();
    await handle.close();
    const written = await readFile(path);
    expect(written.length).toBeGreaterThan(24_000_000);
    const check = new stock.Database(written);
    expect(totals(check)).toEqual([12_000, (12_000 * 11_999) / 2, 24_000_000]);
    check.close();

    // Opened again over the same file: it reads what is there, adds to it, and VACUUM truncates it.
    const again = await open(path, 'r+');
    const reopened = new SQL.Database();
    attachHostFile(reopened, again);
    expect(totals(reopened)).toEqual([12_000, (12_000 * 11_999) / 2, 24_000_000]);
    reopened.run('DELETE FROM t WHERE n >= 1000');
    reopened.run('VACUUM');
    expect(totals(reopened)).toEqual([1000, (1000 * 999) / 2, 2_000_000]);
    const pages = reopened.exec('PRAGMA page_count')[0].values[0][0] as number;
    const pageSize = reopened.exec('PRAGMA page_size')[0].values[0][0] as number;
    reopened.close();
    await again.close();
    expect(statSync(path).size).toBe(pages * pageSize);
    const shrunk = new stock.Database(await readFile(path));
    expect(shrunk.exec('PRAGMA integrity_check')[0].values[0][0]).toBe('ok');
    expect(totals(shrunk)).toEqual([1000, (1000 * 999) / 2, 2_000_000]);
    shrunk.close();
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

  it('lets a failed write reach the caller as a HostFileError (a full disk during an import)', async () => {
    const SQL = await patchedEngine(CLI_RESERVE_BYTES, true);
    const path = join(await tempDir(), 'read-only.sqlite');
    await writeFile(path, '');
    const handle = await open(path, 'r');
    const db = new SQL.Database();
    attachHostFile(db, handle);
    expect(() => fill(db)).toThrow(HostFileError);
    db.close();
    await handle.close();
  });
});
