// Two changes to sql.js's own code, applied when the CLI and the app are bundled. An sql.js whose
// code does not match each pattern exactly once fails the build rather than silently losing them.
//
// 1. Growth of the in-memory case file. sql.js keeps the case in Emscripten's MEMFS, whose file
//    grows by only 12.5 % once past 1 MiB, copying itself each time: a 300 MB case is copied about
//    nine times over. Doubling instead copies it at most twice. The CLI goes further: past 1 MiB the
//    file reserves 1 GiB (the largest case) at once and is never copied. Capacity that is never
//    written costs no memory (the pages are not touched), but every page written or copied into a
//    fresh buffer costs a page fault, and on a virtual machine a fault costs about 10 µs: doubling
//    alone made some 200,000 of them while a million audit lines were imported.
// 2. `Database.closeIntoBytes()`: closes the database and hands over its file's bytes as they sit
//    in MEMFS. `export()` copies them through SQLite's backup API into a fresh buffer first (a
//    second of work for a 300 MB case), which a process about to write the case and exit can spare.
// 3. The CLI's only: `Database.attachHostFile(file)` puts a real file behind the database's MEMFS
//    file: SQLite's reads, writes and truncations go to `file` (pread, pwrite, ftruncate) instead
//    of memory. An import then writes the case into its temp file as it goes, instead of into
//    memory first and to disk at the end: every byte of a 300 MB case was touched twice in fresh
//    memory (MEMFS, then the page cache), and on a virtual machine that is slow (measured in the
//    README's performance notes).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const GROWTH = /\b(\w+)\*\(\1<1048576\?2:1\.125\)>>>0/g;
/** The class sql.js exports as Database, at the end of its API's closure. */
const DATABASE_EXPORT = /\b(\w+)\.Database=(\w+)\}/g;
/** Inside export(): MEMFS's lookupPath, and a file node's contents and size properties. */
const LOOKUP_PATH = /var r=\s*(\w+)\(f\)\.node/g;
const NODE_BYTES = /new Uint8Array\(r\.(\w+)\.buffer,r\.\1\.byteOffset,r\.(\w+)\)/g;
/** MEMFS's read, write and setattr (stream, buffer, offset, length, position[, canOwn]) / (node, attributes). */
const MEMFS_READ = /read\((\w+),(\w+),(\w+),(\w+),(\w+)\)\{if\(\5>=\1\.node\.(\w+)\)return 0;/g;
const MEMFS_WRITE = /write\((\w+),(\w+),(\w+),(\w+),(\w+),(\w+)\)\{\2\.buffer===/g;
const MEMFS_SETATTR = /(\w+)\((\w+),(\w+)\)\{for\(var (\w+) of\["mode","atime","mtime","ctime"\]\)/g;

/** What the CLI's file reserves once past 1 MiB: the largest case (caseLimits.ts). */
export const CLI_RESERVE_BYTES = 2 ** 30;

function only(code, pattern, what, name) {
  const found = [...code.matchAll(pattern)];
  if (found.length !== 1) throw new Error(`${name}: expected one ${what} to patch, found ${found.length} (sql.js version changed?)`);
  return found[0];
}

/**
 * The host-file hooks (change 3): a MEMFS file node with a `hostFile` reads, writes and resizes
 * through it, and keeps its size (what fstat reports to SQLite) up to date.
 */
function hostFileHooks(code, name) {
  const [read, stream, buffer, offset, length, position, used] = only(code, MEMFS_READ, 'MEMFS read', name);
  const [write, wStream, wBuffer, wOffset, wLength, wPosition] = only(code, MEMFS_WRITE, 'MEMFS write', name);
  const [setattr, , node, attr] = only(code, MEMFS_SETATTR, 'MEMFS setattr', name);
  const hookedRead = read.replace('{', `{if(${stream}.node.hostFile)return ${stream}.node.hostFile.read(${buffer},${offset},${length},${position});`);
  const hookedWrite = write.replace('{',
    `{var hf=${wStream}.node.hostFile;if(hf){hf.write(${wBuffer},${wOffset},${wLength},${wPosition});` +
    `${wStream}.node.${used}=Math.max(${wStream}.node.${used},${wPosition}+${wLength});return ${wLength}}`);
  const hookedSetattr = setattr.replace('{', `{if(${node}.hostFile&&${attr}.size!==void 0){${node}.hostFile.resize(${attr}.size);${node}.${used}=${attr}.size}`);
  return { used, apply: (c) => c.replace(MEMFS_READ, () => hookedRead).replace(MEMFS_WRITE, () => hookedWrite).replace(MEMFS_SETATTR, () => hookedSetattr) };
}

/**
 * sql.js's code with the changes; `reserveBytes` (the CLI's) is the capacity a file past 1 MiB
 * takes at once, 0 for plain doubling; `hostFile` adds change 3. Throws when a pattern is not
 * found exactly once.
 */
export function patchSqlJs(code, { name = 'sql.js', reserveBytes = 0, hostFile = false } = {}) {
  const growth = only(code, GROWTH, 'MEMFS growth expression', name);
  const size = growth[1];
  const grown = reserveBytes > 0 ? `Math.max(${size}*2,${size}>=1048576?${reserveBytes}:0)>>>0` : `${size}*2>>>0`;
  const [, lookupPath] = only(code, LOOKUP_PATH, 'MEMFS path lookup in export()', name);
  const [, contents, used] = only(code, NODE_BYTES, 'MEMFS file bytes in export()', name);
  const [exported, , database] = only(code, DATABASE_EXPORT, 'Database export', name);
  const closeIntoBytes =
    `${database}.prototype.closeIntoBytes=function(){if(!this.db)throw Error("Database closed");` +
    `var n=${lookupPath}(this.filename).node;this.close();return new Uint8Array(n.${contents}.buffer,n.${contents}.byteOffset,n.${used})};`;
  let patched = code.replace(GROWTH, grown);
  let attach = '';
  if (hostFile) {
    const hooks = hostFileHooks(code, name);
    if (hooks.used !== used) throw new Error(`${name}: MEMFS read and export() disagree on the file size property`);
    patched = hooks.apply(patched);
    // Before the first statement (SQLite reads nothing at open): from then on the file is `file`.
    attach =
      `${database}.prototype.attachHostFile=function(f){if(!this.db)throw Error("Database closed");` +
      `var n=${lookupPath}(this.filename).node;n.hostFile=f;n.${used}=f.size;n.${contents}=new Uint8Array(0)};`;
  }
  return patched.replace(DATABASE_EXPORT, () => closeIntoBytes + attach + exported);
}

/** Paths of the installed sql.js files the CLI needs: its Node build and its wasm. */
export function sqlJsFiles(root) {
  const require = createRequire(`${root}/package.json`);
  return { js: require.resolve('sql.js/dist/sql-wasm.js'), wasm: require.resolve('sql.js/dist/sql-wasm.wasm') };
}

/** Vite plugin: patches sql.js wherever the renderer or its worker bundles it (plain doubling). */
export function sqlJsPatchPlugin() {
  return {
    name: 'sqljs-patch',
    async load(id) {
      if (!/[\\/]sql\.js[\\/]dist[\\/]sql-wasm(-browser)?\.js$/.test(id)) return null;
      return patchSqlJs(await readFile(id, 'utf8'), { name: id });
    },
  };
}
