// sql.js keeps the case in an in-memory file (Emscripten's MEMFS) that grows by only 12.5 % once
// past 1 MiB, copying the whole file each time: a 300 MB case is copied about nine times over
// (several seconds and as many full garbage collections during an import). Doubling instead copies
// it at most twice; the capacity beyond the file's size is never written, so it costs no memory.
// Applied to sql.js's own file when the CLI and the app are bundled; an sql.js whose code does not
// match exactly once fails the build rather than silently losing the fix.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const GROWTH = /\b(\w+)\*\(\1<1048576\?2:1\.125\)>>>0/g;

/** sql.js's code with MEMFS capacity doubling; throws when the pattern is not found exactly once. */
export function patchMemfsGrowth(code, name = 'sql.js') {
  const found = code.match(GROWTH)?.length ?? 0;
  if (found !== 1) throw new Error(`${name}: expected one MEMFS growth expression to patch, found ${found} (sql.js version changed?)`);
  return code.replace(GROWTH, '$1*2>>>0');
}

/** Paths of the installed sql.js files the CLI needs: its Node build and its wasm. */
export function sqlJsFiles(root) {
  const require = createRequire(`${root}/package.json`);
  return { js: require.resolve('sql.js/dist/sql-wasm.js'), wasm: require.resolve('sql.js/dist/sql-wasm.wasm') };
}

/** Vite plugin: patches sql.js wherever the renderer or its worker bundles it. */
export function sqlJsGrowthPlugin() {
  return {
    name: 'sqljs-memfs-growth',
    async load(id) {
      if (!/[\\/]sql\.js[\\/]dist[\\/]sql-wasm(-browser)?\.js$/.test(id)) return null;
      return patchMemfsGrowth(await readFile(id, 'utf8'), id);
    },
  };
}
