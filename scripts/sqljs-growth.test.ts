import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { patchMemfsGrowth, sqlJsFiles } from './sqljs-growth.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('the sql.js MEMFS growth patch', () => {
  it('patches the one growth expression of both installed sql.js builds', async () => {
    const { js } = sqlJsFiles(ROOT);
    for (const file of [js, js.replace('sql-wasm.js', 'sql-wasm-browser.js')]) {
      const code = await readFile(file, 'utf8');
      const patched = patchMemfsGrowth(code, file);
      expect(code).toContain('1.125');
      expect(patched).not.toMatch(/<1048576\?2:1\.125/);
      expect(patched.length).toBe(code.length - '(m<1048576?2:1.125)'.length + 1);
    }
  });

  it('fails loudly on code it does not recognize', () => {
    expect(() => patchMemfsGrowth('var x = 1;', 'other.js')).toThrow(/other\.js: expected one MEMFS growth expression to patch, found 0/);
  });

  it('gives an engine whose cases the stock sql.js reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trailhound-sqljs-'));
    dirs.push(dir);
    const { js, wasm } = sqlJsFiles(ROOT);
    await writeFile(join(dir, 'sql-wasm.cjs'), patchMemfsGrowth(await readFile(js, 'utf8')));
    await copyFile(wasm, join(dir, 'sql-wasm.wasm'));
    const patchedInit = createRequire(join(dir, 'x.cjs'))('./sql-wasm.cjs') as (config?: object) => Promise<SqlJsStatic>;
    const SQL = await patchedInit();
    const db = new SQL.Database();
    db.run('CREATE TABLE t (n INTEGER, pad TEXT)');
    db.run('BEGIN');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    // About 24 MB: the file grows well past the 1 MiB where the stock growth slows down.
    for (let n = 0; n < 12_000; n++) insert.run([n, `${n}`.padEnd(2000, 'x')]);
    insert.free();
    db.run('COMMIT');
    const bytes = db.export();
    db.close();
    const stock = new (await initSqlJs()).Database(bytes);
    expect(stock.exec('SELECT count(*), sum(n), sum(length(pad)) FROM t')[0].values[0]).toEqual([12_000, (12_000 * 11_999) / 2, 24_000_000]);
    stock.close();
  });
});
